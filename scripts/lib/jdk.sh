# Sourced by usync's scripts: picks a JDK 25 and exports JAVA_HOME (and PATH) for it.
# Order: $JAVA_HOME when it is a JDK 25, else /usr/lib/jvm/temurin-25-jdk-amd64, else fail.

usync_jdk_is_25() { # dir
  [[ -n ${1:-} && -x $1/bin/java && -x $1/bin/javac ]] || return 1
  "$1/bin/java" -version 2>&1 | grep -qE '^[a-z]+ version "25([."]|$)'
}

usync_select_jdk25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
    if usync_jdk_is_25 "$candidate"; then
      export JAVA_HOME=$candidate
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  printf 'usync: no JDK 25 found (JAVA_HOME=%s). Install one, e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64, or export JAVA_HOME=/path/to/jdk-25\n' \
    "${JAVA_HOME:-unset}" >&2
  return 1
}
