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
. "$HERE/../../lib/sipflow.sh"
ROOT="$(cd "$HERE/../../.." && pwd)"

PORT="${1:-5173}"
ARGS=(responder --listen "udp:127.0.0.1:$PORT")
[ "${SIPFLOW_RINGING:-0}" = 1 ] || ARGS+=(--no-ringing)
# shellcheck disable=SC2206
ARGS+=(${SIPFLOW_ARGS:-})
export SIPFLOW_JAVA_OPTS
sipflow_start "$ROOT" sipflow-responder "${SIPFLOW_PIDFILE:-$RUN_DIR/sipflow-responder.pid}" \
  "$RUN_DIR/sipflow-responder.log" "$PORT" "${ARGS[@]}"
