#!/usr/bin/env bash
# Median table of a run-stack.sh measurement: stack-table.sh RESULTS_DIR/raw.txt [raw2.txt ...]
# (several raw files are read as one session, e.g. a phase re-run into another directory).
# Per server: cpu_ms per call at the fixed rate (median; runs), max clean cps (median; runs),
# INVITE->200 p99 at the fixed rate and in the p99 phase, lossy completed/failed, idle CPU,
# and the outside load (other_cpu_s) seen by the runs.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 raw.txt [raw.txt ...]" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
awk -f "$HERE/lib/median.awk" -f <(cat <<'AWK'
  /^server=/ {
    delete f
    for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    s = f["server"]; k = f["kind"]
    if (!(s in seen)) { seen[s] = 1; order[++ns] = s }
    if (k == "fixed") {
      cpu[s] = cpu[s] " " f["cpu_ms_per_call"]; p99f[s] = p99f[s] " " f["rtt_p99_ms"]
      retr[s] = retr[s] " " f["retrans"]; oth[s] = oth[s] " " f["other_cpu_s"]
      scpu[s] = scpu[s] " " (f["elapsed_s"] > 0 ? sprintf("%.0f", 100 * f["server_cpu_s"] / f["elapsed_s"]) : "")
    }
    if (k == "maxcps") {
      mx[s] = mx[s] " " f["max_clean_cps"]
      mxo[s] = mxo[s] " " f["other_cpu_s"]
      mxc[s] = mxc[s] " " (f["elapsed_s"] > 0 ? sprintf("%.0f", 100 * f["server_cpu_s"] / f["elapsed_s"]) : "")
      mxs[s] = mxs[s] " " f["sipp_cpu_pct"]
    }
    if (k == "p99") { r = f["rate"]; key = s SUBSEP r; if (!(key in p99)) prates[s] = prates[s] " " r
      p99[key] = p99[key] " " f["rtt_p99_ms"]; p99m[key] = p99m[key] " " f["rtt_max_ms"]
      p99ok[key] = p99ok[key] " " f["completed"] "/" f["failed"] "/" f["retrans"]; p99c[key] = p99c[key] " " f["cpu_ms_per_call"]
      p99st[key] = p99st[key] " " (("steal_s" in f) ? f["steal_s"] : "-") }
    if (k == "p99stolen") { key = s SUBSEP f["rate"]; stolen[key] = stolen[key] " " f["rtt_p99_ms"] "@" f["steal_s"] }
    if (k == "lossy") lossy[s] = lossy[s] (lossy[s] ? ", " : "") f["completed"] "/" f["failed"]
    if (k == "idle") idle[s] = f["idle_cpu_pct"]
  }
  END {
    print "| server | cpu_ms/call @ fixed rate (median; runs) | server CPU % @ fixed | INVITE->200 p99 ms @ fixed (runs) | retrans @ fixed | other_cpu_s @ fixed | max clean cps (median; runs) | server CPU % / SIPp CPU % at max | lossy completed/failed | idle CPU % |"
    print "|---|---|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= ns; i++) {
      s = order[i]
      printf "| %s | %s (%s) | %s | %s (%s) | %s | %s | %s (%s) | %s / %s | %s | %s |\n", s,
        median(cpu[s]), csv(cpu[s]), median(scpu[s]), median(p99f[s]), csv(p99f[s]), csv(retr[s]), csv(oth[s]),
        median(mx[s]), csv(mx[s]), csv(mxc[s]), csv(mxs[s]), (s in lossy) ? lossy[s] : "-", (s in idle) ? idle[s] : "-"
    }
    print ""
    print "| server | rate (cps) | INVITE->200 p99 ms (median; runs) | max ms (runs) | completed/failed/retrans (runs) | cpu_ms/call (runs) | steal_s (runs) | re-run for steal: p99 ms@steal_s |"
    print "|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= ns; i++) {
      s = order[i]; n = split(prates[s], rs, " ")
      for (j = 1; j <= n; j++) { key = s SUBSEP rs[j]
        printf "| %s | %s | %s (%s) | %s | %s | %s | %s | %s |\n", s, rs[j], median(p99[key]), csv(p99[key]), csv(p99m[key]), csv(p99ok[key]), csv(p99c[key]), csv(p99st[key]), (key in stolen) ? csv(stolen[key]) : "-" }
    }
  }
AWK
) "$@"
