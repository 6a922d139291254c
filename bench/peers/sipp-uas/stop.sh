#!/usr/bin/env bash
# Stop the SIPp UAS peer started by start.sh (by its recorded PID).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../lib/common.sh"
stop_pidfile "${SIPP_UAS_PIDFILE:-$RUN_DIR/sipp-uas.pid}" sipp-uas
