#!/usr/bin/env bash
# Stop a sipflow example started by start.sh (SIGTERM to its recorded PID; it exits cleanly).
# Usage: stop.sh NAME      (Env: SIPFLOW_PIDFILE, as given to start.sh)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../lib/common.sh"
NAME="${1:?usage: stop.sh uas|b2bua}"
stop_pidfile "${SIPFLOW_PIDFILE:-$RUN_DIR/sipflow-example-$NAME.pid}" "sipflow-example-$NAME"
