#!/usr/bin/env bash
# Start the sipflow responder (bin/sipflow responder) on udp 127.0.0.1:PORT in the background.
# Usage: start.sh [PORT]                      (default 5173)
# Env:   SIPFLOW_RINGING=1   send 180 before the 200 (default: --no-ringing, like the
#                            reference peers, which answer with the 200 straight away)
#        SIPFLOW_ARGS        extra responder arguments (e.g. "--answer-delay 600000",
#                            "--listen tcp:127.0.0.1:5173", "--shards 1 --io-threads 1")
#        SIPFLOW_JAVA_OPTS   JVM options (bin/sipflow's default: -XX:+UseParallelGC -Xms256m)
#        JAVA_HOME           JDK >= 21 (bin/lib/jdk.sh picks one when unset)
#        SIPFLOW_PIDFILE     where to record the PID (default $RUN_DIR/sipflow-responder.pid)
# Builds server/target/sipflow.jar when missing. Prints the PID of the java process (bin/sipflow
# execs it), for SERVER_PID of run-uas-bench.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../lib/common.sh"
ROOT="$(cd "$HERE/../../.." && pwd)"

PORT="${1:-5173}"
PIDFILE="${SIPFLOW_PIDFILE:-$RUN_DIR/sipflow-responder.pid}"
LOG="$RUN_DIR/sipflow-responder.log"
JAR="$ROOT/server/target/sipflow.jar"

if [ ! -f "$JAR" ]; then
  echo "building $JAR ..." >&2
  ( . "$ROOT/bin/lib/jdk.sh"; sipflow_find_jdk; sipflow_maven_opts
    cd "$ROOT" && mvn -B -ntp -q package -pl server -am -DskipTests ) >&2
fi
port_free "$PORT" || die "UDP port $PORT is already in use"

ARGS=(responder --listen "udp:127.0.0.1:$PORT")
[ "${SIPFLOW_RINGING:-0}" = 1 ] || ARGS+=(--no-ringing)
# shellcheck disable=SC2206
ARGS+=(${SIPFLOW_ARGS:-})
export SIPFLOW_JAVA_OPTS
start_bg "$PIDFILE" "$LOG" "$ROOT/bin/sipflow" "${ARGS[@]}"
PID="$(cat "$PIDFILE")"
if ! wait_udp_listen "$PORT" "$PID" 30; then
  echo "sipflow responder did not come up; log:" >&2; tail -n 40 "$LOG" >&2
  SIPFLOW_PIDFILE="$PIDFILE" "$HERE/stop.sh" >&2
  exit 1
fi
echo "sipflow-responder: PID $PID on udp 127.0.0.1:$PORT ${ARGS[*]:3} (log $LOG)" >&2
echo "$PID"
