#!/usr/bin/env bash
# Start SIPp in UAS mode (scenarios/uas.xml) on 127.0.0.1:PORT: the
# "no real stack" ceiling (no parser beyond what SIPp needs, no
# transaction layer beyond its per-call scenario state).
# Usage: start.sh [PORT]                      (default 5172)
# Env:   SIPP (default: sipp on PATH), SIPP_UAS_PIDFILE, SIPP_BUF (socket buffer bytes,
#        default 1048576)
# Prints the PID.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../lib/common.sh"

PORT="${1:-5172}"
SIPP="${SIPP:-sipp}"
PIDFILE="${SIPP_UAS_PIDFILE:-$RUN_DIR/sipp-uas.pid}"
LOG="$RUN_DIR/sipp-uas.log"

port_free "$PORT" || die "UDP port $PORT is already in use"
# -bind_local: listen on 127.0.0.1 only; -ci/-mi: control and media
# sockets on loopback too; -nostdin: no keyboard control; -buff_size: the
# same 1 MiB socket buffers the other peers get (SIPp's default is 64 KiB).
start_bg "$PIDFILE" "$LOG" "$SIPP" -sf "$HERE/../../scenarios/uas.xml" \
  -i 127.0.0.1 -mi 127.0.0.1 -ci 127.0.0.1 -p "$PORT" -bind_local -nostdin -buff_size "${SIPP_BUF:-1048576}" \
  -trace_err -error_file "$RUN_DIR/sipp-uas-errors.log"
PID="$(cat "$PIDFILE")"
if ! wait_udp_listen "$PORT" "$PID" 10; then
  echo "sipp-uas did not come up; log:" >&2; cat "$LOG" >&2
  stop_pidfile "$PIDFILE" sipp-uas >&2
  exit 1
fi
echo "sipp-uas: PID $PID on udp 127.0.0.1:$PORT (log $LOG)" >&2
echo "$PID"
