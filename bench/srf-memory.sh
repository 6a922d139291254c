#!/usr/bin/env bash
# Heap per established idle dialog of the answering-UAS example (issue 4: target <= 2 KB with
# 100,000 dialogs up), measured on the real process: SIPp (scenarios/uac.xml) places DIALOGS_N
# calls that stay up (a pause of HOLD_MS between ACK and BYE); once every call is answered and
# acknowledged and its INVITE transaction has ended (64*T1 = 32 s after the 200, RFC 6026 Timer
# L), the live heap (`jcmd GC.class_histogram`: a full GC, then every live object counted) minus
# the live heap before the load (after a warm-up whose calls have all ended, so classes, JIT data
# and pools are in both) is divided by the number of dialogs. The class histogram diff, per
# dialog, shows what to shrink. The process RSS delta is given for reference.
#
# Usage: bench/srf-memory.sh [PART...]     (default: uas)
#   uas      bin/sipflow example uas on udp 127.0.0.1:5290
#   jainsip  the JAIN-SIP RI peer (peers/jainsip-uas: ServerTransactions + Dialogs) the same way,
#            JSIP_N dialogs (default 20000) with JSIP_JAVA_OPTS (-Xms2g -Xmx2g): the reference
#
# Environment: DIALOGS_N (100000), DIALOG_RATE (1000 calls/s: below the example's default limit
#   of 65536 live transactions, each call holding its INVITE transaction for 32 s), HOLD_MS
#   (900000: the calls would end with a BYE after 15 min, should this script be killed; they are
#   cut before), SIPFLOW_JAVA_OPTS (bin/sipflow's default), RESULTS_DIR
#   (bench/results/srf-memory-<date>-<time>), SIPBENCH_RUN_DIR (/tmp/sipbench-srf).
# Output: RESULTS_DIR/memory.txt (summary lines), <part>-h0.txt/-h1.txt (histograms),
#   <part>-diff.txt (classes by growth: bytes and instances per dialog). About 4 minutes.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
. "$HERE/lib/env.sh" /tmp/sipbench-srf
JCMD="$JAVA_HOME/bin/jcmd"
. "$HERE/lib/jvm-memory.sh"

PARTS=("$@")
[ ${#PARTS[@]} -gt 0 ] || PARTS=(uas)
DIALOGS_N="${DIALOGS_N:-100000}"
DIALOG_RATE="${DIALOG_RATE:-1000}"
HOLD_MS="${HOLD_MS:-900000}"
JSIP_N="${JSIP_N:-20000}"
RESULTS_DIR="${RESULTS_DIR:-$HERE/results/srf-memory-$(date +%Y-%m-%d-%H%M%S)}"
mkdir -p "$RESULTS_DIR"
RESULTS_DIR="$(cd "$RESULTS_DIR" && pwd)"
OUT="$RESULTS_DIR/memory.txt"

# What this script started: server stop commands, and the SIPp load (run-uas-bench.sh in the
# background: LOAD_PID is its PID).
STOPS=()
LOAD_PID=""
stop_load() {
  [ -n "$LOAD_PID" ] || return 0
  # the load's processes by PID: `timeout` puts itself (and SIPp) in a process group of its own
  local pids i; pids="$(descendants "$LOAD_PID" | tr '\n' ' ')"
  kill -TERM $pids 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 $pids 2>/dev/null || break; sleep 0.1; done
  kill -KILL $pids 2>/dev/null || true
  LOAD_PID=""
}
cleanup() { local c; stop_load; for c in "${STOPS[@]}"; do eval "$c" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

record() { echo "$*" | tee -a "$OUT"; }
stat_col() { # STATFILE COLUMN -> the column of SIPp's last statistics line
  tail -n 1 "$1" 2>/dev/null | awk -F';' -v c="$2" '{ print $c + 0 }'
}

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) srf-memory.sh ${PARTS[*]} git=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /)"
  echo "# java: $("$JAVA" -version 2>&1 | sed -n 2p); sipflow opts: ${SIPFLOW_JAVA_OPTS:-default of bin/sipflow}; DIALOGS_N=$DIALOGS_N DIALOG_RATE=$DIALOG_RATE"
} >> "$OUT"

# dialogs_on NAME PID PORT N DIALOG_CLASS -> warm-up, baseline, N held calls, measurement
dialogs_on() {
  local name="$1" pid="$2" port="$3" n="$4" cls="$5" h0 h1 r0 r1 run created current failed retr i d
  record "$name warm-up: $(SERVER_PID=$pid "$HERE/run-uas-bench.sh" "127.0.0.1:$port" 1000 10000 | tail -n 1)"
  sleep 40   # past Timers L/J (32 s): nothing of the warm-up left
  h0="$(histo "$pid" "$RESULTS_DIR/$name-h0.txt")"; r0="$(rss_kb "$pid")"
  for ((i = 0; i < 6; i++)); do # warm-up dialogs still up (e.g. waiting for an ACK timeout): wait
    d="$(instances "$RESULTS_DIR/$name-h0.txt" "$cls")"
    [ "$d" -eq 0 ] && break
    record "$name: $d warm-up dialogs still live, waiting 10 s"
    sleep 10
    h0="$(histo "$pid" "$RESULTS_DIR/$name-h0.txt")"; r0="$(rss_kb "$pid")"
  done
  run="$RUN_DIR/runs/memory-$name-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$run"
  # SIPp holds every call open (sipp -d HOLD_MS) until stop_load ends it
  PAUSE_MS="$HOLD_MS" LIMIT=$((n + 1000)) OUT_DIR="$run" RECV_TIMEOUT_MS=32000 \
    "$HERE/run-uas-bench.sh" "127.0.0.1:$port" "$DIALOG_RATE" "$n" > "$run/bench.out" 2>&1 < /dev/null &
  LOAD_PID=$!
  # wait for every call to be created (n / rate seconds, bounded at twice that + 60 s)
  for ((i = 0; i < 2 * n / DIALOG_RATE + 60; i++)); do
    sleep 1
    created="$(stat_col "$run/stat.csv" 13)"
    [ "${created:-0}" -ge "$n" ] && break
  done
  sleep 40   # every INVITE answered, ACKed, and its transaction ended (Timer L: 32 s)
  created="$(stat_col "$run/stat.csv" 13)"; current="$(stat_col "$run/stat.csv" 14)"
  failed="$(stat_col "$run/stat.csv" 18)"; retr="$(stat_col "$run/stat.csv" 58)"
  h1="$(histo "$pid" "$RESULTS_DIR/$name-h1.txt")"; r1="$(rss_kb "$pid")"
  stop_load
  d=$(( $(instances "$RESULTS_DIR/$name-h1.txt" "$cls") - $(instances "$RESULTS_DIR/$name-h0.txt" "$cls") ))
  record "$name: calls_created=$created calls_up=$current failed=$failed sipp_retrans=$retr live_dialogs_added=$d heap_before=$h0 heap_after=$h1 bytes_per_dialog=$(( (h1 - h0) / (d > 0 ? d : 1) )) rss_kb_before=$r0 rss_kb_after=$r1 rss_bytes_per_dialog=$(( (r1 - r0) * 1024 / (current > 0 ? current : 1) )) load=$(awk '{ print $1 "/" $2 }' /proc/loadavg)"
  [ "$current" -eq "$n" ] && [ "$failed" -eq 0 ] || record "$name: WARNING: $current of $n calls up, $failed failed: see $run"
  histo_diff "$RESULTS_DIR/$name-h0.txt" "$RESULTS_DIR/$name-h1.txt" "$(( d > 0 ? d : 1 ))" > "$RESULTS_DIR/$name-diff.txt"
  head -n 20 "$RESULTS_DIR/$name-diff.txt"
}

part_uas() {
  local pf="$RUN_DIR/memory-uas.pid" pid
  STOPS+=("SIPFLOW_PIDFILE=$pf $HERE/peers/sipflow-example/stop.sh uas")
  pid="$(SIPFLOW_PIDFILE="$pf" SIPFLOW_EXAMPLE_ARGS="" "$HERE/peers/sipflow-example/start.sh" uas 5290 2>>"$RESULTS_DIR/servers.log")"
  dialogs_on uas "$pid" 5290 "$DIALOGS_N" io.sipflow.srf.Dialog
  SIPFLOW_PIDFILE="$pf" "$HERE/peers/sipflow-example/stop.sh" uas >/dev/null
}

part_jainsip() {
  local pid
  STOPS+=("$HERE/peers/jainsip-uas/stop.sh")
  pid="$(JAVA_OPTS="${JSIP_JAVA_OPTS:--Xms2g -Xmx2g}" "$HERE/peers/jainsip-uas/start.sh" 5291 2>>"$RESULTS_DIR/servers.log")"
  dialogs_on jainsip "$pid" 5291 "$JSIP_N" gov.nist.javax.sip.stack.SIPDialog
  "$HERE/peers/jainsip-uas/stop.sh" >/dev/null
}

for p in "${PARTS[@]}"; do
  case "$p" in
    uas) part_uas ;; jainsip) part_jainsip ;;
    *) die "unknown part $p (uas, jainsip)" ;;
  esac
done
