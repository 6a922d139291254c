#!/usr/bin/env bash
# Interleaved CPU-per-call rounds at 1,000 cps: the servers of run-srf.sh (started with
# `run-srf.sh --start`), each warmed up (Kamailio 5,000 calls, the JVMs 20,000 at 1,000 and at
# 2,000 cps), 35 s for the warm-up's transactions to end, then ROUNDS rounds of 10,000 calls per
# server, the order rotating each round, every line with its steal (run-uas-bench.sh). On a host
# that steals CPU, one run's CPU per call says little; many interleaved rounds and the runs with
# little steal are what compare.
#
# Usage: bench/srf-rounds.sh    Environment: SV (servers; default "uas uas-noring kamailio"),
#   ROUNDS (4), OUT (lines appended; default /tmp/srf-rounds.txt). The servers are stopped at the end.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE/.."
OUT=${OUT:-/tmp/srf-rounds.txt}
SV="${SV:-uas uas-noring kamailio}"; ALL="$SV"
declare -A PID PORT
for s in $SV; do PID[$s]=$(bench/run-srf.sh --start "$s" | tail -1); PORT[$s]=$(bench/run-srf.sh --port-of "$s"); done
for s in $SV; do
  [ "$s" = kamailio ] && w="1000:5000" || w="1000:20000 2000:20000"
  for x in $w; do SERVER_PID=${PID[$s]} bench/run-uas-bench.sh "127.0.0.1:${PORT[$s]}" "${x%%:*}" "${x##*:}" > /dev/null; done
done
sleep 35
for r in $(seq 1 "${ROUNDS:-4}"); do
  for s in $SV; do
    l=$(SERVER_PID=${PID[$s]} bench/run-uas-bench.sh "127.0.0.1:${PORT[$s]}" 1000 10000)
    echo "server=$s kind=round rep=$r $l" >> "$OUT"
    sleep 1
  done
  SV="$(echo $SV | awk '{for(i=2;i<=NF;i++) printf "%s ", $i; print $1}')"
done
for s in $ALL; do bench/run-srf.sh --stop "$s"; done
