#!/usr/bin/env bash
# Codec benchmarks: sipflow sip-message vs. the JAIN-SIP reference implementation, same bytes,
# one core (@Fork(1) @Threads(1)), with JMH's GC profiler for bytes allocated per operation.
# Takes about 2.5 minutes (8 benchmarks x ~18 s: 3 x 2 s warm-up, 10 x 1 s measurement); prints
# one line per benchmark (mean ops/s, best iteration, us/op, bytes/op), then the
# sipflow/JAIN-SIP ratios and the codec targets.
#
#   bench/run-codec.sh                  # everything
#   bench/run-codec.sh -prof stack      # extra arguments are passed to JMH
#   SIPFLOW_BENCH_INCLUDE='parseInvite' bench/run-codec.sh   # a subset (JMH regex)
#
# Raw results: bench/target/codec-results.json (override with SIPFLOW_BENCH_JSON),
# full JMH output: bench/target/codec-results.log.
#
# Garbage collector: every benchmark JVM (sipflow's and the JAIN-SIP reference's alike) runs
# with the collector the server runs with, -XX:+UseParallelGC (bin/sipflow), not the JVM's
# default G1: a parse allocates some hundred bytes, and the collector's write barriers and
# allocation path are part of what a parse costs in the server. Both sides of every ratio run
# with the same flags. SIPFLOW_BENCH_GC=G1 (or any other <name> of -XX:+Use<name>GC) measures
# with another collector; SIPFLOW_BENCH_GC=default leaves the JVM's default.
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

# JDK 23+ warns on every JVM start that JMH uses sun.misc.Unsafe; that is expected here
# (same flag and rule as sipflow_maven_opts). JMH's forks inherit the host JVM's flags.
jvm_flags=()
if [ "$(sipflow_jdk_major "$java")" -ge 23 ]; then
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
  sipflow_maven_opts
  (cd "$root" && mvn -B -ntp -q -Dstyle.color=never -pl bench -am package -DskipTests) 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g' >&2   # Maven 3.8 prints stray colour codes even with -q -B
fi

gc=${SIPFLOW_BENCH_GC:-Parallel}
fork_flags=()
if [ "$gc" != default ]; then
  fork_flags=(-jvmArgsAppend "-XX:+Use${gc}GC")
fi

mkdir -p "$(dirname "$json")"
# The benchmarks need one idle core (plus a little for GC). Other load makes them slow and noisy.
load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
echo "running JMH (one fork, one thread, -prof gc, GC: $gc); log: $log" >&2
"$java" "${jvm_flags[@]}" -jar "$jar" "$include" "${fork_flags[@]}" \
  -prof gc -rf json -rff "$json" "$@" >"$log" 2>&1 || {
  echo "JMH failed; last lines of $log:" >&2; tail -n 30 "$log" >&2; exit 1; }
load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")

python3 - "$json" "$load_before" "$load_after" "$(nproc 2>/dev/null || echo 0)" "$gc" <<'PY'
import json, sys
print(f"garbage collector of every benchmark JVM: {sys.argv[5]}" +
      (" (the server's, bin/sipflow)" if sys.argv[5] == "Parallel" else ""))

rows = {}
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 1)[1]
    pm = r["primaryMetric"]                      # ops/s (Mode.Throughput, OutputTimeUnit SECONDS)
    its = [x for fork in pm.get("rawData", []) for x in fork]
    norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    rows[name] = {"mean": pm["score"], "err": pm.get("scoreError"), "best": max(its) if its else pm["score"],
                  "alloc": norm}

def fnum(x, fmt):
    try:
        x = float(x)          # JMH writes "NaN" (a string) when there is no error estimate
    except (TypeError, ValueError):
        return "n/a"
    return "n/a" if x != x else format(x, fmt)

print(f"{'benchmark':<24}{'ops/s mean':>13}{'± 99.9%':>11}{'best iter':>13}{'us/op':>9}{'bytes/op':>10}")
for name in sorted(rows, key=lambda n: (n.startswith("jainsip"), n)):
    r = rows[name]
    print(f"{name:<24}{r['mean']:>13,.0f}{fnum(r['err'], ',.0f'):>11}{r['best']:>13,.0f}"
          f"{1e6 / r['mean']:>9.3f}{fnum(r['alloc'], ',.0f'):>10}")
print("(us/op = 1e6 / mean ops/s; bytes/op = gc.alloc.rate.norm; best iter = fastest measurement iteration)")

print()
print("sipflow / JAIN-SIP, same run:   throughput (mean)  (best iter)   allocation")
pairs = [("parse INVITE", "parseInviteLazy", "jainsipParseInvite"),
         ("parse 200 OK", "parse200Ok", "jainsipParse200Ok"),
         ("serialize", "serializeInvite", "jainsipSerializeInvite"),
         ("SDP", "parseSdp", "jainsipParseSdp")]
for label, s, j in pairs:
    if s in rows and j in rows:
        a, b = rows[s], rows[j]
        alloc = f"{a['alloc'] / b['alloc']:.3f}x" if a["alloc"] is not None and b["alloc"] else "n/a"
        print(f"  {label:<30}{a['mean'] / b['mean']:>12.2f}x{a['best'] / b['best']:>13.2f}x{alloc:>13}")
    else:
        print(f"  {label:<30}n/a ({s if s not in rows else j} not run)")

print()
print("targets (throughput judged on the mean, 'best iter' shown for a busy machine; ratios on the lower one):")
def target(label, mean, best, goal, higher=True):
    if mean is None:
        print(f"  [n/a   ] {label}: not run"); return
    ok = (lambda v: v >= goal) if higher else (lambda v: v <= goal)
    status = "met   " if ok(mean) else "MISSED"
    extra = "" if best is None or ok(mean) or not ok(best) else " (the best iteration does meet it)"
    print(f"  [{status}] {label}{extra}")
def get(n, k):
    return rows[n][k] if n in rows else None
inv = "parseInviteLazy"
target(f">= 1,000,000 lazy INVITE parses/s on one core: mean {fnum(get(inv, 'mean'), ',.0f')}, "
       f"best {fnum(get(inv, 'best'), ',.0f')}", get(inv, "mean"), get(inv, "best"), 1e6)
for n in ("parseInviteLazy", "parse200Ok"):
    target(f"<= 2 KB (2048 B) allocated per parsed message, {n}: {fnum(get(n, 'alloc'), ',.0f')} B",
           get(n, "alloc"), None, 2048, higher=False)
ser = "serializeInvite"
target(f">= 2,000,000 serializations/s of an unmodified message: mean {fnum(get(ser, 'mean'), ',.0f')}",
       get(ser, "mean"), get(ser, "best"), 2e6)
for s, j in (("parseInviteLazy", "jainsipParseInvite"), ("parse200Ok", "jainsipParse200Ok")):
    if s in rows and j in rows:
        # Judged on the lower of the two ratios: load during one side's run inflates or deflates
        # the ratio of means, and the best iterations are the least disturbed measurements.
        m, b = rows[s]["mean"] / rows[j]["mean"], rows[s]["best"] / rows[j]["best"]
        target(f">= 5x JAIN-SIP parse throughput, {s}: {m:.1f}x mean, {b:.1f}x best (judged on the lower)",
               min(m, b), None, 5)
    else:
        target(f">= 5x JAIN-SIP parse throughput, {s}", None, None, 5)

try:
    before, after, cpus = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    if max(before, after) > 1.5 and cpus <= 4 or max(before, after) > cpus * 0.75:
        print(f"\nnote: load average was {before} before / {after} after the run on {cpus} CPUs: other "
              "processes competed for the cores, so throughput is low and noisy; rerun on an idle machine.")
except ValueError:
    pass
PY
