# Starting sipflow processes (bin/sipflow) for the benchmarks (sourced after lib/common.sh).
# shellcheck shell=bash

# sipflow_ensure_jar ROOT -> builds ROOT/server/target/sipflow.jar when it is missing (bin/sipflow
# would build it too, but inside the start timeout of a peer)
sipflow_ensure_jar() {
  local root="$1"
  [ -f "$root/server/target/sipflow.jar" ] && return 0
  echo "building $root/server/target/sipflow.jar ..." >&2
  ( . "$root/bin/lib/jdk.sh"; sipflow_find_jdk; sipflow_maven_opts
    cd "$root" && mvn -B -ntp -q package -pl server -am -DskipTests ) >&2
}

# sipflow_start ROOT NAME PIDFILE LOG PORT ARGS... -> starts `bin/sipflow ARGS` in the background
# (own session, SIPFLOW_JAVA_OPTS as exported), waits until it has bound udp 127.0.0.1:PORT and
# prints the PID of the java process (bin/sipflow execs it: SERVER_PID of run-uas-bench.sh).
sipflow_start() {
  local root="$1" name="$2" pidfile="$3" log="$4" port="$5"; shift 5
  sipflow_ensure_jar "$root"
  port_free "$port" || die "UDP port $port is already in use"
  start_bg "$pidfile" "$log" "$root/bin/sipflow" "$@"
  local pid; pid="$(cat "$pidfile")"
  if ! wait_udp_listen "$port" "$pid" 30; then
    echo "$name did not come up; log:" >&2; tail -n 40 "$log" >&2
    stop_pidfile "$pidfile" "$name" >&2
    return 1
  fi
  echo "$name: PID $pid on udp 127.0.0.1:$port $* (log $log)" >&2
  echo "$pid"
}
