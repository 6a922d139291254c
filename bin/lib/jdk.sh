# Sourced by bin/* and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if it is >= 21, else the newest JDK installed under /usr/lib/jvm
# (or /Library/Java/JavaVirtualMachines on macOS), else `java` on the PATH if it is >= 21.
# Prints a clear instruction and returns 1 when none is found.

sipflow_jdk_major() {  # $1 = path to a java binary; prints its feature version (e.g. 25)
  "$1" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

sipflow_find_jdk() {
  local min=21 best="" best_major=0 cand major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(sipflow_jdk_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null; then
      export JAVA_HOME; return 0
    fi
  fi
  for cand in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$cand/bin/javac" ] || continue
    major=$(sipflow_jdk_major "$cand/bin/java")
    if [ "${major:-0}" -gt "$best_major" ] 2>/dev/null; then best=$cand; best_major=$major; fi
  done
  if [ "$best_major" -ge "$min" ]; then
    JAVA_HOME=$best; export JAVA_HOME; return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(sipflow_jdk_major "$cand/bin/java")
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null; then JAVA_HOME=$cand; export JAVA_HOME; return 0; fi
  fi
  cat >&2 <<MSG
sipflow needs a JDK $min or newer, and none was found
(looked at JAVA_HOME, /usr/lib/jvm/*, and javac on the PATH).
Install one, for example:
    apt-get install -y openjdk-21-jdk        (Debian 13 / Ubuntu 24.04)
    or Eclipse Temurin 21+ from adoptium.net
then run this again, or point JAVA_HOME at it.
MSG
  return 1
}

# Maven's own guava calls sun.misc.Unsafe, which JDK 23+ warns about loudly; silence it there
# (the flag does not exist before 23, so it is only added when the JDK knows it).
sipflow_maven_opts() {
  local major
  major=$(sipflow_jdk_major "$JAVA_HOME/bin/java")
  if [ "${major:-0}" -ge 23 ] 2>/dev/null; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
  export MAVEN_OPTS
}
