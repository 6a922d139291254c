# Live-heap measurement of a running JVM (stack-memory.sh, srf-memory.sh); sourced after
# lib/common.sh with JCMD set (the jcmd of the JDK that runs the process).
# shellcheck shell=bash

histo() { # PID FILE -> writes the class histogram (jcmd GC.class_histogram: a full GC first, then
          # every live object counted), prints the total live bytes
  "$JCMD" "$1" GC.class_histogram > "$2"
  awk '$1 == "Total" { print $3 }' "$2"
}
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
instances() { # FILE CLASS -> instance count
  awk -v c="$2" '$4 == c { print $2; f = 1 } END { if (!f) print 0 }' "$1"
}
histo_diff() { # BEFORE AFTER N -> top classes by byte growth, bytes per N
  awk -v n="$3" '
    FNR == NR { if ($1 ~ /^[0-9]+:$/) { b[$4] = $3; bi[$4] = $2 }; next }
    $1 ~ /^[0-9]+:$/ { d[$4] = $3 - b[$4]; di[$4] = $2 - bi[$4] }
    END { for (c in d) if (d[c] > 0) printf "%12d B %10d inst %8.1f B/unit %6.2f inst/unit  %s\n", d[c], di[c], d[c] / n, di[c] / n, c }' "$1" "$2" \
    | sort -k1,1nr | awk 'NR <= 30'   # (not head: sort would die of SIGPIPE under pipefail)
}
