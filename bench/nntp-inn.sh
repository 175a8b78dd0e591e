#!/usr/bin/env bash
# POST and BODY throughput of the NNTP client against INN2 on loopback, with a minimal raw-socket
# POST client's ceiling measured in the same run. Needs INN2 from it-tests/inn/setup-inn.sh.
# Usage: bench/nntp-inn.sh [CONNECTIONS, default 8] [MEGABYTES, default 512]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
CONNS="${1:-8}"
MB="${2:-512}"
if [[ ! -s /tmp/usync-inn/inn.env && -z "${USYNC_INN_PORT:-}" ]]; then
  echo "INN2 is not set up: run it-tests/inn/setup-inn.sh first" >&2
  exit 1
fi
if [[ ! -d benchmarks/target/lib || ! -d benchmarks/target/classes/io/usync/benchmarks/nntp ]]; then
  mvn -o -q -B -pl benchmarks package -DskipTests
fi
CP="benchmarks/target/classes:benchmarks/target/lib/*"
FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
echo "INN2 on loopback; $CONNS connections; $MB MB per phase; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$CP" io.usync.benchmarks.nntp.NntpInnBench raw "$CONNS" "$MB" | tee /tmp/nntp-inn-raw.$$
"$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$CP" io.usync.benchmarks.nntp.NntpInnBench client "$CONNS" "$MB" | tee /tmp/nntp-inn-client.$$
RAW=$(awk '/^RAW/ {for (i = 2; i <= NF; i++) if ($i == "MB/s") print $(i - 1)}' /tmp/nntp-inn-raw.$$)
POST=$(awk '/^POST/ {for (i = 2; i <= NF; i++) if ($i == "MB/s") print $(i - 1)}' /tmp/nntp-inn-client.$$)
rm -f /tmp/nntp-inn-raw.$$ /tmp/nntp-inn-client.$$
awk -v r="$RAW" -v p="$POST" 'BEGIN { if (r > 0) printf "POST through the client = %.0f%% of the raw-socket ceiling\n", 100 * p / r }'
