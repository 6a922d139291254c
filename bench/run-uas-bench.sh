#!/usr/bin/env bash
# Drive a SIP UAS with SIPp (scenarios/uac.xml by default) at a fixed call
# rate for a fixed number of calls, and print one summary line:
#
#   rate=<asked cps> completed=<n> failed=<n> retrans=<n> elapsed_s=<x>
#   achieved_cps=<y> server_cpu_s=<s> cpu_ms_per_call=<z>
#   sipp_cpu_s=<a> sipp_cpu_pct=<b> other_cpu_s=<c> resp_ms=<r>
#
# (all on one line; the first eight fields always come first, in this order)
#
# Usage: run-uas-bench.sh TARGET_HOST:PORT [RATE] [CALLS]
#        (defaults: RATE=100 calls/s, CALLS=10*RATE)
#
# Environment:
#   SERVER_PID     PID(s) of the server under test (space/comma separated).
#                  CPU (utime+stime, incl. reaped children) of these
#                  processes and all their descendants is read from
#                  /proc/PID/stat before and after the run. Unset -> NA.
#   SCENARIO       uac.xml (default), uac-options.xml, uac-register.xml, or
#                  any path to a SIPp scenario
#   PAUSE_MS       hold time between ACK and BYE (sipp -d), default 0
#   LIMIT          max simultaneous calls (sipp -l); default
#                  max(200, RATE * (2 + PAUSE_MS/1000))
#   LOST           emulate this % of lost packets in SIPp (sipp -lost)
#   RECV_TIMEOUT_MS  per-message receive timeout (sipp -recv_timeout),
#                  default 32000 (64*T1)
#   RUN_TIMEOUT_S  hard bound for the SIPp run (SIPp -timeout, and SIPp is
#                  killed 5 s later if still there); default
#                  CALLS/RATE*2 + RECV_TIMEOUT + 30 s
#   OUT_DIR        directory for SIPp's stat/error/screen files; default a
#                  fresh directory under ${SIPBENCH_RUN_DIR:-/tmp/sipbench}/runs
#   SIPP           sipp binary (default: sipp on PATH)
#   SIPP_BUF       SIPp socket buffer bytes (sipp -buff_size), default
#                  1048576 so that the load generator itself does not drop
#   SIPP_EXTRA     extra sipp arguments (word-split)
#   QUIET_WAIT_S   before starting, wait up to this many seconds for other
#                  processes (not SIPp, not SERVER_PID) to use < QUIET_PCT
#                  (default 10) % of a core; default 0 = do not wait
#   ALLOW_REMOTE=1 permit a non-loopback target (refused by default)
#   RTT=1          also trace every call's INVITE->200 time (sipp -trace_rtt,
#                  ms resolution) and append rtt_p50_ms, rtt_p99_ms,
#                  rtt_p999_ms and rtt_max_ms to the summary line
#   BENCH_EXCLUDE_PIDS  PIDs (and their descendants) not to count in
#                  other_cpu_s nor in QUIET_WAIT_S: other servers of the same
#                  measurement idling on other ports
#
# Field meanings:
#   completed     calls that ran the whole scenario (SIPp SuccessfulCall)
#   failed        CALLS - completed (failed, timed out, or never started)
#   retrans       retransmissions sent by SIPp (lost or late answers)
#   elapsed_s     SIPp's first call to its last stats dump at exit
#   achieved_cps  completed / elapsed_s
#   server_cpu_s  CPU seconds used by the server tree during the run
#   cpu_ms_per_call  server_cpu_s * 1000 / completed
#   sipp_cpu_s    CPU seconds used by SIPp itself; sipp_cpu_pct = of one
#                 core over the run (>= ~90 means SIPp is the bottleneck)
#   other_cpu_s   CPU used during the run by every other process on the
#                 machine (a lower bound: processes that exited during the
#                 run are missed). Non-trivial values mean the figures were
#                 disturbed by other load.
#   resp_ms       mean INVITE->200 time (SIPp ResponseTime1), ms resolution
#   steal_s       CPU seconds the hypervisor ran other guests while this VM wanted
#                 to run (/proc/stat steal, all CPUs, over the run): non-trivial values
#                 mean the VM itself was slowed down, whatever the load inside it
#
# (Copied from the shared harness /work/shared/bench; additions for the stack
# benchmarks of sipflow: RTT, BENCH_EXCLUDE_PIDS.)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib/common.sh"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage
case "$1" in -h|--help) usage ;; esac

TARGET="$1"
RATE="${2:-100}"
CALLS="${3:-$((RATE * 10))}"
[[ "$RATE" =~ ^[0-9]+$ && "$RATE" -gt 0 ]] || die "RATE must be a positive integer"
[[ "$CALLS" =~ ^[0-9]+$ && "$CALLS" -gt 0 ]] || die "CALLS must be a positive integer"
HOST="${TARGET%:*}"
PORT="${TARGET##*:}"
[[ "$TARGET" == *:* && "$PORT" =~ ^[0-9]+$ ]] || die "target must be HOST:PORT"
if ! is_loopback "$HOST" && [ "${ALLOW_REMOTE:-0}" != 1 ]; then
  die "refusing non-loopback target $HOST (set ALLOW_REMOTE=1 to override)"
fi

SIPP="${SIPP:-sipp}"
SCENARIO="${SCENARIO:-uac.xml}"
[ -f "$SCENARIO" ] || SCENARIO="$HERE/scenarios/$SCENARIO"
[ -f "$SCENARIO" ] || die "scenario not found: $SCENARIO"
PAUSE_MS="${PAUSE_MS:-0}"
LIMIT="${LIMIT:-$(( RATE * (2000 + PAUSE_MS) / 1000 ))}"
[ "$LIMIT" -ge 200 ] || LIMIT=200
RECV_TIMEOUT_MS="${RECV_TIMEOUT_MS:-32000}"
SIPP_TIMEOUT_S="${RUN_TIMEOUT_S:-$(( CALLS * 2 / RATE + RECV_TIMEOUT_MS / 1000 + PAUSE_MS * 2 / 1000 + 30 ))}"
LOCAL_IP=127.0.0.1
is_loopback "$HOST" || LOCAL_IP="${LOCAL_IP_REMOTE:?set LOCAL_IP_REMOTE for a remote target}"

stamp="$(date +%Y%m%d-%H%M%S)-$$"
OUT_DIR="${OUT_DIR:-$RUN_DIR/runs/$stamp-${HOST}_${PORT}-r$RATE}"
mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"
STAT="$OUT_DIR/stat.csv"
rm -f "$STAT"

LOST_ARGS=()
[ -n "${LOST:-}" ] && [ "${LOST}" != 0 ] && LOST_ARGS=(-lost "$LOST")
# shellcheck disable=SC2206
EXTRA=(${SIPP_EXTRA:-})
[ "${RTT:-0}" = 1 ] && EXTRA+=(-trace_rtt -rtt_freq 1000)

SIPP_CMD=("$SIPP" "$HOST:$PORT" -sf "$SCENARIO"
  -i "$LOCAL_IP" -mi "$LOCAL_IP" -ci 127.0.0.1
  -r "$RATE" -m "$CALLS" -l "$LIMIT" -d "$PAUSE_MS"
  -recv_timeout "$RECV_TIMEOUT_MS" -timeout "${SIPP_TIMEOUT_S}s"
  -nostdin -buff_size "${SIPP_BUF:-1048576}"
  -trace_stat -stf "$STAT" -fd 1
  -trace_err -error_file "$OUT_DIR/errors.log"
  -trace_screen -screen_file "$OUT_DIR/screen.log"
  "${LOST_ARGS[@]}" "${EXTRA[@]}")
printf '%q ' "${SIPP_CMD[@]}" > "$OUT_DIR/command.txt"; echo >> "$OUT_DIR/command.txt"

server_ticks() { if [ -n "${SERVER_PID:-}" ]; then cpu_ticks ${SERVER_PID//,/ }; else echo 0; fi; }
if [ -n "${SERVER_PID:-}" ]; then
  for p in ${SERVER_PID//,/ }; do kill -0 "$p" 2>/dev/null || die "SERVER_PID $p is not running"; done
fi

if [ "${QUIET_WAIT_S:-0}" -gt 0 ]; then
  wait_quiet "$QUIET_WAIT_S" "${QUIET_PCT:-10}" "${SERVER_PID//,/ } ${BENCH_EXCLUDE_PIDS:+${BENCH_EXCLUDE_PIDS//,/ }}" || true
fi

SNAP0="$OUT_DIR/procs-before.txt"; SNAP1="$OUT_DIR/procs-after.txt"
proc_snapshot > "$SNAP0"
srv0="$(server_ticks)"
steal0="$(awk '/^cpu /{print $9}' /proc/stat)"
t0="$(date +%s.%N)"
set +e
# GNU time reports SIPp's own user+system CPU; the outer timeout is a
# hard bound in case SIPp's own -timeout does not fire.
# (run in OUT_DIR: SIPp writes its -trace_rtt file to the working directory)
( cd "$OUT_DIR" && /usr/bin/time -f '%U %S' -o "$OUT_DIR/sipp-time.txt" \
  timeout -k 5 $((SIPP_TIMEOUT_S + 5)) "${SIPP_CMD[@]}" \
  > "$OUT_DIR/sipp.stdout" 2> "$OUT_DIR/sipp.stderr" )
rc=$?
set -e
t1="$(date +%s.%N)"
srv1="$(server_ticks)"
steal1="$(awk '/^cpu /{print $9}' /proc/stat)"
proc_snapshot > "$SNAP1"
EXCLUDE=""
[ -n "${SERVER_PID:-}${BENCH_EXCLUDE_PIDS:-}" ] && EXCLUDE="$(descendants ${SERVER_PID//,/ } ${BENCH_EXCLUDE_PIDS:+${BENCH_EXCLUDE_PIDS//,/ }} | tr '\n' ' ')"
others="$(other_ticks "$SNAP0" "$SNAP1" "$EXCLUDE")"

[ -s "$STAT" ] || { cat "$OUT_DIR/sipp.stderr" >&2; die "sipp produced no statistics (rc=$rc), see $OUT_DIR"; }

# Last line of the stats file: cumulative counters at exit.
read -r start_ep cur_ep success _ retrans resp < <(
  tail -n 1 "$STAT" | awk -F';' '{
    split($1, a, "\t"); split($3, b, "\t");
    print a[3], b[3], $16, $18, $58, $70 }')
# ResponseTime1(C) is HH:MM:SS:uuuuuu
resp_ms="$(awk -v t="$resp" 'BEGIN { n = split(t, x, ":"); if (n == 4) printf "%.1f", ((x[1]*60 + x[2])*60 + x[3])*1000 + x[4]/1000; else print "NA" }')"
# GNU time's last line is "user system" (a note about the exit status may precede it)
sipp_cpu_s="$(tail -n 1 "$OUT_DIR/sipp-time.txt" 2>/dev/null | awk 'NF == 2 { printf "%.2f", $1 + $2 }')"
[ -n "$sipp_cpu_s" ] || sipp_cpu_s=NA
# Overload runs can log hundreds of MB of errors; keep the first 2 MB.
if [ -f "$OUT_DIR/errors.log" ] && [ "$(stat -c %s "$OUT_DIR/errors.log")" -gt 2097152 ]; then
  head -c 2097152 "$OUT_DIR/errors.log" > "$OUT_DIR/errors.head.log" && rm -f "$OUT_DIR/errors.log"
fi

awk -v rate="$RATE" -v calls="$CALLS" -v ok="$success" -v retr="$retrans" \
    -v s0="$start_ep" -v s1="$cur_ep" -v w0="$t0" -v w1="$t1" \
    -v srv="$((srv1 - srv0))" -v others="$others" -v hz="$CLK_TCK" \
    -v have_srv="${SERVER_PID:+1}" -v sipp="$sipp_cpu_s" -v resp="$resp_ms" '
BEGIN {
  el = s1 - s0; if (el <= 0) el = w1 - w0
  failed = calls - ok; if (failed < 0) failed = 0
  ach = (el > 0) ? ok / el : 0
  line = sprintf("rate=%d completed=%d failed=%d retrans=%d elapsed_s=%.2f achieved_cps=%.1f",
                 rate, ok, failed, retr, el, ach)
  if (have_srv) {
    scpu = srv / hz
    line = line sprintf(" server_cpu_s=%.2f cpu_ms_per_call=%s", scpu,
                        ok > 0 ? sprintf("%.4f", scpu * 1000 / ok) : "NA")
  } else {
    scpu = 0
    line = line " server_cpu_s=NA cpu_ms_per_call=NA"
  }
  wall = w1 - w0
  if (sipp != "NA") {
    pct = (wall > 0) ? 100 * sipp / wall : 0
    other = others / hz
    line = line sprintf(" sipp_cpu_s=%.2f sipp_cpu_pct=%.0f other_cpu_s=%.2f", sipp, pct, other)
  } else {
    line = line " sipp_cpu_s=NA sipp_cpu_pct=NA other_cpu_s=NA"
  }
  line = line " resp_ms=" resp
  print line
}' > "$OUT_DIR/summary.txt"
# CPU time the hypervisor gave to other guests while this VM wanted it (/proc/stat steal), all
# CPUs: on a shared or credit-limited host it rises with our own load, and with it the latency tail.
sed -i "s/\$/ steal_s=$(awk -v t="$((steal1 - steal0))" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }')/" "$OUT_DIR/summary.txt"

if [ "${RTT:-0}" = 1 ]; then
  # INVITE->200 of every completed call (ms, SIPp's millisecond clock): nearest-rank percentiles
  rtt="$(cat "$OUT_DIR"/*_rtt.csv 2>/dev/null | awk -F';' '$3 == 1 { print $2 }' | sort -n | awk '
    { v[NR] = $1 }
    function pct(p,   i) { i = int(NR * p + 0.999999); if (i < 1) i = 1; return v[i] }
    END { if (NR == 0) print "rtt_n=0"; else printf "rtt_n=%d rtt_p50_ms=%s rtt_p99_ms=%s rtt_p999_ms=%s rtt_max_ms=%s", NR, pct(0.5), pct(0.99), pct(0.999), v[NR] }')"
  sed -i "s/\$/ $rtt/" "$OUT_DIR/summary.txt"
fi
cat "$OUT_DIR/summary.txt"

if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  # SIPp exits 0 when all calls succeeded, 1 when some failed; anything
  # else (e.g. 124/137 from timeout, 97 internal error) is worth a note.
  echo "note: sipp exit code $rc, files in $OUT_DIR" >&2
fi
