#!/usr/bin/env bash
# End-to-end segmenter bench: scan + read + hash + yEnc encode of (1) one 5 GiB file with a warm
# page cache and (2) 20,000 files of 1-16 KiB. Prints per-round MB/s and files/s, the median, and
# peak RSS. Data is generated under /tmp and deleted afterwards. Each yEnc encoder named in the
# fifth argument gets its own JVM per data set, in that order: "native java native java" alternates
# the native kernel with the Java one (-Dusync.yenc.native=false) for a before/after comparison.
# Usage: bench/segmenter-e2e.sh [size-GiB=5] [small-files=20000] [rounds=5] [threads=2] [encoders="native"]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GIB=${1:-5}; SMALL=${2:-20000}; ROUNDS=${3:-5}; THREADS=${4:-2}; ENCODERS=${5:-native}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[[ -d "$ROOT/benchmarks/target/lib" ]] || { echo "build first: mvn -o -q -B -pl benchmarks package -DskipTests" >&2; exit 1; }
WORK=$(mktemp -d /tmp/usync-seg-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CP="$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*"

run() { # $1 = label, $2 = dir, $3 = encoder (native | java)
  echo "== $1 ($3 yEnc encoder)"
  local native=true
  [[ $3 == java ]] && native=false
  /usr/bin/time -f "peak RSS %M KiB" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -Dusync.yenc.native=$native -Xmx96m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC \
    -cp "$CP" io.usync.benchmarks.segmenter.SegmenterEndToEnd "$2" "$THREADS" "$ROUNDS" 2>&1 | tee "$WORK/$1.log"
  # Median of the rounds after the first (which warms the JIT).
  median() { sort -n | awk '{ v[NR]=$1 } END { if (NR) print v[int((NR+1)/2)] }'; }
  local rounds; rounds=$(grep '^round' "$WORK/$1.log" | tail -n +2)
  echo "median of rounds 2..$ROUNDS: wall $(sed -E 's/.*: ([0-9]+) MB\/s, ([0-9]+) files\/s wall.*/\1/' <<<"$rounds" | median) MB/s," \
    "$(sed -E 's/.*: ([0-9]+) MB\/s, ([0-9]+) files\/s wall.*/\2/' <<<"$rounds" | median) files/s;" \
    "per 2 CPU-s $(sed -E 's/.*; ([0-9]+) MB\/s, ([0-9]+) files\/s per.*/\1/' <<<"$rounds" | median) MB/s," \
    "$(sed -E 's/.*; ([0-9]+) MB\/s, ([0-9]+) files\/s per.*/\2/' <<<"$rounds" | median) files/s"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (shared machine: wall figures depend on it)"
}

mkdir -p "$WORK/big"
echo "generating ${GIB} GiB of random data..."
head -c $((GIB * 1024 * 1024 * 1024)) /dev/urandom > "$WORK/big/data.bin"
cat "$WORK/big/data.bin" > /dev/null   # warm the page cache
n=0; for e in $ENCODERS; do n=$((n + 1)); run "big-$n" "$WORK/big" "$e"; done
rm -rf "$WORK/big"

(( SMALL > 0 )) || exit 0   # 0 small files: the big file only
echo "generating ${SMALL} files of 1-16 KiB in 200-file folders..."
python3 - "$WORK/small" "$SMALL" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(7)
blob = os.urandom(16384)
for i in range(n):
    d = os.path.join(root, "d%03d" % (i // 200))
    os.makedirs(d, exist_ok=True)
    size = rnd.randint(1024, 16384)
    with open(os.path.join(d, "f%05d.bin" % i), "wb") as f:
        f.write(blob[:size])
PY
n=0; for e in $ENCODERS; do n=$((n + 1)); run "small-$n" "$WORK/small" "$e"; done
