#!/usr/bin/env bash
# Soak: repeated uploads and downloads on loopback through the fault proxy (random faults) in front
# of INN2, until the duration is over. Asserts no loss (every round's download equals its source)
# and no duplicate post (INN2 answered 240 at most once per Message-ID, counted by the proxy), and
# prints the driver JVM's RSS and open file descriptors over time.
# Usage: bench/soak.sh [duration=60m (m or s suffix; a bare number is minutes)] [fault-rate=0.02] [seed=1]
# Needs INN2 from it-tests/inn/setup-inn.sh. SKIP_BUILD=1 reuses the last build; MVN_ARGS adds Maven
# options (e.g. -Dmaven.repo.local=...); IT_CLASSES names another it-tests test-classes folder. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh
usync_select_jdk25

DURATION=${1:-60m}
RATE=${2:-0.02}
SEED=${3:-1}
case $DURATION in
  *m) SECONDS_TOTAL=$(( ${DURATION%m} * 60 )) ;;
  *s) SECONDS_TOTAL=${DURATION%s} ;;
  *) SECONDS_TOTAL=$(( DURATION * 60 )) ;;
esac
[[ -r /tmp/usync-inn/inn.env ]] || { echo "soak: INN2 is not set up: run 'sudo it-tests/inn/setup-inn.sh'" >&2; exit 1; }
set -a; source /tmp/usync-inn/inn.env; set +a
case $USYNC_INN_HOST in 127.*|::1|localhost) ;; *) echo "soak: INN2 must be on loopback, not $USYNC_INN_HOST" >&2; exit 1 ;; esac

WORK=$(mktemp -d /tmp/usync-soak.XXXXXX)
chmod 755 "$WORK"  # the embedded PostgreSQL runs as nobody when started by root
LIB=$WORK/lib
mkdir -p "$LIB"
read -r -a MVN_EXTRA <<<"${MVN_ARGS:-}"
IT_CLASSES=${IT_CLASSES:-it-tests/target/test-classes}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -B "${MVN_EXTRA[@]}" -pl benchmarks package -DskipTests
  mvn -o -q -B "${MVN_EXTRA[@]}" -pl it-tests test-compile
fi
# private copies: a concurrent 'mvn install' must not swap jars under the running JVMs
mvn -o -q -B "${MVN_EXTRA[@]}" -pl it-tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/it.cp" >/dev/null
tr ':' '\n' <"$WORK/it.cp" | while read -r jar; do [[ -n $jar ]] && cp "$jar" "$LIB/"; done
cp -r "$IT_CLASSES" "$WORK/it-classes"
cp -r benchmarks/target/classes "$WORK/bench-classes"
cp benchmarks/target/lib/*.jar "$LIB/" 2>/dev/null || true
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

PROXY_PID=""; RUN_PID=""
cleanup() {
  [[ -n $RUN_PID ]] && kill "$RUN_PID" 2>/dev/null || true
  [[ -n $PROXY_PID ]] && kill "$PROXY_PID" 2>/dev/null || true
}
trap cleanup EXIT

"${JAVA[@]}" -Xmx256m -cp "$WORK/it-classes:$LIB/*" io.usync.it.support.SoakProxyMain \
  "$USYNC_INN_HOST" "$USYNC_INN_PORT" "$RATE" "$SEED" "$WORK/counts.txt" >"$WORK/proxy.out" 2>"$WORK/proxy.err" &
PROXY_PID=$!
for _ in $(seq 100); do grep -q '^port ' "$WORK/proxy.out" 2>/dev/null && break; sleep 0.1; done
PROXY_PORT=$(awk '/^port /{print $2}' "$WORK/proxy.out")
[[ -n $PROXY_PORT ]] || { echo "soak: the fault proxy did not start: $(cat "$WORK/proxy.err")" >&2; exit 1; }

echo "soak: ${SECONDS_TOTAL}s, fault rate $RATE, seed $SEED, proxy 127.0.0.1:$PROXY_PORT -> $USYNC_INN_HOST:$USYNC_INN_PORT, work $WORK"
"${JAVA[@]}" -Xmx256m -cp "$WORK/bench-classes:$LIB/*" io.usync.benchmarks.soak.SoakRun \
  "$SECONDS_TOTAL" "$WORK" "$PROXY_PORT" "$USYNC_INN_HOST" "$USYNC_INN_PORT" "$SEED" >"$WORK/soak.out" 2>"$WORK/soak.err" &
RUN_PID=$!

INTERVAL=$(( SECONDS_TOTAL / 30 )); (( INTERVAL < 5 )) && INTERVAL=5
printf '%8s %10s %6s %8s %s\n' "t(s)" "RSS(MiB)" "FDs" "threads" "last round"
START=$(date +%s)
SAMPLES=$WORK/samples.txt
while kill -0 "$RUN_PID" 2>/dev/null; do
  rss=$(awk '/^VmRSS/{print int($2/1024)}' "/proc/$RUN_PID/status" 2>/dev/null || echo 0)
  fds=$( { ls "/proc/$RUN_PID/fd" 2>/dev/null || true; } | wc -l)
  thr=$(awk '/^Threads/{print $2}' "/proc/$RUN_PID/status" 2>/dev/null || echo 0)
  last=$( { grep -E '^round [0-9]+ ok' "$WORK/soak.out" 2>/dev/null || true; } | tail -1 | cut -d: -f1)
  [[ $rss -gt 0 ]] && { printf '%8d %10d %6d %8d %s\n' $(( $(date +%s) - START )) "$rss" "$fds" "$thr" "${last:-}"; echo "$rss $fds $thr" >>"$SAMPLES"; }
  sleep "$INTERVAL"
done
set +e; wait "$RUN_PID"; STATUS=$?; set -e; RUN_PID=""
kill "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null || true; PROXY_PID=""

grep -vE '^round [0-9]+ ok' "$WORK/soak.out" | sed 's/^/soak: /' | cut -c1-300 || true
awk '/^round [0-9]+ ok/{h=$NF; sub(/MiB/,"",h)} /heap after GC/{n++; v=$(NF-1); if(n==1)f=v; if(v>m)m=v; l=v} END{if(n)printf "soak: heap after GC MiB first %s, max %s, last %s (%d rounds)\n", f, m, l, n}' "$WORK/soak.out"
tail -1 "$WORK/soak.out"
[[ -s $WORK/soak.err ]] && { echo "soak: driver stderr (last lines):"; tail -5 "$WORK/soak.err"; }
ARTICLES=$( { grep -v '^faults ' "$WORK/counts.txt" || true; } | wc -l)
DUPLICATES=$(awk '$1 != "faults" && $2 > 1' "$WORK/counts.txt" | wc -l)
FAULTS=$(awk '$1 == "faults"{print $2}' "$WORK/counts.txt")
echo "soak: $ARTICLES articles stored, $FAULTS faults injected, $DUPLICATES Message-IDs answered 240 more than once"
if [[ -s $SAMPLES ]]; then
  awk 'NR==1{f=$1; ff=$2} {if($1>m)m=$1; if($2>mf)mf=$2; l=$1; lf=$2; n++}
       END{printf "soak: RSS MiB first %d, max %d, last %d; FDs first %d, max %d, last %d (%d samples)\n", f, m, l, ff, mf, lf, n}' "$SAMPLES"
fi
if [[ $STATUS -ne 0 || $DUPLICATES -ne 0 ]]; then
  echo "soak: FAILED (driver exit $STATUS, duplicates $DUPLICATES); work kept in $WORK" >&2
  exit 1
fi
rm -rf "$WORK"
echo "soak: PASSED"
