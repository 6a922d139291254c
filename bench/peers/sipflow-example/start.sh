#!/usr/bin/env bash
# Start a sipflow example application (bin/sipflow example NAME) on udp 127.0.0.1:PORT in the
# background: the answering UAS (createUAS) or the routing B2BUA (createB2BUA).
# Usage: start.sh NAME [PORT]                 (NAME: uas | b2bua; default port 5280)
# Env:   SIPFLOW_EXAMPLE_ARGS extra arguments of the example, e.g. "--target sip:127.0.0.1:5285"
#                             (required by b2bua), "--hangup-after 30", "--t1 500"
#        SIPFLOW_JAVA_OPTS    JVM options (bin/sipflow's default: -XX:+UseParallelGC -Xms256m)
#        JAVA_HOME            JDK >= 21 (bin/lib/jdk.sh picks one when unset)
#        SIPFLOW_PIDFILE      where to record the PID (default $RUN_DIR/sipflow-example-NAME.pid)
# Builds server/target/sipflow.jar when missing. Prints the PID of the java process, for
# SERVER_PID of run-uas-bench.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../lib/common.sh"
. "$HERE/../../lib/sipflow.sh"
ROOT="$(cd "$HERE/../../.." && pwd)"

NAME="${1:?usage: start.sh uas|b2bua [PORT]}"
PORT="${2:-5280}"
# shellcheck disable=SC2206
ARGS=(example "$NAME" --listen "udp:127.0.0.1:$PORT" ${SIPFLOW_EXAMPLE_ARGS:-})
export SIPFLOW_JAVA_OPTS
sipflow_start "$ROOT" "sipflow-example-$NAME" "${SIPFLOW_PIDFILE:-$RUN_DIR/sipflow-example-$NAME.pid}" \
  "$RUN_DIR/sipflow-example-$NAME.log" "$PORT" "${ARGS[@]}"
