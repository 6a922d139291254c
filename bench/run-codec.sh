#!/usr/bin/env bash
# Codec benchmarks: sipflow sip-message vs. the JAIN-SIP reference implementation, same bytes,
# one core (@Fork(1) @Threads(1)), with JMH's GC profiler for bytes allocated per operation.
# Takes about 2.5 minutes (8 benchmarks x ~18 s); prints one line per benchmark, then the
# sipflow/JAIN-SIP ratios and the codec targets.
#
#   bench/run-codec.sh                  # everything
#   bench/run-codec.sh -prof stack      # extra arguments are passed to JMH
#   SIPFLOW_BENCH_INCLUDE='parseInvite' bench/run-codec.sh   # a subset (JMH regex)
#
# Raw results: bench/target/codec-results.json (override with SIPFLOW_BENCH_JSON),
# full JMH output: bench/target/codec-results.log.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bin/lib/jdk.sh"
sipflow_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"   # mvn below must build with the same JDK
java="$JAVA_HOME/bin/java"
jar="$root/bench/target/benchmarks.jar"
json=${SIPFLOW_BENCH_JSON:-$root/bench/target/codec-results.json}
log=${json%.json}.log
include=${SIPFLOW_BENCH_INCLUDE:-'io\.sipflow\.bench\..*CodecBenchmark\.'}

# JDK 24+ warns on every JVM start that JMH (and Maven itself) use sun.misc.Unsafe; that is
# expected here. JMH's forks inherit the host JVM's flags.
jvm_flags=()
if [ "$(sipflow_jdk_major "$java")" -ge 24 ]; then
  jvm_flags=(--sun-misc-unsafe-memory-access=allow)
fi

# (Re)build the uber-jar when it is missing or older than anything it is built from.
stale=
if [ ! -f "$jar" ]; then
  stale=missing
else
  for src in "$root/pom.xml" "$root/bench/pom.xml" "$root/bench/src" \
             "$root/sip-message/pom.xml" "$root/sip-message/src/main"; do
    [ -e "$src" ] || continue
    if [ -n "$(find "$src" -type f -newer "$jar" -print -quit)" ]; then stale=outdated; break; fi
  done
fi
if [ -n "$stale" ]; then
  echo "building $jar ($stale) with JDK at $JAVA_HOME ..." >&2
  (cd "$root" && MAVEN_OPTS="${MAVEN_OPTS:-} ${jvm_flags[*]}" mvn -B -ntp -q -pl bench -am package -DskipTests)
fi

mkdir -p "$(dirname "$json")"
echo "running JMH (one fork, one thread, -prof gc); log: $log" >&2
"$java" "${jvm_flags[@]}" -jar "$jar" "$include" \
  -prof gc -rf json -rff "$json" "$@" >"$log" 2>&1 || {
  echo "JMH failed; last lines of $log:" >&2; tail -n 30 "$log" >&2; exit 1; }

python3 - "$json" <<'PY'
import json, sys

rows = {}
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 1)[1]
    ops = r["primaryMetric"]["score"]            # ops/s (Mode.Throughput, OutputTimeUnit SECONDS)
    err = r["primaryMetric"].get("scoreError")
    norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    rows[name] = (ops, err, norm)

def fnum(x, fmt):
    try:
        x = float(x)          # JMH writes "NaN" (a string) when there is no error estimate
    except (TypeError, ValueError):
        return "n/a"
    return "n/a" if x != x else format(x, fmt)

print(f"{'benchmark':<24}{'ops/s':>14}{'± err':>12}{'us/op':>10}{'bytes/op':>11}")
for name in sorted(rows, key=lambda n: (n.startswith("jainsip"), n)):
    ops, err, norm = rows[name]
    print(f"{name:<24}{ops:>14,.0f}{fnum(err, ',.0f'):>12}{1e6 / ops:>10.3f}{fnum(norm, ',.0f'):>11}")

print()
print("sipflow / JAIN-SIP (same run):   throughput   allocation")
pairs = [("parse INVITE", "parseInviteLazy", "jainsipParseInvite"),
         ("parse 200 OK", "parse200Ok", "jainsipParse200Ok"),
         ("serialize", "serializeInvite", "jainsipSerializeInvite"),
         ("SDP", "parseSdp", "jainsipParseSdp")]
for label, s, j in pairs:
    if s in rows and j in rows:
        (so, _, sn), (jo, _, jn) = rows[s], rows[j]
        alloc = f"{sn / jn:.3f}x" if sn is not None and jn else "n/a"
        print(f"  {label:<30}{so / jo:>10.2f}x   {alloc:>10}")
    else:
        print(f"  {label:<30}n/a ({s if s not in rows else j} not run)")

print()
print("targets:")
def target(label, ok):
    print(f"  [{'met   ' if ok else 'MISSED' if ok is not None else 'n/a   '}] {label}")
def get(n, i):
    return rows[n][i] if n in rows else None
inv, ok200 = get("parseInviteLazy", 0), get("parse200Ok", 0)
target(f">= 1,000,000 lazy INVITE parses/s on one core (got {fnum(inv, ',.0f')})",
       None if inv is None else inv >= 1e6)
for n in ("parseInviteLazy", "parse200Ok"):
    b = get(n, 2)
    target(f"<= 2 KB (2048 B) allocated per parsed message, {n} (got {fnum(b, ',.0f')} B)",
           None if b is None else b <= 2048)
ser = get("serializeInvite", 0)
target(f">= 2,000,000 serializations/s of an unmodified message (got {fnum(ser, ',.0f')})",
       None if ser is None else ser >= 2e6)
for s, j in (("parseInviteLazy", "jainsipParseInvite"), ("parse200Ok", "jainsipParse200Ok")):
    a, b = get(s, 0), get(j, 0)
    ratio = None if a is None or b is None else a / b
    target(f">= 5x JAIN-SIP parse throughput, {s} (got {fnum(ratio, '.1f')}{'' if ratio is None else 'x'})",
           None if ratio is None else ratio >= 5)
PY
