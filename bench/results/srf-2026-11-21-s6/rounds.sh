#!/bin/bash
# extra interleaved CPU/call rounds at 1000 cps with steal recorded
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
cd /work/main
OUT=${OUT:-/tmp/srf-rounds.txt}
SV="${SV:-uas uas-noring kamailio}"; ALL="$SV"
declare -A PID PORT
for s in $SV; do PID[$s]=$(bench/run-srf.sh --start $s | tail -1); PORT[$s]=$(bench/run-srf.sh --port-of $s); done
for s in $SV; do
  [ $s = kamailio ] && w="1000:5000" || w="1000:20000 2000:20000"
  for x in $w; do SERVER_PID=${PID[$s]} bench/run-uas-bench.sh 127.0.0.1:${PORT[$s]} ${x%%:*} ${x##*:} > /dev/null; done
done
sleep 35
for r in $(seq 1 ${ROUNDS:-4}); do
  for s in $SV; do
    l=$(SERVER_PID=${PID[$s]} bench/run-uas-bench.sh 127.0.0.1:${PORT[$s]} 1000 10000)
    echo "server=$s kind=round rep=$r $l" >> $OUT
    sleep 1
  done
  SV="$(echo $SV | awk '{for(i=2;i<=NF;i++) printf "%s ", $i; print $1}')"
done
for s in $ALL; do bench/run-srf.sh --stop $s; done
