#!/bin/bash
# The fifth session's interleaved rounds (run as a copy of what is now bench/srf-rounds.sh):
cd "$(dirname "$0")/../../.." && SV="uas uas-blocking responder jainsip kamailio" ROUNDS=4 \
  OUT="${OUT:-bench/results/srf-2026-11-21-s5/rounds-raw.txt}" exec bench/srf-rounds.sh
