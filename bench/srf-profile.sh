#!/usr/bin/env bash
# Where the answering-UAS example spends CPU per call beyond the bare stack: stack-profile.sh
# (per-thread CPU, syscalls per call, perf record with JIT symbols, JFR) run on the servers of
# run-srf.sh, then each JFR recording summarised by jfr-summary.py (samples by thread group, by
# layer, top methods), scaled to the measured CPU per call.
#
# Usage: bench/srf-profile.sh [SERVER...]    (default: uas responder; also: b2bua, jainsip, ...)
#   uas        bin/sipflow example uas (createUAS; 180 then 200)
#   responder  bin/sipflow responder with 180 then 200, the stack's default limits: the baseline
# Environment: RATE (1000; b2bua: B2B_RATE, 500), CALLS (20000; b2bua 10000), RESULTS_DIR
#   (bench/results/srf-profile-<date>-<time>). About 3 minutes per server.
# Needs perf (linux-perf) and root or perf_event_paranoid <= 1, python3.
# Output: RESULTS_DIR/summary.txt, <server>-threads.txt, -syscalls.txt, -perf.txt, .jfr,
#   -jfr-*.txt (jfr views) and <server>-jfr-summary.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
. "$HERE/lib/env.sh" /tmp/sipbench-srf

SERVERS=("$@")
[ ${#SERVERS[@]} -gt 0 ] || SERVERS=(uas responder)
RESULTS_DIR="${RESULTS_DIR:-$HERE/results/srf-profile-$(date +%Y-%m-%d-%H%M%S)}"
mkdir -p "$RESULTS_DIR"
export RESULTS_DIR="$(cd "$RESULTS_DIR" && pwd)"
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) srf-profile.sh ${SERVERS[*]} git=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /)" >> "$RESULTS_DIR/summary.txt"

for s in "${SERVERS[@]}"; do
  rate="${RATE:-1000}"; calls="${CALLS:-20000}"
  [ "$s" = b2bua ] && { rate="${B2B_RATE:-500}"; calls="${CALLS:-10000}"; }
  # warm-up at the measured rate only: the examples keep the stack's default limit of 65536 live
  # transactions, which a faster warm-up followed by more calls within 32 s would reach
  SERVER_SCRIPT="$HERE/run-srf.sh" RATE="$rate" CALLS="$calls" WARMUP="$rate:$calls $rate:$calls" \
    "$HERE/stack-profile.sh" "$s"
  cpu="$(awk -v s="== $s " 'index($0, s) == 1 { f = 1; next } f && /^plain:/ { sub(/.*cpu_ms_per_call=/, ""); print $1; exit }' "$RESULTS_DIR/summary.txt")"
  python3 "$HERE/jfr-summary.py" "$RESULTS_DIR/$s.jfr" ${cpu:+"$cpu"} > "$RESULTS_DIR/$s-jfr-summary.md"
  sed -n '1,/^| method, self/p' "$RESULTS_DIR/$s-jfr-summary.md" | head -n 30
done
