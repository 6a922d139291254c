#!/usr/bin/env bash
# Where a server's CPU goes at a fixed call rate: per-thread CPU and context switches
# (/proc), system calls per call (perf trace -s), a CPU profile with call stacks (perf record,
# JIT symbols from `jcmd Compiler.perfmap`), and for the JVMs a JFR recording (execution and
# allocation samples, GC). Needs perf (linux-perf) and root or perf_event_paranoid <= 1.
#
# Usage: bench/stack-profile.sh [SERVER...]    (default: sipflow jainsip kamailio)
#   SERVER as in run-stack.sh (sipflow, sipflow-ringing, sipflow-g1, jainsip, kamailio, ...), or
#   as in SERVER_SCRIPT (e.g. bench/run-srf.sh: uas, b2bua, responder, ...)
# Environment: RATE (1000), CALLS (20000 per measured run), WARMUP ("500:5000 1000:10000
#   2000:20000 1000:20000"), RESULTS_DIR (bench/results/stack-profile-<date>-<time>)
#
# Per server: a fresh start (JVMs with -XX:+PreserveFramePointer), warm-up, then three runs of
# CALLS at RATE: (1) /proc counters only -> cpu_ms per call, context switches per call per
# thread group; (2) under `perf trace -s` -> syscalls per call by name; (3) under
# `perf record -g` (+ JFR for JVMs) -> profiles. Files: <server>-threads.txt,
# <server>-syscalls.txt, <server>-perf.txt (report by thread group and symbol),
# <server>.jfr and <server>-jfr-*.txt.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
. "$HERE/lib/env.sh" /tmp/sipbench-stack
command -v perf >/dev/null || die "perf is missing (apt-get install -y linux-perf)"

SERVERS=("$@")
[ ${#SERVERS[@]} -gt 0 ] || SERVERS=(sipflow jainsip kamailio)
RATE="${RATE:-1000}"
CALLS="${CALLS:-20000}"
WARMUP="${WARMUP:-500:5000 1000:10000 2000:20000 1000:20000}"
RESULTS_DIR="${RESULTS_DIR:-$HERE/results/stack-profile-$(date +%Y-%m-%d-%H%M%S)}"
mkdir -p "$RESULTS_DIR"
export RESULTS_DIR="$(cd "$RESULTS_DIR" && pwd)"
export SIPFLOW_JAVA_EXTRA_OPTS="${SIPFLOW_JAVA_EXTRA_OPTS:-} -XX:+PreserveFramePointer" # on bin/sipflow's own options
export JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g} -XX:+PreserveFramePointer"
# the script that starts/stops the servers by name (--start/--stop/--port-of): run-srf.sh for
# the application examples (SERVER_SCRIPT=bench/run-srf.sh stack-profile.sh uas responder)
RS="${SERVER_SCRIPT:-$HERE/run-stack.sh}"

# thread group of a thread name: digits dropped (sipflow-shard-0 -> sipflow-shard-)
thread_stats() { # PID -> "group utime+stime(ticks) voluntary nonvoluntary" per thread
  local t
  for t in /proc/"$1"/task/*; do
    local name; name="$(cat "$t/comm" 2>/dev/null)" || continue
    name="${name// /_}"   # "GC Thread#0" -> one field
    awk -v n="$name" '/^voluntary_ctxt_switches/ { v = $2 } /^nonvoluntary_ctxt_switches/ { nv = $2 }
      END { printf "%s %s %s ", n, v, nv }' "$t/status"
    sed 's/^.*) //' "$t/stat" | awk '{ print $12 + $13 }'
  done
}
descendant_stats() { local p; for p in $(descendants "$1"); do thread_stats "$p"; done; }
diff_stats() { # BEFORE AFTER CALLS -> per thread group: cpu ms per call, ctx switches per call
  awk -v calls="$3" -v hz="$CLK_TCK" '
    { g = $1; gsub(/[0-9]+$/, "", g); gsub(/#[0-9]+$/, "#", g) }
    FNR == NR { v[g] -= $2; nv[g] -= $3; c[g] -= $4; next }
    { v[g] += $2; nv[g] += $3; c[g] += $4; seen[g] = 1 }
    END {
      printf "%-32s %12s %14s %14s\n", "thread group", "cpu_ms/call", "vol_cs/call", "invol_cs/call"
      for (g in seen) if (c[g] > 0 || v[g] > 0) { printf "%-32s %12.4f %14.3f %14.3f\n", g, c[g] * 1000 / hz / calls, v[g] / calls, nv[g] / calls
        tc += c[g]; tv += v[g]; tn += nv[g] }
      printf "%-32s %12.4f %14.3f %14.3f\n", "TOTAL", tc * 1000 / hz / calls, tv / calls, tn / calls
    }' "$1" "$2" | sort -k2,2nr
}

for s in "${SERVERS[@]}"; do
  port="$("$RS" --port-of "$s")"
  pid="$("$RS" --start "$s")"
  echo "== $s PID $pid port $port" | tee -a "$RESULTS_DIR/summary.txt"
  for w in $WARMUP; do SERVER_PID=$pid "$HERE/run-uas-bench.sh" "127.0.0.1:$port" "${w%%:*}" "${w##*:}" | tail -n 1; done
  sleep 2

  # (1) counters only
  descendant_stats "$pid" > "$RESULTS_DIR/$s-t0.txt"
  line="$(SERVER_PID=$pid "$HERE/run-uas-bench.sh" "127.0.0.1:$port" "$RATE" "$CALLS" | tail -n 1)"
  descendant_stats "$pid" > "$RESULTS_DIR/$s-t1.txt"
  echo "plain: $line" | tee -a "$RESULTS_DIR/summary.txt"
  diff_stats "$RESULTS_DIR/$s-t0.txt" "$RESULTS_DIR/$s-t1.txt" "$(sed -n 's/.*completed=\([0-9]*\).*/\1/p' <<< "$line")" \
    | tee "$RESULTS_DIR/$s-threads.txt"
  sleep 2

  # (2) syscalls (perf trace over the whole run; it slows the server, so CPU figures of this run are not used)
  pids="$(descendants "$pid" | paste -sd, -)"
  perf trace -s -p "$pids" -o "$RESULTS_DIR/$s-perftrace.txt" & tp=$!
  sleep 1
  line="$(SERVER_PID=$pid "$HERE/run-uas-bench.sh" "127.0.0.1:$port" "$RATE" "$CALLS" | tail -n 1)"
  sleep 1; kill -INT "$tp"; wait "$tp" || true
  calls="$(sed -n 's/.*completed=\([0-9]*\).*/\1/p' <<< "$line")"
  echo "traced: $line" | tee -a "$RESULTS_DIR/summary.txt"
  # sum the per-thread tables: syscall name -> calls
  awk -v calls="$calls" '$1 ~ /^[a-z_0-9]+$/ && $2 ~ /^[0-9]+$/ && NF >= 8 { n[$1] += $2; t += $2 }
    END { for (k in n) printf "%-20s %10d %8.2f per call\n", k, n[k], n[k] / calls; printf "%-20s %10d %8.2f per call\n", "TOTAL", t, t / calls }' \
    "$RESULTS_DIR/$s-perftrace.txt" | sort -k2,2nr | tee "$RESULTS_DIR/$s-syscalls.txt" | head -n 15
  sleep 2

  # (3) CPU profile (+ JFR for JVMs)
  jvm=0; [ "$s" != kamailio ] && jvm=1
  [ "$jvm" = 1 ] && "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=prof settings=profile filename="$RESULTS_DIR/$s.jfr" >/dev/null
  perf record -F 999 -g -o "$RESULTS_DIR/$s-perf.data" -p "$pids" 2>/dev/null & rp=$!
  line="$(SERVER_PID=$pid "$HERE/run-uas-bench.sh" "127.0.0.1:$port" "$RATE" "$CALLS" | tail -n 1)"
  kill -INT "$rp"; wait "$rp" || true
  echo "profiled: $line" | tee -a "$RESULTS_DIR/summary.txt"
  if [ "$jvm" = 1 ]; then
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=prof >/dev/null
    "$JAVA_HOME/bin/jcmd" "$pid" Compiler.perfmap >/dev/null
  fi
  set +o pipefail # head ends perf report early (SIGPIPE), which is fine here
  {
    echo "### by thread (comm)"; perf report -i "$RESULTS_DIR/$s-perf.data" --no-children --sort comm --stdio -g none 2>/dev/null | grep -v '^$' | grep -v '^#' | head -n 25
    echo "### by thread and shared object"; perf report -i "$RESULTS_DIR/$s-perf.data" --no-children --sort comm,dso --stdio -g none 2>/dev/null | grep -v '^$' | grep -v '^#' | head -n 30
    echo "### top symbols (self)"; perf report -i "$RESULTS_DIR/$s-perf.data" --no-children --sort sym --stdio -g none 2>/dev/null | grep -v '^$' | grep -v '^#' | head -n 60
    echo "### top symbols (inclusive)"; perf report -i "$RESULTS_DIR/$s-perf.data" --children --sort sym --stdio -g none 2>/dev/null | grep -v '^$' | grep -v '^#' | head -n 60
  } > "$RESULTS_DIR/$s-perf.txt"
  set -o pipefail
  if [ "$jvm" = 1 ]; then
    jfr="$JAVA_HOME/bin/jfr"
    "$jfr" view --width 200 hot-methods "$RESULTS_DIR/$s.jfr" > "$RESULTS_DIR/$s-jfr-hot-methods.txt" 2>&1 || true
    "$jfr" view --width 200 allocation-by-class "$RESULTS_DIR/$s.jfr" > "$RESULTS_DIR/$s-jfr-alloc-by-class.txt" 2>&1 || true
    "$jfr" view --width 200 allocation-by-site "$RESULTS_DIR/$s.jfr" > "$RESULTS_DIR/$s-jfr-alloc-by-site.txt" 2>&1 || true
    "$jfr" view --width 200 gc "$RESULTS_DIR/$s.jfr" > "$RESULTS_DIR/$s-jfr-gc.txt" 2>&1 || true
    "$jfr" summary "$RESULTS_DIR/$s.jfr" > "$RESULTS_DIR/$s-jfr-summary.txt" 2>&1 || true
  fi
  rm -f "$RESULTS_DIR/$s-perf.data"
  "$RS" --stop "$s"
  sleep 2
done
