#!/usr/bin/env bash
# Memory of the sipflow responder, measured on the real process: live heap from
# `jcmd <pid> GC.class_histogram` (a full GC, then every live object counted) with N objects of
# interest alive minus the same with none (after a warm-up, so class loading and JIT data are
# in both), divided by N; plus the process RSS delta for reference.
#
# Usage: bench/stack-memory.sh [PART...]     (default: proceeding calls tcp)
#   proceeding  INVITE server transactions in Proceeding: the responder with --no-answer
#               (answers nothing, the stack sends 100 Trying), TX_N (100000) INVITEs from
#               bench/memory/SipLoad.java, never retransmitted; bytes per transaction
#   calls       completed calls: the responder as in the benchmarks, CALLS_N (20000) SIPp calls
#               (INVITE/200/ACK/BYE/200) at CALLS_RATE (2000)/s, measured at once, while every
#               call still holds its INVITE transaction (Accepted, Timer L) and its BYE
#               transaction (Completed, Timer J), 64*T1 = 32 s; the same for the JAIN-SIP
#               peer (dialog + transactions), for comparison
#   tcp         idle TCP connections: TCP_N (3900; the transport's default limit is 4096)
#               connections opened to a tcp listener and left idle; bytes per connection
#
# Environment: TX_N, CALLS_N, CALLS_RATE, TCP_N, SIPFLOW_JAVA_OPTS (bin/sipflow's default),
#   RESULTS_DIR (bench/results/stack-memory-<date>-<time>), SIPBENCH_RUN_DIR (/tmp/sipbench-stack)
# Output: RESULTS_DIR/memory.txt (summary lines) and histogram diffs (top classes).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
. "$HERE/lib/env.sh" /tmp/sipbench-stack
JCMD="$JAVA_HOME/bin/jcmd"
. "$HERE/lib/jvm-memory.sh"

PARTS=("$@")
[ ${#PARTS[@]} -gt 0 ] || PARTS=(proceeding calls tcp)
TX_N="${TX_N:-100000}"
CALLS_N="${CALLS_N:-20000}"
CALLS_RATE="${CALLS_RATE:-2000}"
TCP_N="${TCP_N:-3900}"
RESULTS_DIR="${RESULTS_DIR:-$HERE/results/stack-memory-$(date +%Y-%m-%d-%H%M%S)}"
mkdir -p "$RESULTS_DIR"
OUT="$RESULTS_DIR/memory.txt"
LOAD=("$JAVA" "$HERE/memory/SipLoad.java")

STARTED=()
cleanup() { local p; for p in "${STARTED[@]}"; do [ -f "$p" ] && stop_pidfile "$p" server >/dev/null 2>&1; done; return 0; }
trap cleanup EXIT

start_sipflow() { # PIDFILE ARGS... -> PID (bin/sipflow responder ARGS)
  local pidfile="$1"; shift
  STARTED+=("$pidfile")
  start_bg "$pidfile" "$RUN_DIR/memory-responder.log" "$ROOT/bin/sipflow" responder "$@"
  local pid; pid="$(cat "$pidfile")"
  local i
  for ((i = 0; i < 300; i++)); do
    grep -q "listening" <(tail -n 5 "$RUN_DIR/memory-responder.log") && break
    kill -0 "$pid" 2>/dev/null || die "responder exited, see $RUN_DIR/memory-responder.log"
    sleep 0.1
  done
  sleep 1
  echo "$pid"
}

record() { echo "$*" | tee -a "$OUT"; }

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) stack-memory.sh ${PARTS[*]} git=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# java: $("$JAVA" -version 2>&1 | sed -n 2p); sipflow opts: ${SIPFLOW_JAVA_OPTS:-default of bin/sipflow}"
} >> "$OUT"

part_proceeding() {
  local pf="$RUN_DIR/mem-proceeding.pid" pid h0 h1 r0 r1 sent n
  pid="$(start_sipflow "$pf" --listen udp:127.0.0.1:5190 --no-ringing --no-answer --max-transactions 4000000)"
  sent="$("${LOAD[@]}" invites 127.0.0.1 5190 10000 5000 0)"          # warm-up: 10000 live
  record "proceeding warm-up: $sent"
  sleep 2
  h0="$(histo "$pid" "$RESULTS_DIR/proceeding-h0.txt")"; r0="$(rss_kb "$pid")"
  sent="$("${LOAD[@]}" invites 127.0.0.1 5190 "$TX_N" 5000 10000)"
  record "proceeding load: $sent"
  sleep 2
  h1="$(histo "$pid" "$RESULTS_DIR/proceeding-h1.txt")"; r1="$(rss_kb "$pid")"
  n=$(( $(instances "$RESULTS_DIR/proceeding-h1.txt" io.sipflow.stack.transaction.InviteServerTransaction) \
      - $(instances "$RESULTS_DIR/proceeding-h0.txt" io.sipflow.stack.transaction.InviteServerTransaction) ))
  record "proceeding: live_tx_added=$n heap_before=$h0 heap_after=$h1 bytes_per_tx=$(( (h1 - h0) / (n > 0 ? n : 1) )) rss_kb_before=$r0 rss_kb_after=$r1 rss_bytes_per_tx=$(( (r1 - r0) * 1024 / (n > 0 ? n : 1) ))"
  histo_diff "$RESULTS_DIR/proceeding-h0.txt" "$RESULTS_DIR/proceeding-h1.txt" "$n" > "$RESULTS_DIR/proceeding-diff.txt"
  head -n 20 "$RESULTS_DIR/proceeding-diff.txt"
  stop_pidfile "$pf" responder >/dev/null
}

calls_on() { # NAME PID PORT
  local name="$1" pid="$2" port="$3" h0 h1 n cls
  SERVER_PID=$pid "$HERE/run-uas-bench.sh" "127.0.0.1:$port" 1000 5000 | tail -n 1 >/dev/null   # warm-up
  sleep 40   # past Timers L/J (32 s): nothing of the warm-up left
  h0="$(histo "$pid" "$RESULTS_DIR/calls-$name-h0.txt")"
  record "calls $name: $(SERVER_PID=$pid "$HERE/run-uas-bench.sh" "127.0.0.1:$port" "$CALLS_RATE" "$CALLS_N" | tail -n 1)"
  h1="$(histo "$pid" "$RESULTS_DIR/calls-$name-h1.txt")"
  case "$name" in
    sipflow) cls=io.sipflow.stack.transaction.InviteServerTransaction ;;
    *) cls=gov.nist.javax.sip.stack.SIPServerTransactionImpl ;;
  esac
  n="$CALLS_N"
  record "calls $name: calls=$n live_$(basename "${cls//./\/}")=$(( $(instances "$RESULTS_DIR/calls-$name-h1.txt" "$cls") - $(instances "$RESULTS_DIR/calls-$name-h0.txt" "$cls") )) heap_before=$h0 heap_after=$h1 bytes_per_call=$(( (h1 - h0) / n ))"
  histo_diff "$RESULTS_DIR/calls-$name-h0.txt" "$RESULTS_DIR/calls-$name-h1.txt" "$n" > "$RESULTS_DIR/calls-$name-diff.txt"
  head -n 15 "$RESULTS_DIR/calls-$name-diff.txt"
}

part_calls() {
  local pf="$RUN_DIR/mem-calls.pid" pid
  pid="$(start_sipflow "$pf" --listen udp:127.0.0.1:5192 --no-ringing --max-transactions 4000000)"
  calls_on sipflow "$pid" 5192
  stop_pidfile "$pf" responder >/dev/null
  pid="$("$HERE/peers/jainsip-uas/start.sh" 5193 2>/dev/null)"
  STARTED+=("$RUN_DIR/jainsip-uas.pid")
  calls_on jainsip "$pid" 5193
  "$HERE/peers/jainsip-uas/stop.sh" >/dev/null
}

part_tcp() {
  local pf="$RUN_DIR/mem-tcp.pid" pid h0 h1 r0 r1 f0 f1
  pid="$(start_sipflow "$pf" --listen tcp:127.0.0.1:5194 --no-ringing)"
  # Two clients, each holding its connections until its stdin (a fifo) is closed.
  f0="$(mktemp -u)"; f1="$(mktemp -u)"; mkfifo "$f0" "$f1"
  "${LOAD[@]}" tcp 127.0.0.1 5194 100 < "$f0" > "$RESULTS_DIR/tcp-client0.txt" & local c0=$!
  exec 7> "$f0"
  until grep -q open "$RESULTS_DIR/tcp-client0.txt" 2>/dev/null; do sleep 0.2; done
  sleep 2
  h0="$(histo "$pid" "$RESULTS_DIR/tcp-h0.txt")"; r0="$(rss_kb "$pid")"
  "${LOAD[@]}" tcp 127.0.0.1 5194 "$TCP_N" < "$f1" > "$RESULTS_DIR/tcp-client1.txt" & local c1=$!
  exec 8> "$f1"
  until grep -q open "$RESULTS_DIR/tcp-client1.txt" 2>/dev/null; do sleep 0.2; done
  sleep 2
  h1="$(histo "$pid" "$RESULTS_DIR/tcp-h1.txt")"; r1="$(rss_kb "$pid")"
  local conns; conns="$(ss -H -tn state established "sport = :5194" | wc -l)"
  record "tcp: client_connections=$TCP_N server_side_established=$conns heap_before=$h0 heap_after=$h1 bytes_per_conn=$(( (h1 - h0) / TCP_N )) rss_kb_before=$r0 rss_kb_after=$r1 rss_bytes_per_conn=$(( (r1 - r0) * 1024 / TCP_N ))"
  histo_diff "$RESULTS_DIR/tcp-h0.txt" "$RESULTS_DIR/tcp-h1.txt" "$TCP_N" > "$RESULTS_DIR/tcp-diff.txt"
  head -n 20 "$RESULTS_DIR/tcp-diff.txt"
  exec 7>&- 8>&-
  wait "$c0" "$c1" || true
  rm -f "$f0" "$f1"
  stop_pidfile "$pf" responder >/dev/null
}

for p in "${PARTS[@]}"; do
  case "$p" in
    proceeding) part_proceeding ;; calls) part_calls ;; tcp) part_tcp ;;
    *) die "unknown part $p (proceeding, calls, tcp)" ;;
  esac
done
