#!/usr/bin/env bash
# The stack benchmarks: the sipflow responder (bin/sipflow responder) against the JAIN-SIP RI
# UAS and Kamailio (tm), driven by SIPp over UDP on loopback, all in one session. Results go
# to docs/BENCHMARKS.md, section "Stack (sip-stack responder)".
#
# Usage: bench/run-stack.sh [PHASE...]     (default: fixed maxcps p99)
#        bench/run-stack.sh --start|--stop|--restart|--port-of SERVER   (one server, prints its PID/port)
#
# Servers (SERVERS, default "sipflow sipflow-ringing jainsip kamailio"):
#   sipflow          bin/sipflow responder --no-ringing   udp 127.0.0.1:5180  (answers like the peers)
#                    --max-transactions $SIPFLOW_MAX_TX (4000000; see below), bin/sipflow's JVM
#                    options (-XX:+UseParallelGC -XX:MaxTenuringThreshold=1 -Xms256m) unless SIPFLOW_JAVA_OPTS is set
#   sipflow-ringing  the same with 180 Ringing before the 200      udp 127.0.0.1:5183
#   sipflow-g1       the same as sipflow on -XX:+UseG1GC -Xms1g    udp 127.0.0.1:5184
#   sipflow-zgc      the same as sipflow on -XX:+UseZGC -Xms1g     udp 127.0.0.1:5185
#   sipflow-deflimit sipflow with the stack's default limit of 65536 live transactions (5186)
#   jainsip          peers/jainsip-uas (JAIN-SIP RI 1.3.0-91, run on $JAVA)   udp 127.0.0.1:5181
#   kamailio         peers/kamailio (Kamailio 5.6, tm, 2 workers, -m 3072)    udp 127.0.0.1:5182
#
# Phases:
#   fixed   all servers started fresh and kept up; each warmed up (WARMUP_CALLS at FIXED_RATE);
#           IDLE_S of idle CPU; then REPS rounds of one fixed-rate run per server (FIXED_RATE
#           cps, FIXED_CALLS calls, with per-call INVITE->200 times), the order rotating each
#           round so that every server sees the same share of outside load; then REPS rounds
#           of the lossy run (LOSSY_RATE cps, LOSSY_CALLS calls, sipp -lost LOSSY_PCT)
#   maxcps  MAX_REPS rounds (MAX_REPS_RINGING for sipflow-ringing) of find-max-cps.sh per
#           server, each on a freshly started server alone, clean = 0 failed and
#           MAX_RETRANS (0) retransmissions; an unclean step restarts the server (RESTART_CMD)
#           and warms a JVM up again
#   p99     per server (except sipflow-ringing), alone and fresh, at P99_RATE (default: 80 % of
#           sipflow's median max clean rate from this RESULTS_DIR's maxcps phase) and at 80 % of
#           the server's own median max when that is lower (a rate above the server's own max
#           clean rate is skipped): warm-up (the JIT ramp, then P99_WARMUP_S (35) seconds at the
#           rate: longer than 64*T1, so the runs see a sustained rate's steady state, every call's
#           32-s state already sized), then REPS runs of P99_S seconds with per-call INVITE->200
#           times. A run during which the hypervisor took more than P99_MAX_STEAL_S (1.5) CPU
#           seconds from the VM (steal_s: other guests of a shared host; it stretches every pause
#           into a tail) is recorded as kind=p99stolen (kept in raw.txt, left out of the medians)
#           and run again, up to P99_TRIES (4) runs; the last try counts whatever its steal
#
# Environment: SERVERS, REPS (3), MAX_REPS (2), MAX_REPS_RINGING (1), FIXED_RATE (1000),
#   FIXED_CALLS (20000), WARMUP_CALLS (20000), LOSSY_RATE (200), LOSSY_CALLS (2000),
#   LOSSY_PCT (10), IDLE_S (10), P99_RATE, P99_S (15), P99_WARMUP_S (35), P99_MAX_STEAL_S (1.5),
#   P99_TRIES (4), MAX_RETRANS (0),
#   QUIET_WAIT_S (120: before each run, wait up to this long for outside load to stop),
#   RESULTS_DIR (bench/results/stack-<date>-<time>), SIPBENCH_RUN_DIR (/tmp/sipbench-stack:
#   PID files, logs, SIPp files of every run), JAVA (JVM for the JAIN-SIP peer: the JDK that
#   runs sipflow, so both Java stacks run on the same JVM), SIPFLOW_JAVA_OPTS, plus
#   find-max-cps.sh's RATES, STEP_S, REFINE, ...
#
# Output: RESULTS_DIR/raw.txt (one line per run: "server=<s> kind=<k> rep=<n> <summary>"),
# steps-<server>.log (find-max steps), medians.md (the table) on stdout too.
# Needs: sipp, kamailio, GNU time, ss, setsid, a JDK >= 21, Maven (the JAIN-SIP peer and
# sipflow.jar are built on first use).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
. "$HERE/lib/env.sh" /tmp/sipbench-stack

require_call_tools

[[ "${1:-}" == --* ]] && PHASES=() || PHASES=("$@")
[[ "${1:-}" == --* ]] || [ ${#PHASES[@]} -gt 0 ] || PHASES=(fixed maxcps p99)
SERVERS=(${SERVERS:-sipflow sipflow-ringing jainsip kamailio})
REPS="${REPS:-3}"
MAX_REPS="${MAX_REPS:-2}"
MAX_REPS_RINGING="${MAX_REPS_RINGING:-1}"
FIXED_RATE="${FIXED_RATE:-1000}"
FIXED_CALLS="${FIXED_CALLS:-20000}"
WARMUP_CALLS="${WARMUP_CALLS:-20000}"
LOSSY_RATE="${LOSSY_RATE:-200}"
LOSSY_CALLS="${LOSSY_CALLS:-2000}"
LOSSY_PCT="${LOSSY_PCT:-10}"
IDLE_S="${IDLE_S:-10}"
P99_S="${P99_S:-15}"
P99_WARMUP_S="${P99_WARMUP_S:-35}"
P99_MAX_STEAL_S="${P99_MAX_STEAL_S:-1.5}"
P99_TRIES="${P99_TRIES:-4}"
export MAX_RETRANS="${MAX_RETRANS:-0}"
export QUIET_WAIT_S="${QUIET_WAIT_S:-120}"
RESULTS_DIR="${RESULTS_DIR:-$HERE/results/stack-$(date +%Y-%m-%d-%H%M%S)}"
mkdir -p "$RESULTS_DIR"
export RESULTS_DIR="$(cd "$RESULTS_DIR" && pwd)"
# The stack's default limit (65536 live transactions) caps a UDP UAS near 1000 calls/s: every
# call holds two transactions for 64*T1 = 32 s after its answers (Timer L of the INVITE, Timer
# J of the BYE). Lifted for the benchmark (sipflow-deflimit keeps it); see docs/BENCHMARKS.md.
SIPFLOW_MAX_TX="${SIPFLOW_MAX_TX:-4000000}"
RAW="$RESULTS_DIR/raw.txt"
. "$HERE/lib/servers.sh"

port_of() {
  case "$1" in
    sipflow) echo 5180 ;; jainsip) echo 5181 ;; kamailio) echo 5182 ;; sipflow-ringing) echo 5183 ;;
    sipflow-g1) echo 5184 ;; sipflow-zgc) echo 5185 ;; sipflow-deflimit) echo 5186 ;;
    *) die "unknown server $1" ;;
  esac
}
peer_of() {
  case "$1" in
    sipflow*) echo sipflow-responder ;; jainsip) echo jainsip-uas ;; kamailio) echo kamailio ;;
  esac
}
configure() { # exports the environment of server $1 for its peer scripts (call in a subshell)
  case "$1" in
    sipflow*)
      export SIPFLOW_PIDFILE="$RUN_DIR/$1.pid" SIPFLOW_RINGING=0
      export SIPFLOW_ARGS="${SIPFLOW_ARGS---max-transactions $SIPFLOW_MAX_TX}"
      ;;
  esac
  case "$1" in
    sipflow-ringing) export SIPFLOW_RINGING=1 ;;
    sipflow-g1) export SIPFLOW_JAVA_OPTS="-XX:+UseG1GC -Xms1g" ;;
    sipflow-zgc) export SIPFLOW_JAVA_OPTS="-XX:+UseZGC -Xms1g" ;;
    sipflow-deflimit) export SIPFLOW_ARGS="" ;;
  esac
}
is_jvm() { [ "$1" != kamailio ]; }
warmup_of() { is_jvm "$1" && echo "500:5000 1000:10000 2000:20000" || echo ""; }

restart_cmd() { printf "%q --restart %q" "$HERE/run-stack.sh" "$1"; }

case "${1:-}" in # single actions, for find-max-cps.sh's RESTART_CMD and stack-profile.sh
  --restart) stop_server "$2"; start_server "$2"; exit 0 ;;  # prints the new PID
  --start) start_server "$2"; exit 0 ;;
  --stop) stop_server "$2"; exit 0 ;;
  --port-of) port_of "$2"; exit 0 ;;
esac

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) run-stack.sh ${PHASES[*]} servers=${SERVERS[*]} git=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# REPS=$REPS MAX_REPS=$MAX_REPS FIXED=$FIXED_RATE/$FIXED_CALLS WARMUP=$WARMUP_CALLS LOSSY=$LOSSY_RATE/$LOSSY_CALLS/$LOSSY_PCT% MAX_RETRANS=$MAX_RETRANS RATES=${RATES:-default} STEP_S=${STEP_S:-10}"
  echo "# java: $("$JAVA" -version 2>&1 | sed -n 2p); sipflow opts: ${SIPFLOW_JAVA_OPTS:-default of bin/sipflow}; kamailio: $(kamailio -v 2>/dev/null | head -n 1); sipp: $(sipp -v 2>/dev/null | grep -o 'v[0-9.]*' | head -n 1)"
} >> "$RAW"

phase_fixed() {
  local s rep line
  for s in "${SERVERS[@]}"; do PIDS[$s]="$(start_server "$s")"; done
  for s in "${SERVERS[@]}"; do
    record "$s" warmup 1 "$(BENCH_EXCLUDE_PIDS="$(others_of "$s")" SERVER_PID=${PIDS[$s]} bench "127.0.0.1:$(port_of "$s")" "$FIXED_RATE" "$WARMUP_CALLS")"
  done
  sleep 35 # past Timer L/J (32 s) of the warm-up: idle means idle
  record_idle "${SERVERS[@]}"
  for ((rep = 1; rep <= REPS; rep++)); do
    for s in $(rotated $((rep - 1))); do
      record "$s" fixed "$rep" "$(RTT=1 BENCH_EXCLUDE_PIDS="$(others_of "$s")" SERVER_PID=${PIDS[$s]} bench "127.0.0.1:$(port_of "$s")" "$FIXED_RATE" "$FIXED_CALLS")"
      sleep 2
    done
  done
  for ((rep = 1; rep <= REPS; rep++)); do
    for s in $(rotated $((rep - 1))); do
      record "$s" lossy "$rep" "$(LOST=$LOSSY_PCT BENCH_EXCLUDE_PIDS="$(others_of "$s")" SERVER_PID=${PIDS[$s]} bench "127.0.0.1:$(port_of "$s")" "$LOSSY_RATE" "$LOSSY_CALLS")"
      sleep 2
    done
  done
  for s in "${SERVERS[@]}"; do stop_server "$s"; unset "PIDS[$s]"; done
}

phase_maxcps() {
  local s rep reps line
  for ((rep = 1; rep <= MAX_REPS; rep++)); do
    for s in $(rotated $((rep - 1))); do
      reps="$MAX_REPS"; [ "$s" = sipflow-ringing ] && reps="$MAX_REPS_RINGING"
      [ "$rep" -le "$reps" ] || continue
      PIDS[$s]="$(start_server "$s")"
      echo "# $s rep $rep $(date -u +%FT%TZ)" >> "$RESULTS_DIR/steps-$s.log"
      line="$(SERVER_PID=${PIDS[$s]} RESTART_WARMUP="$(warmup_of "$s")" RESTART_CMD="$(restart_cmd "$s")" \
        "$HERE/find-max-cps.sh" "127.0.0.1:$(port_of "$s")" 2>>"$RESULTS_DIR/steps-$s.log")"
      record "$s" maxcps "$rep" "$line"
      stop_server "$s"; unset "PIDS[$s]"
      sleep 2
    done
  done
}

phase_p99() {
  local s rep rate own sf rates w
  sf="${P99_RATE:-}"
  if [ -z "$sf" ]; then
    sf="$(median_max sipflow)"
    [ -n "$sf" ] || die "p99: no maxcps result for sipflow in $RAW; run the maxcps phase first or set P99_RATE"
    sf=$(( sf * 8 / 10 ))
  fi
  for s in "${SERVERS[@]}"; do
    [ "$s" = sipflow-ringing ] && continue
    own="$(median_max "$s")"
    rates="$sf"
    if [ -n "$own" ]; then
      [ $(( own * 8 / 10 )) -lt "$sf" ] && rates="$(( own * 8 / 10 ))"
      [ "$sf" -le "$own" ] && [ "$rates" != "$sf" ] && rates="$rates $sf"
    fi
    for rate in $rates; do
      PIDS[$s]="$(start_server "$s")"
      for w in $(warmup_of "$s"); do
        record "$s" p99warmup 0 "$(SERVER_PID=${PIDS[$s]} bench "127.0.0.1:$(port_of "$s")" "${w%%:*}" "${w##*:}")"
      done
      record "$s" p99warmup 0 "$(SERVER_PID=${PIDS[$s]} bench "127.0.0.1:$(port_of "$s")" "$rate" $((rate * P99_WARMUP_S)))"
      for ((rep = 1; rep <= REPS; rep++)); do
        local try line steal
        for ((try = 1; ; try++)); do
          sleep 2
          line="$(RTT=1 SERVER_PID=${PIDS[$s]} bench "127.0.0.1:$(port_of "$s")" "$rate" $((rate * P99_S)))"
          steal="$(field steal_s "$line")"
          if [ "$try" -lt "$P99_TRIES" ] && awk -v st="${steal:-0}" -v m="$P99_MAX_STEAL_S" 'BEGIN { exit !(st > m) }'; then
            record "$s" p99stolen "$rep" "$line" # kept in raw.txt, not in the medians
            continue
          fi
          record "$s" p99 "$rep" "$line"
          break
        done
      done
      stop_server "$s"; unset "PIDS[$s]"
    done
  done
}

for ph in "${PHASES[@]}"; do
  case "$ph" in
    fixed) phase_fixed ;; maxcps) phase_maxcps ;; p99) phase_p99 ;;
    *) die "unknown phase $ph (fixed, maxcps, p99)" ;;
  esac
done

"$HERE/stack-table.sh" "$RAW" | tee "$RESULTS_DIR/medians.md"
