#!/usr/bin/env python3
"""Where a JVM's Java threads spent their CPU, from the execution samples of a JFR recording.

Usage: jfr-summary.py RECORDING.jfr [CPU_MS_PER_CALL]

Prints (markdown): samples by thread group; samples by layer, each sample charged to the layer of
its innermost project frame (io.sipflow.examples, io.sipflow.srf, io.sipflow.stack.*,
io.sipflow.message, io.netty; "jdk" when the stack holds none: schedulers, virtual-thread
plumbing); the top methods by self samples (the frame on top), and by inclusive samples (anywhere
on the stack). With CPU_MS_PER_CALL (the process's measured CPU per call), each share is also
given as ms per call; JFR samples Java code only (no GC, JIT or kernel time), so those figures
share out the Java part of the cost, approximately.
Needs `jfr` of the JDK that recorded (JAVA_HOME/bin/jfr or on PATH).
"""
import collections
import json
import os
import re
import subprocess
import sys

LAYERS = [
    ("io.sipflow.examples.", "examples"),
    ("io.sipflow.srf.", "srf"),
    ("io.sipflow.stack.transaction.", "stack.transaction"),
    ("io.sipflow.stack.transport.", "stack.transport"),
    ("io.sipflow.stack.", "stack (other)"),
    ("io.sipflow.message.", "message (codec)"),
    ("io.sipflow.sdp.", "sdp"),
    ("io.sipflow.", "sipflow (other)"),
    ("io.netty.", "netty"),
]


def layer_of(cls):
    for prefix, name in LAYERS:
        if cls.startswith(prefix):
            return name
    return None


def frame_name(f):
    m = f["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    rec = sys.argv[1]
    cpu_ms = float(sys.argv[2]) if len(sys.argv) > 2 else None
    jfr = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr")
    if not os.access(jfr, os.X_OK):
        jfr = "jfr"
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", rec],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    total = len(events)
    if total == 0:
        print("no execution samples in", rec)
        return
    by_thread = collections.Counter()
    by_layer = collections.Counter()
    self_m = collections.Counter()
    incl_m = collections.Counter()
    for e in events:
        v = e["values"]
        t = (v.get("sampledThread") or {}).get("javaName") or (v.get("sampledThread") or {}).get("osName") or "?"
        by_thread[re.sub(r"[-#]?\d+$", "", t) or t] += 1
        frames = (v.get("stackTrace") or {}).get("frames") or []
        names = [frame_name(f) for f in frames]
        if names:
            self_m[names[0]] += 1
        for n in set(names):
            incl_m[n] += 1
        owner = "jdk"
        for f in frames:
            l = layer_of(f["method"]["type"]["name"].replace("/", "."))
            if l:
                owner = l
                break
        by_layer[owner] += 1

    def row(name, n):
        s = f"| {name} | {n} | {100.0 * n / total:.1f} %"
        if cpu_ms is not None:
            s += f" | {cpu_ms * n / total:.4f}"
        return s + " |"

    head = "| {} | samples | share" + (" | ms/call |" if cpu_ms is not None else " |")
    sep = "|---|---|---" + ("|---|" if cpu_ms is not None else "|")
    print(f"{total} execution samples in {os.path.basename(rec)}" + (f"; process CPU {cpu_ms} ms per call" if cpu_ms else ""))
    for title, counter, limit in (("thread group", by_thread, 12), ("layer (innermost project frame)", by_layer, 12),
                                  ("method, self (top frame)", self_m, 30), ("method, inclusive", incl_m, 40)):
        print()
        print(head.format(title))
        print(sep)
        for name, n in counter.most_common(limit):
            print(row(name, n))


if __name__ == "__main__":
    main()
