#!/usr/bin/env bash
# usync's test command: does all set-up on a fresh Debian machine, then builds and runs every test.
#   1. selects a JDK 25 (scripts/lib/jdk.sh)
#   2. installs and starts the INN2 test server on 127.0.0.1 (it-tests/inn/setup-inn.sh, needs
#      root or passwordless sudo; set USYNC_SKIP_INN=1 to skip it and let INN2 tests skip)
#   3. installs Nyuu (npm) for the interop test when absent (scripts/lib/nyuu.sh; set
#      USYNC_SKIP_NYUU=1 to skip it and let that test skip)
#   4. mvn -B verify (unit tests *Test with surefire, integration tests *IT with failsafe;
#      PostgreSQL is embedded, started by the tests themselves)
# Extra arguments go to Maven, e.g. scripts/test.sh -pl config.
# The INN2 server is left running for the next run; stop it with: sudo it-tests/inn/setup-inn.sh --stop
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh
usync_select_jdk25

command -v mvn >/dev/null || { echo "usync: Maven (mvn 3.8.7 or newer) is not installed: apt-get install maven" >&2; exit 1; }

if [[ ${USYNC_SKIP_INN:-0} != 1 ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    it-tests/inn/setup-inn.sh
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n --preserve-env=JAVA_HOME it-tests/inn/setup-inn.sh
  else
    echo "usync: starting INN2 needs root: run 'sudo it-tests/inn/setup-inn.sh' once, or set USYNC_SKIP_INN=1" >&2
    exit 1
  fi
fi

if [[ ${USYNC_SKIP_NYUU:-0} != 1 ]]; then
  # shellcheck source=scripts/lib/nyuu.sh
  source scripts/lib/nyuu.sh
  usync_install_nyuu || echo "usync: warning: Nyuu is not installed: NyuuInteropIT skips (fails under CI=true)" >&2
fi

echo "usync: mvn -B verify with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
exec mvn -B -ntp verify "$@"
