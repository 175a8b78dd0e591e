#!/usr/bin/env bash
# Index benchmarks on the embedded PostgreSQL: segment COPY rate vs batched INSERT and a hash
# layout, share removal, 20,000 files with segments, 1,000,000 marks, streaming with flat memory.
# Usage: bench/index-bench.sh [runs=5] [segments=1000000] [parts=record,copy,insert,hash,files,mark,stream; also: parallel]. Prints medians
# and the load average; the machine is shared. INDEX_BENCH_PG="name=value,..." adds embedded server settings (A/B runs).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -B -pl benchmarks package -DskipTests
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${INDEX_BENCH_PG:+-Dusync.bench.pg=$INDEX_BENCH_PG} \
  -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  io.usync.benchmarks.indexer.IndexBench "${1:-5}" "${2:-1000000}" "${3:-record,copy,insert,hash,files,mark,stream}"
