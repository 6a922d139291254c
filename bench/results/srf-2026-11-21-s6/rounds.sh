#!/bin/bash
# The sixth session's interleaved rounds (bench/srf-rounds.sh):
cd "$(dirname "$0")/../../.." && SV="uas uas-noring kamailio" ROUNDS=6 \
  OUT="${OUT:-bench/results/srf-2026-11-21-s6/rounds-raw.txt}" exec bench/srf-rounds.sh
