#!/usr/bin/env bash
# Summary of a run-srf.sh measurement: srf-table.sh RESULTS_DIR/raw.txt [raw2.txt ...]
# (several raw files are read as one session). Medians of the fixed-rate runs per server (CPU ms
# per call, the example against the references), the find-max and sustained runs, and the ratios
# issue 4 asks for (uas <= jainsip / 2, uas <= kamailio). Markdown on stdout.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 raw.txt [raw.txt ...]" >&2; exit 2; }
awk -f "$HERE/lib/median.awk" -f <(cat <<'AWK'
  /^server=/ {
    delete f
    for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    s = f["server"]; k = f["kind"]; split(f["load"], ld, "/")
    if (k == "fixed") {
      if (!(s in seen)) { seen[s] = 1; order[++ns] = s }
      rate[s] = f["rate"]; cpu[s] = cpu[s] " " f["cpu_ms_per_call"]
      scpu[s] = scpu[s] " " (f["elapsed_s"] > 0 ? sprintf("%.0f", 100 * f["server_cpu_s"] / f["elapsed_s"]) : "")
      p99[s] = p99[s] " " f["rtt_p99_ms"]; cf[s] = cf[s] " " f["completed"] "/" f["failed"] "/" f["retrans"]
      oth[s] = oth[s] " " f["other_cpu_s"]; load[s] = load[s] " " ld[1]
    }
    if (k == "idle") idle[s] = f["idle_cpu_pct"]
    if (k == "maxcps") {
      if (!(s in mseen)) { mseen[s] = 1; morder[++nm] = s }
      mx[s] = mx[s] " " f["max_clean_cps"]; mu[s] = mu[s] " " f["first_unclean"]
      mc[s] = mc[s] " " (f["elapsed_s"] > 0 ? sprintf("%.0f/%s", 100 * f["server_cpu_s"] / f["elapsed_s"], f["sipp_cpu_pct"]) : "-")
      mcpu[s] = mcpu[s] " " f["cpu_ms_per_call"]; mload[s] = mload[s] " " ld[1]; moth[s] = moth[s] " " f["other_cpu_s"]
    }
    if (k == "sustain") sus[++nsus] = sprintf("| %s | %s | %s | %s/%s/%s | %s | %s | %s | %s |", s, f["rate"], f["elapsed_s"],
      f["completed"], f["failed"], f["retrans"], f["achieved_cps"], f["cpu_ms_per_call"], f["other_cpu_s"], ld[1])
  }
  function m4(list,   m) { m = median(list); return m == "-" ? m : sprintf("%.4f", m) }
  END {
    print "### CPU per call at a fixed rate (medians of the rounds; each round runs every server once)"
    print ""
    print "| server | rate (cps) | cpu_ms/call (median; runs) | server CPU % of a core | INVITE->200 p99 ms (runs) | completed/failed/retrans (runs) | other_cpu_s (runs) | load 1 min (runs) | idle CPU % |"
    print "|---|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= ns; i++) {
      s = order[i]
      printf "| %s | %s | %s (%s) | %s | %s | %s | %s | %s | %s |\n", s, rate[s], m4(cpu[s]), csv(cpu[s]), median(scpu[s]),
        csv(p99[s]), csv(cf[s]), csv(oth[s]), csv(load[s]), (s in idle) ? idle[s] : "-"
    }
    print ""
    u = ("uas" in seen) ? median(cpu["uas"]) : ""
    if (u != "") {
      if ("jainsip" in seen) printf "- uas / jainsip = %.2f (target <= 0.50)\n", u / median(cpu["jainsip"])
      if ("kamailio" in seen) printf "- uas / kamailio = %.2f (target <= 1.00)\n", u / median(cpu["kamailio"])
      if ("responder" in seen) printf "- uas - responder = %.4f ms per call: the application layer (srf, createUAS, SDP) over the bare stack (uas / responder = %.2f)\n", u - median(cpu["responder"]), u / median(cpu["responder"])
    }
    if ("uas-noring" in seen) {
      n = median(cpu["uas-noring"])
      printf "- uas-noring (INVITE -> 200, no 180: the references' message flow): %.4f ms per call", n
      if ("jainsip" in seen) printf "; / jainsip = %.2f (target <= 0.50)", n / median(cpu["jainsip"])
      if ("kamailio" in seen) printf "; / kamailio = %.2f (target <= 1.00)", n / median(cpu["kamailio"])
      print ""
    }
    if ("b2bua" in seen) {
      b = median(cpu["b2bua"])
      printf "- b2bua: %.4f ms per bridged call (B2BUA process only)", b
      if (u != "") printf "; b2bua / uas = %.2f", b / u
      if ("jainsip" in seen) printf "; b2bua / jainsip UAS = %.2f", b / median(cpu["jainsip"])
      if ("kamailio" in seen) printf "; b2bua / kamailio UAS = %.2f", b / median(cpu["kamailio"])
      print ""
    }
    if (nm) {
      print ""
      print "### Highest clean rate (find-max-cps.sh: 10 s steps; clean = 0 failed, 0 retransmissions, >= 95 % of the asked rate)"
      print ""
      print "| server | max clean cps (median; runs) | first unclean (runs) | server CPU % / SIPp CPU % at the max (runs) | cpu_ms/call at the max (runs) | other_cpu_s (runs) | load 1 min (runs) |"
      print "|---|---|---|---|---|---|---|"
      for (i = 1; i <= nm; i++) { s = morder[i]
        printf "| %s | %s (%s) | %s | %s | %s | %s | %s |\n", s, median(mx[s]), csv(mx[s]), csv(mu[s]), csv(mc[s]), csv(mcpu[s]), csv(moth[s]), csv(mload[s]) }
    }
    if (nsus) {
      print ""
      print "### Sustained runs (longer than the 32 s every call's transactions live)"
      print ""
      print "| server | rate (cps) | elapsed s | completed/failed/retrans | achieved cps | cpu_ms/call | other_cpu_s | load 1 min |"
      print "|---|---|---|---|---|---|---|---|"
      for (i = 1; i <= nsus; i++) print sus[i]
    }
  }
AWK
) "$@"
