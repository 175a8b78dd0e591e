#!/usr/bin/env bash
# POST and BODY throughput of the NNTP client through its pool against the in-memory fake server
# (a separate JVM) on loopback, with 1, 4, 8 and 16 connections. Prints MB/s and the client's own
# CPU seconds per GB. Usage: bench/nntp-loopback.sh [MEGABYTES per phase, default 512]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MB="${1:-512}"
if [[ ! -d benchmarks/target/lib || ! -d benchmarks/target/classes/io/usync/benchmarks/nntp ]]; then
  mvn -o -q -B -pl benchmarks package -DskipTests
fi
CP="benchmarks/target/classes:benchmarks/target/lib/*"
FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
WORK="$(mktemp -d)"
"$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$CP" io.usync.benchmarks.nntp.NntpLoopbackBench server "$WORK/port" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 200); do [[ -s "$WORK/port" ]] && break; sleep 0.1; done
PORT="$(cat "$WORK/port")"
echo "fake server pid $SERVER on 127.0.0.1:$PORT; $MB MB per phase; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for CONNS in 1 4 8 16; do
  "$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$CP" io.usync.benchmarks.nntp.NntpLoopbackBench client "$PORT" "$CONNS" "$MB"
done
