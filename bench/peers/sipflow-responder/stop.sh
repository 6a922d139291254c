#!/usr/bin/env bash
# Stop the sipflow responder started by start.sh (SIGTERM to its recorded PID; it exits cleanly).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../lib/common.sh"
stop_pidfile "${SIPFLOW_PIDFILE:-$RUN_DIR/sipflow-responder.pid}" sipflow-responder
