#!/usr/bin/env bash
# The application-API (srf) benchmarks of issue 4: the answering-UAS example (createUAS) and the
# routing-B2BUA example (createB2BUA), driven by SIPp over UDP on loopback, next to the JAIN-SIP
# RI UAS, Kamailio (tm) and the bare stack responder, all in one session. CPU per call is the
# robust figure on a shared machine (process CPU time / completed calls); every line also
# carries the load average (load=<1 min>/<5 min>) and the CPU other processes used (other_cpu_s).
#
# Usage: bench/run-srf.sh [PHASE...]     (default: fixed maxcps; about 14 minutes)
#        bench/run-srf.sh --start|--stop|--restart|--port-of SERVER   (one server, prints PID/port)
#
# Servers:
#   uas        bin/sipflow example uas --listen udp:127.0.0.1:5280   (createUAS; sends 180, then 200;
#              its handler non-blocking: it and the call's listeners on the call's shard)
#   uas-noring the same with --no-ringing: INVITE -> 200 at once, the message flow of the JAIN-SIP
#              and Kamailio references (neither sends 180)              udp 127.0.0.1:5287
#   uas-blocking  the same with --blocking (srf's default mode: the handler on a virtual thread,
#              joining each step)                                  udp 127.0.0.1:5286
#   b2bua      bin/sipflow example b2bua --listen udp:127.0.0.1:5284 --target sip:127.0.0.1:5285
#              between SIPp uac (scenarios/uac.xml) and b2bua-b; its CPU is the B2BUA process only
#   b2bua-b    peers/sipp-uas (scenarios/uas.xml) on udp 127.0.0.1:5285: the B2BUA's B side,
#              started and stopped with b2bua, not measured (excluded from other_cpu_s)
#   responder  bin/sipflow responder (the bare stack, 180 then 200 like the example, the stack's
#              default limits like the example)                       udp 127.0.0.1:5283
#   jainsip    peers/jainsip-uas (JAIN-SIP RI 1.3.0-91 on $JAVA)       udp 127.0.0.1:5281
#   kamailio   peers/kamailio (Kamailio 5.6, tm, 2 workers, -m 3072)   udp 127.0.0.1:5282
#   The JVMs run bin/sipflow's options (-XX:+UseParallelGC -XX:MaxTenuringThreshold=1 -Xms256m) unless SIPFLOW_JAVA_OPTS
#   is set; JAIN-SIP runs on the same JDK with -Xms1g -Xmx1g (its peer's default).
#
# Phases:
#   fixed   SERVERS (default "uas uas-noring uas-blocking b2bua responder jainsip kamailio") started fresh and kept up;
#           each JVM warmed up (WARMUP_CALLS at its rate; Kamailio 2000 calls); 35 s for the
#           warm-up's transactions to end (Timers L/J, 64*T1); IDLE_S of idle CPU; then REPS
#           rounds of one run per server (order rotating each round so that every server sees
#           the same share of outside load): FIXED_CALLS at FIXED_RATE, except b2bua: B2B_CALLS
#           at B2B_RATE (see "limits" below), with per-call INVITE->200 times (RTT)
#   maxcps  per server of MAX_SERVERS (default "uas b2bua"), MAX_REPS (1) times, on a freshly
#           started server alone: find-max-cps.sh (10 s steps; clean = 0 failed, achieved >= 95 %
#           of asked and MAX_RETRANS (0) retransmissions; an unclean step restarts the server
#           and warms it up again). Rates: MAX_RATES_UAS ("500 1000 2000 4000 8000 16000"),
#           MAX_RATES_B2BUA ("250 500 1000 2000 4000"), REFINE (2) bisection steps
#   sustain per server of SUSTAIN_SERVERS (default "uas b2bua"): fresh start, warm-up, then
#           SUSTAIN_S (60) s at the fixed rate: longer than the 32 s that every completed call's
#           transactions live, so that the stack's transaction limit is reached if it binds
#
# Limits: the examples and the responder run with --max-transactions $SRF_MAX_TX (default 4000000,
# as the stack benchmark; SRF_MAX_TX=65536 gives the stack's default limit back). Every UAS call holds two
# server transactions for 64*T1 = 32 s after their final responses (Timer L, RFC 6026; Timer J),
# so a sustained rate above ~65536/64 = 1024 calls/s is answered 503 (RFC 3261 §21.5.4); a B2BUA
# call holds about three (UAS INVITE and BYE, UAC INVITE (Timer M); UAC BYE only Timer K = 5 s):
# ~650 calls/s. A 10 s find-max step holds fewer, so maxcps can exceed what "sustain" sustains.
#
# Environment: SERVERS, REPS (3), FIXED_RATE (1000), FIXED_CALLS (20000), B2B_RATE (500),
#   B2B_CALLS (10000), WARMUP_CALLS (20000 at FIXED_RATE; half for b2bua), IDLE_S (10),
#   MAX_SERVERS, MAX_REPS, MAX_RATES_UAS, MAX_RATES_B2BUA, REFINE, MAX_RETRANS, SUSTAIN_SERVERS,
#   SUSTAIN_S, QUIET_WAIT_S (15: before each run, wait up to this long for outside load to stop;
#   0 = never wait; the total time grows by up to this much per run), RESULTS_DIR
#   (bench/results/srf-<date>-<time>), SIPBENCH_RUN_DIR (/tmp/sipbench-srf: PID files, logs,
#   SIPp files of every run), JAVA (JVM of the JAIN-SIP peer), SIPFLOW_JAVA_OPTS.
#
# Output: RESULTS_DIR/raw.txt (one line per run: "server=<s> kind=<k> rep=<n> <summary> load=..."),
# steps-<server>.log (find-max steps), servers.log, and summary.md (medians table + ratios,
# also on stdout).
# Needs: sipp, kamailio, GNU time, ss, setsid, a JDK >= 21, Maven (the JAIN-SIP peer and
# sipflow.jar are built on first use).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
. "$HERE/lib/env.sh" /tmp/sipbench-srf

require_call_tools

[[ "${1:-}" == --* ]] && PHASES=() || PHASES=("$@")
[[ "${1:-}" == --* ]] || [ ${#PHASES[@]} -gt 0 ] || PHASES=(fixed maxcps)
SERVERS=(${SERVERS:-uas uas-noring uas-blocking b2bua responder jainsip kamailio})
SRF_MAX_TX="${SRF_MAX_TX:-4000000}"
REPS="${REPS:-3}"
FIXED_RATE="${FIXED_RATE:-1000}"
FIXED_CALLS="${FIXED_CALLS:-20000}"
B2B_RATE="${B2B_RATE:-500}"
B2B_CALLS="${B2B_CALLS:-10000}"
WARMUP_CALLS="${WARMUP_CALLS:-20000}"
IDLE_S="${IDLE_S:-10}"
MAX_SERVERS=(${MAX_SERVERS:-uas b2bua})
MAX_REPS="${MAX_REPS:-1}"
MAX_RATES_UAS="${MAX_RATES_UAS:-500 1000 2000 4000 8000 16000}"
MAX_RATES_B2BUA="${MAX_RATES_B2BUA:-250 500 1000 2000 4000}"
SUSTAIN_SERVERS=(${SUSTAIN_SERVERS:-uas b2bua})
SUSTAIN_S="${SUSTAIN_S:-60}"
export REFINE="${REFINE:-2}"
export MAX_RETRANS="${MAX_RETRANS:-0}"
export QUIET_WAIT_S="${QUIET_WAIT_S:-15}"
RESULTS_DIR="${RESULTS_DIR:-$HERE/results/srf-$(date +%Y-%m-%d-%H%M%S)}"
mkdir -p "$RESULTS_DIR"
export RESULTS_DIR="$(cd "$RESULTS_DIR" && pwd)"
RAW="$RESULTS_DIR/raw.txt"

port_of() {
  case "$1" in
    uas) echo 5280 ;; jainsip) echo 5281 ;; kamailio) echo 5282 ;; responder) echo 5283 ;;
    b2bua) echo 5284 ;; b2bua-b) echo 5285 ;; uas-blocking) echo 5286 ;; uas-noring) echo 5287 ;;
    *) die "unknown server $1" ;;
  esac
}
peer_of() {
  case "$1" in
    uas|uas-noring|uas-blocking|b2bua) echo sipflow-example ;; responder) echo sipflow-responder ;; b2bua-b) echo sipp-uas ;;
    jainsip) echo jainsip-uas ;; kamailio) echo kamailio ;;
  esac
}
peer_args_of() { case "$1" in uas|b2bua) echo "$1" ;; uas-blocking|uas-noring) echo uas ;; esac; }
configure() { # exports the environment of server $1 for its peer scripts (call in a subshell)
  case "$1" in
    uas) export SIPFLOW_PIDFILE="$RUN_DIR/uas.pid" SIPFLOW_EXAMPLE_ARGS="--max-transactions $SRF_MAX_TX" ;;
    uas-blocking) export SIPFLOW_PIDFILE="$RUN_DIR/uas-blocking.pid" SIPFLOW_EXAMPLE_ARGS="--max-transactions $SRF_MAX_TX --blocking" ;;
    uas-noring) export SIPFLOW_PIDFILE="$RUN_DIR/uas-noring.pid" SIPFLOW_EXAMPLE_ARGS="--max-transactions $SRF_MAX_TX --no-ringing" ;;
    b2bua) export SIPFLOW_PIDFILE="$RUN_DIR/b2bua.pid" SIPFLOW_EXAMPLE_ARGS="--max-transactions $SRF_MAX_TX --target sip:127.0.0.1:$(port_of b2bua-b)" ;;
    b2bua-b) export SIPP_UAS_PIDFILE="$RUN_DIR/b2bua-b.pid" ;;
    responder) export SIPFLOW_PIDFILE="$RUN_DIR/responder.pid" SIPFLOW_RINGING=1 SIPFLOW_ARGS="--max-transactions $SRF_MAX_TX" ;;
  esac
}
. "$HERE/lib/servers.sh"

rate_of() { [ "$1" = b2bua ] && echo "$B2B_RATE" || echo "$FIXED_RATE"; }
calls_of() { [ "$1" = b2bua ] && echo "$B2B_CALLS" || echo "$FIXED_CALLS"; }
warmup_of() { # "rate:calls ..." that warm a server up
  case "$1" in
    kamailio) echo "$FIXED_RATE:2000" ;;
    b2bua) echo "$B2B_RATE:$((WARMUP_CALLS / 2))" ;;
    *) echo "$FIXED_RATE:$WARMUP_CALLS" ;;
  esac
}
restart_cmd() { printf "%q --restart %q" "$HERE/run-srf.sh" "$1"; }

# up SERVER -> starts it (b2bua: its B side first) and records the PIDs; down SERVER stops them
up() {
  [ "$1" = b2bua ] && PIDS[b2bua-b]="$(start_server b2bua-b)"
  PIDS[$1]="$(start_server "$1")"
}
down() {
  stop_server "$1"; unset "PIDS[$1]"
  if [ "$1" = b2bua ]; then stop_server b2bua-b; unset "PIDS[b2bua-b]"; fi
}
# run SERVER KIND REP RATE CALLS [VAR=value...] -> one run-uas-bench.sh run against SERVER, recorded
run() {
  local s="$1" kind="$2" rep="$3" rate="$4" calls="$5"; shift 5
  record "$s" "$kind" "$rep" "$(env "$@" BENCH_EXCLUDE_PIDS="$(others_of "$s")" SERVER_PID="${PIDS[$s]}" \
    "$HERE/run-uas-bench.sh" "127.0.0.1:$(port_of "$s")" "$rate" "$calls" | tail -n 1)"
}
warm() { local w; for w in $(warmup_of "$1"); do run "$1" warmup 0 "${w%%:*}" "${w##*:}"; done; }

case "${1:-}" in # single actions, for find-max-cps.sh's RESTART_CMD and srf-profile.sh
  --restart) trap - EXIT; stop_server "$2"; start_server "$2"; exit 0 ;;  # prints the new PID
  --start) trap - EXIT; [ "$2" = b2bua ] && start_server b2bua-b >/dev/null; start_server "$2"; exit 0 ;;
  --stop) stop_server "$2"; [ "$2" = b2bua ] && stop_server b2bua-b; exit 0 ;;
  --port-of) port_of "$2"; exit 0 ;;
esac

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) run-srf.sh ${PHASES[*]} servers=${SERVERS[*]} git=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') nproc=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /)"
  echo "# REPS=$REPS FIXED=$FIXED_RATE/$FIXED_CALLS B2B=$B2B_RATE/$B2B_CALLS WARMUP=$WARMUP_CALLS MAX_SERVERS=${MAX_SERVERS[*]} MAX_REPS=$MAX_REPS MAX_RETRANS=$MAX_RETRANS REFINE=$REFINE STEP_S=${STEP_S:-10} QUIET_WAIT_S=$QUIET_WAIT_S"
  echo "# java: $("$JAVA" -version 2>&1 | sed -n 2p); sipflow opts: ${SIPFLOW_JAVA_OPTS:-default of bin/sipflow}; kamailio: $(kamailio -v 2>/dev/null | head -n 1); sipp: $(sipp -v 2>/dev/null | grep -o 'v[0-9.]*' | head -n 1)"
} >> "$RAW"

phase_fixed() {
  local s rep
  echo "== fixed: ${SERVERS[*]} (warm-up, idle, $REPS rounds) $(date -u +%T)" >&2
  for s in "${SERVERS[@]}"; do up "$s"; done
  for s in "${SERVERS[@]}"; do warm "$s"; done
  sleep 35 # past Timer L/J (32 s) of the warm-up: idle means idle
  record_idle "${SERVERS[@]}"
  for ((rep = 1; rep <= REPS; rep++)); do
    for s in $(rotated $((rep - 1))); do
      run "$s" fixed "$rep" "$(rate_of "$s")" "$(calls_of "$s")" RTT=1
      sleep 2
    done
  done
  for s in "${SERVERS[@]}"; do down "$s"; done
}

phase_maxcps() {
  local s rep line rates
  for ((rep = 1; rep <= MAX_REPS; rep++)); do
    for s in "${MAX_SERVERS[@]}"; do
      echo "== maxcps: $s rep $rep $(date -u +%T)" >&2
      rates="$MAX_RATES_UAS"; [ "$s" = b2bua ] && rates="$MAX_RATES_B2BUA"
      up "$s"
      echo "# $s rep $rep $(date -u +%FT%TZ)" >> "$RESULTS_DIR/steps-$s.log"
      line="$(RATES="$rates" SERVER_PID=${PIDS[$s]} BENCH_EXCLUDE_PIDS="$(others_of "$s")" \
        RESTART_WARMUP="$(warmup_of "$s" | sed "s/:[0-9]*/:$(( $(rate_of "$s") * 10 ))/")" \
        RESTART_CMD="$(restart_cmd "$s")" \
        "$HERE/find-max-cps.sh" "127.0.0.1:$(port_of "$s")" 2>>"$RESULTS_DIR/steps-$s.log")"
      # find-max-cps.sh may have restarted the server: stop the PID it ended with
      [ -f "$RUN_DIR/$s.pid" ] && PIDS[$s]="$(cat "$RUN_DIR/$s.pid")"
      record "$s" maxcps "$rep" "$line"
      down "$s"
      sleep 2
    done
  done
}

phase_sustain() {
  local s rate
  for s in "${SUSTAIN_SERVERS[@]}"; do
    echo "== sustain: $s $(date -u +%T)" >&2
    rate="$(rate_of "$s")"
    up "$s"
    warm "$s"
    sleep 35
    run "$s" sustain 1 "$rate" $((rate * SUSTAIN_S))
    down "$s"
  done
}

for ph in "${PHASES[@]}"; do
  case "$ph" in
    fixed) phase_fixed ;; maxcps) phase_maxcps ;; sustain) phase_sustain ;;
    *) die "unknown phase $ph (fixed, maxcps, sustain)" ;;
  esac
done

"$HERE/srf-table.sh" "$RAW" | tee "$RESULTS_DIR/summary.md"
