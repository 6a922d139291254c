# The environment every SIPp-driven benchmark script starts with. Source it after setting HERE
# (bench/) and ROOT (the repository):   . "$HERE/lib/env.sh" /tmp/sipbench-<name>
# The argument is the default SIPBENCH_RUN_DIR (PID files, logs, SIPp files of every run).
export SIPBENCH_RUN_DIR="${SIPBENCH_RUN_DIR:-$1}"
. "$HERE/lib/common.sh"
. "$ROOT/bin/lib/jdk.sh"
sipflow_find_jdk
export JAVA="${JAVA:-$JAVA_HOME/bin/java}"

# Fails with the Debian packages to install when a tool a script drives is missing.
require_call_tools() {
  local tool
  for tool in sipp kamailio /usr/bin/time ss setsid; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y sip-tester kamailio time iproute2 util-linux)"
  done
}
