# A set of servers measured in one session (run-stack.sh, run-srf.sh): starting and stopping them
# through their peers/<peer>/start.sh|stop.sh, recording summary lines, rotating the order.
# Sourced after lib/common.sh. The including script sets HERE, RESULTS_DIR, RAW and SERVERS and
# defines:
#   port_of SERVER     its UDP port on 127.0.0.1
#   peer_of SERVER     its folder under peers/
#   configure SERVER   exports its environment for the peer scripts (called in a subshell)
#   peer_args_of SERVER  (optional) words given to start.sh before the port, and to stop.sh
# shellcheck shell=bash

declare -F peer_args_of >/dev/null || peer_args_of() { :; }

start_server() { # SERVER -> PID
  # shellcheck disable=SC2046
  ( configure "$1"; exec "$HERE/peers/$(peer_of "$1")/start.sh" $(peer_args_of "$1") "$(port_of "$1")" ) 2>>"$RESULTS_DIR/servers.log"
}
stop_server() {
  # shellcheck disable=SC2046
  ( configure "$1"; exec "$HERE/peers/$(peer_of "$1")/stop.sh" $(peer_args_of "$1") ) >>"$RESULTS_DIR/servers.log" 2>&1 || true
}

# The servers this script started, by name: stopped on exit, interrupt or error.
declare -A PIDS=()
stop_all_servers() { local s; for s in "${!PIDS[@]}"; do stop_server "$s"; unset "PIDS[$s]"; done; }
trap stop_all_servers EXIT
trap 'exit 130' INT TERM   # runs the EXIT trap

# record SERVER KIND REP LINE -> appends "server=<s> kind=<k> rep=<n> LINE load=<1 min>/<5 min>"
# to RAW (the load average: how busy the machine was around the figure) and prints it
record() { echo "server=$1 kind=$2 rep=$3 $4 load=$(awk '{ print $1 "/" $2 }' /proc/loadavg)" | tee -a "$RAW"; }
bench() { "$HERE/run-uas-bench.sh" "$@" | tail -n 1; }
# others_of SERVER -> PIDs of the other servers up (not counted in its other_cpu_s)
others_of() { local s out=""; for s in "${!PIDS[@]}"; do [ "$s" = "$1" ] || out+="${PIDS[$s]} "; done; echo "$out"; }
rotated() { # rotated N -> the servers, starting with the N-th
  local n="${#SERVERS[@]}" i
  for ((i = 0; i < n; i++)); do echo "${SERVERS[$(( (i + $1) % n ))]}"; done
}
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<< "$2"; }
median_max() { # median max_clean_cps of SERVER in RAW
  awk -v s="$1" '$1 == "server=" s && $2 == "kind=maxcps" { for (i = 1; i <= NF; i++) if ($i ~ /^max_clean_cps=/) { split($i, kv, "="); print kv[2] } }' "$RAW" \
    | sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
# record_idle SERVER... -> one "kind=idle" line per server: its CPU over IDLE_S seconds of no load
record_idle() {
  local s; declare -A a=()
  for s in "$@"; do a[$s]="$(cpu_ticks "${PIDS[$s]}")"; done
  sleep "$IDLE_S"
  for s in "$@"; do
    record "$s" idle 1 "$(awk -v t=$(( $(cpu_ticks "${PIDS[$s]}") - ${a[$s]} )) -v s="$IDLE_S" -v hz="$CLK_TCK" 'BEGIN { printf "idle_s=%d idle_server_cpu_s=%.2f idle_cpu_pct=%.1f", s, t / hz, 100 * t / hz / s }')"
  done
}
