#!/usr/bin/env bash
# End-to-end upload benchmark against INN2 on loopback (it-tests/inn/setup-inn.sh must have run).
# Prints, per case, the whole command's wall clock, throughput, CPU-seconds per GiB (user+sys from
# /usr/bin/time) and peak RSS:
#   - one 1 GiB random file, 8 connections, plain (--plain --nzb) and encrypted (public share)
#   - 20,000 files of 1-16 KiB (encrypted)
# With NYUU=/path/to/nyuu (e.g. npm install --prefix /tmp/nyuu nyuu; never committed) the same
# cases run through Nyuu too, alternating with usync, with --post-chunk-size 0.
# With gcc, bench/raw-nntp.c is built into the work folder and posts the same gibibyte as articles
# built once in memory ("raw post 1GiB", the same 8 connections, one POST at a time each): the least
# work any client can do, so the most throughput a whole command can reach on this machine, which
# the medians compare with Nyuu's (RAW=0 skips it).
# Each usync line is followed by its timeline (seconds since the JVM started, from -v): when the
# command began (JVM start-up), when the plan was ready (index opened while scanning), when posting
# ended, when publication ended, and the exit. After the runs, the median of every case, the
# usync/Nyuu throughput ratios and the load averages are printed.
# Options (environment): RUNS (default 1), SIZE_MIB (default 1024), SMALL_FILES (default 20000),
# CONNECTIONS (default 8), KEEP=1 keeps the work folder, DATA=dir reuses (or creates once) the
# generated data there (big/ and small/) instead of a fresh temporary copy, BASELINE=path/to/bin/usync
# runs every usync case also through another build (e.g. the previous commit's distribution),
# alternating with this one, as "base ..." lines, THREADS=1 prints each run's CPU-seconds by thread
# (sampled from /proc every 0.1 s), LINE_LENGTH=n posts with yEnc lines of n characters
# (upload.lineLength; default: the config's default).
# Every line also shows INN2's CPU-seconds during the run: innd's own plus those of the nnrpd
# processes it started for the client's connections, which read and check every article line and
# are most of it (another user's posts to the same server would count too), and the embedded
# PostgreSQL server's (its postmaster and backends; a separate process the command's own
# CPU-seconds leave out; 0 for Nyuu). LINE_LENGTH=997 cut INN2's CPU per GiB from 15-17 to 9.5-12
# CPU-s here (plain 1 GiB; 512 cut it less, 256 not measurably: not simply a cost per line).
# The machine is shared and noisy: run RUNS=3 and quote medians.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/jdk.sh
source "$ROOT/scripts/lib/jdk.sh"
usync_select_jdk25
USYNC="$ROOT/cli/target/usync/bin/usync"
[[ -x $USYNC ]] || { echo "upload-inn: build the distribution first: mvn -o -q -B -pl cli install -DskipTests" >&2; exit 1; }
[[ -r /tmp/usync-inn/inn.env ]] || { echo "upload-inn: INN2 is not set up: sudo it-tests/inn/setup-inn.sh" >&2; exit 1; }
set -a
# shellcheck disable=SC1091
source /tmp/usync-inn/inn.env
set +a

RUNS=${RUNS:-1}
SIZE_MIB=${SIZE_MIB:-1024}
SMALL_FILES=${SMALL_FILES:-20000}
CONNECTIONS=${CONNECTIONS:-8}
WORK=$(mktemp -d /tmp/usync-bench-upload.XXXXXX)
chmod 755 "$WORK" # the embedded PostgreSQL runs as nobody when usync runs as root
cleanup() { [[ ${KEEP:-0} == 1 ]] || rm -rf "$WORK"; }
trap cleanup EXIT

export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" XDG_CACHE_HOME="$WORK/cache"
mkdir -p "$XDG_CONFIG_HOME/usync" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
cat >"$XDG_CONFIG_HOME/usync/config.yaml" <<YAML
servers:
  - name: inn
    host: $USYNC_INN_HOST
    port: $USYNC_INN_PORT
    tls: none
    connections: $CONNECTIONS
    roles: [post, check, read]
    newsgroups: [$USYNC_INN_GROUP]
upload:
  postCheckDelay: 1s
$([[ -n ${LINE_LENGTH:-} ]] && echo "  lineLength: $LINE_LENGTH")
YAML

DATA=${DATA:-$WORK}
mkdir -p "$DATA"
chmod 755 "$DATA"
if [[ ! -f $DATA/big/data.bin || $(stat -c %s "$DATA/big/data.bin") -ne $((SIZE_MIB * 1048576)) ]]; then
  echo "upload-inn: generating $SIZE_MIB MiB in $DATA/big"
  mkdir -p "$DATA/big"
  head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$DATA/big/data.bin"
fi
if [[ ! -d $DATA/small || $(find "$DATA/small" -type f | wc -l) -ne $SMALL_FILES ]]; then
  echo "upload-inn: generating $SMALL_FILES small files in $DATA/small"
  rm -rf "$DATA/small"
  mkdir -p "$DATA/small"
  python3 - "$DATA/small" "$SMALL_FILES" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(20261122)
for i in range(n):
    d = os.path.join(root, "d%03d" % (i % 200))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d.bin" % i), "wb") as f:
        f.write(os.urandom(rnd.randint(1024, 16 * 1024)))
PY
fi
SMALL_BYTES=$(du -sb "$DATA/small" | cut -f1)
RAW_NNTP=""
if [[ ${RAW:-1} != 0 ]] && command -v gcc >/dev/null; then
  RAW_NNTP="$WORK/raw-nntp"
  gcc -O2 -pthread -o "$RAW_NNTP" "$ROOT/bench/raw-nntp.c"
fi
RESULTS="$WORK/results"
: >"$RESULTS"

# thread_cpu PID: samples the CPU time of every thread of PID's child process (the JVM the
# launcher execs, or Nyuu) until it exits; prints the 8 largest totals by thread name (digits
# dropped, so the encoder threads add up), e.g. "usync-encode-=2.01 C2_CompilerThre=1.64 ...".
thread_cpu() {
  local parent=$1 pid="" t s rest name i f
  declare -A cpu=()
  for i in $(seq 1 200); do pid=$(pgrep -P "$parent" | head -1); [[ -n $pid ]] && break; sleep 0.02; done
  while [[ -n $pid && -d /proc/$pid ]]; do
    for t in /proc/"$pid"/task/*; do
      s=$(cat "$t/stat" 2>/dev/null) || continue
      name=$(cat "$t/comm" 2>/dev/null) || continue
      rest=${s##*) }
      read -r -a f <<<"$rest"
      cpu["${t##*/} $name"]=$((f[11] + f[12]))
    done
    sleep 0.1
  done
  for t in "${!cpu[@]}"; do echo "${t#* } ${cpu[$t]}"; done |
    awk -v hz="$(getconf CLK_TCK)" '{ v = $NF; $NF = ""; sub(/ +$/, ""); gsub(/[0-9]+$/, ""); gsub(/ /, "_"); a[$0] += v }
      END { for (k in a) printf "%s=%.2f\n", k, a[k] / hz }' | sort -t= -k2 -rn | head -8 | tr '\n' ' '
}

# innd_cpu: CPU-seconds so far of innd, of the nnrpd processes it has reaped (cutime, cstime) and
# of its live children (0 when innd is not found).
innd_cpu() {
  local p
  p=$(pgrep -x innd | head -1)
  if [[ -z $p ]]; then echo 0; return; fi
  for c in "$p" $(pgrep -P "$p"); do
    awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$c/stat" 2>/dev/null || true
  done | awk -v hz="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.2f", s / hz }'
}

# pg_sampler FILE: until FILE.stop exists, writes to FILE the CPU-seconds so far of the embedded
# PostgreSQL under $XDG_DATA_HOME (postmaster with reaped children, plus live backends), so the
# last value stands after the server stopped.
pg_sampler() {
  local out=$1 pm="" p v
  echo 0 >"$out"
  while [[ ! -e $out.stop ]]; do
    if [[ -z $pm || ! -d /proc/$pm ]]; then
      pm=""
      for p in $(pgrep -x postgres); do
        if { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | grep -q -- "-D $XDG_DATA_HOME/"; then pm=$p; break; fi
      done
    fi
    if [[ -n $pm ]]; then
      v=$(for p in "$pm" $(pgrep -P "$pm"); do
        awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true
      done | awk -v hz="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.2f", s / hz }') || true
      if [[ -n $v && $v != 0.00 ]]; then echo "$v" >"$out"; fi
    fi
    sleep 0.2
  done
}

# measure NAME BYTES COMMAND...: runs the command under /usr/bin/time and prints one result line
# (with THREADS=1, then the CPU-seconds of its busiest threads).
measure() {
  local name=$1 bytes=$2; shift 2
  local timing="$WORK/time.$$" innd0 pgfile="$WORK/pg.$$" sampler
  innd0=$(innd_cpu)
  rm -f "$pgfile.stop"
  pg_sampler "$pgfile" &
  sampler=$!
  /usr/bin/time -f '%e %U %S %M' -o "$timing" "$@" >"$WORK/last.out" 2>"$WORK/last.err" &
  local timed=$! threads=""
  if [[ ${THREADS:-0} == 1 ]]; then threads=$(thread_cpu "$timed"); fi
  local ok=1
  wait "$timed" || ok=0
  touch "$pgfile.stop"
  wait "$sampler" || true
  if [[ $ok == 0 ]]; then
    echo "upload-inn: $name failed:" >&2; tail -5 "$WORK/last.err" >&2; return 1
  fi
  read -r wall user sys rss <"$timing"
  local load innd pg
  load=$(cut -d' ' -f1 /proc/loadavg)
  sleep 0.3 # innd reaps the connections' nnrpd processes
  innd=$(awk -v a="$innd0" -v b="$(innd_cpu)" 'BEGIN { printf "%.2f", b - a }')
  pg=$(cat "$pgfile")
  awk -v n="$name" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v l="$load" -v i="$innd" -v pg="$pg" -v out="$RESULTS" 'BEGIN {
    gib = b / 1073741824; mib = b / 1048576;
    printf "%-22s %8.2f s  %8.1f MiB/s  %6.2f CPU-s/GiB  peak RSS %6.0f MB  INN2 %5.2f  PostgreSQL %4.2f CPU-s  load %s\n", n, w, mib / w, (u + s) / gib, r / 1024, i, pg, l
    printf "%s\t%s\t%s\t%s\t%s\t%s\n", n, w, mib / w, (u + s) / gib, r / 1024, l >> out }'
  if [[ -n $threads ]]; then echo "    CPU-s by thread: $threads"; fi
  # usync -v prints "upload: <step> (<t> s since start)": show this run's timeline.
  if grep -q 's since start)' "$WORK/last.err"; then
    sed -n 's/^upload: \([a-z ]*\) (\([0-9.]*\) s since start)$/\1=\2/p' "$WORK/last.err" | tr '\n' ' ' |
      sed 's/^/    timeline (s since JVM start): /; s/ $//'
    echo
  fi
}

# The index is created once, untimed (a user's index exists already); between runs the shares are
# dropped so every run posts everything again. The embedded server's start stays in every timing.
"$USYNC" -q shares list >/dev/null
# One untimed upload of each kind (a share; --plain runs C1 only, a kind of its own) per build
# records the launcher's AOT cache (as a user's first upload does); the script then waits (up to a
# minute each) until the cache is assembled in the background, so no timed run pays for it or
# shares the cores with its assembly. What the recording run did decides the JIT's training (for
# downloads a 300 KB first run cost a 1 GiB one 11% more CPU), so the warm-up posts the large file.
for mode in share plain; do
  args=(-q upload "$DATA/big" --connections "$CONNECTIONS")
  [[ $mode == plain ]] && args+=(--plain --nzb "$WORK/warm.nzb")
  "$USYNC" "${args[@]}" >/dev/null
  if [[ -n ${BASELINE:-} ]]; then "$BASELINE" "${args[@]}" >/dev/null; fi
  for _ in $(seq 1 120); do
    compgen -G "$XDG_CACHE_HOME/usync/aot/*.aotconf*" >/dev/null || break
    sleep 0.5
  done
done
fresh_index() {
  local id
  for id in $("$USYNC" -q shares list | cut -f1); do "$USYNC" -q shares drop "$id"; done
}

# usync_plain|usync_share|usync_small [LABEL LAUNCHER]: one usync case (default: this build).
usync_plain() { fresh_index; measure "${1:-usync} plain 1GiB" $((SIZE_MIB * 1048576)) "${2:-$USYNC}" -v upload "$DATA/big" --plain --nzb "$WORK/out.nzb" --connections "$CONNECTIONS"; }
usync_share() { fresh_index; measure "${1:-usync} share 1GiB" $((SIZE_MIB * 1048576)) "${2:-$USYNC}" -v upload "$DATA/big" --connections "$CONNECTIONS"; }
usync_small() { fresh_index; measure "${1:-usync} share small" "$SMALL_BYTES" "${2:-$USYNC}" -v upload "$DATA/small" --connections "$CONNECTIONS"; }

nyuu_run() { # NAME BYTES DIR
  measure "nyuu $1" "$2" "$NYUU" -h "$USYNC_INN_HOST" -P "$USYNC_INN_PORT" -n "$CONNECTIONS" \
    -g "$USYNC_INN_GROUP" --post-chunk-size 0 -a 700K -o "$WORK/nyuu.nzb" -O -r keep "$3"
}

raw_run() { # the raw client posts as many 716,800-byte articles as make SIZE_MIB
  local articles=$(((SIZE_MIB * 1048576 + 716799) / 716800))
  measure "raw post 1GiB" $((articles * 716800)) "$RAW_NNTP" post "$USYNC_INN_HOST" "$USYNC_INN_PORT" "$CONNECTIONS" \
    "$articles" "$USYNC_INN_GROUP"
}

for run in $(seq 1 "$RUNS"); do
  echo "upload-inn: run $run of $RUNS"
  if [[ -n $RAW_NNTP ]]; then raw_run; fi
  if [[ -n ${NYUU:-} ]]; then nyuu_run "plain 1GiB" $((SIZE_MIB * 1048576)) "$DATA/big"; fi
  usync_plain
  if [[ -n ${BASELINE:-} ]]; then usync_plain base "$BASELINE"; fi
  usync_share
  if [[ -n ${BASELINE:-} ]]; then usync_share base "$BASELINE"; fi
  if [[ -n ${NYUU:-} ]]; then nyuu_run "small" "$SMALL_BYTES" "$DATA/small"; fi
  usync_small
  if [[ -n ${BASELINE:-} ]]; then usync_small base "$BASELINE"; fi
done

echo "upload-inn: medians of $RUNS run(s) (wall, throughput, CPU-s/GiB, peak RSS; then each run's 1-minute load average)"
awk -F'\t' '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { if (!($1 in wall)) order[++cases] = $1
    wall[$1] = wall[$1] " " $2; rate[$1] = rate[$1] " " $3; cpu[$1] = cpu[$1] " " $4; rss[$1] = rss[$1] " " $5
    load[$1] = load[$1] " " $6 }
  END {
    for (i = 1; i <= cases; i++) {
      c = order[i]; m[c] = median(rate[c])
      printf "%-22s %8.2f s  %8.1f MiB/s  %6.2f CPU-s/GiB  peak RSS %6.0f MB  loads%s\n", c, median(wall[c]), m[c],
        median(cpu[c]), median(rss[c]), load[c]
    }
    if ("nyuu plain 1GiB" in m) {
      printf "throughput usync/nyuu: plain 1GiB %.2fx, share 1GiB %.2fx\n", m["usync plain 1GiB"] / m["nyuu plain 1GiB"],
        m["usync share 1GiB"] / m["nyuu plain 1GiB"]
      printf "CPU-s/GiB usync/nyuu: plain %.2fx, share %.2fx\n", median(cpu["usync plain 1GiB"]) / median(cpu["nyuu plain 1GiB"]),
        median(cpu["usync share 1GiB"]) / median(cpu["nyuu plain 1GiB"])
    }
    if ("raw post 1GiB" in m) {
      printf "throughput raw client/usync plain 1GiB: %.2fx", m["raw post 1GiB"] / m["usync plain 1GiB"]
      if ("nyuu plain 1GiB" in m) printf ", raw client/nyuu plain 1GiB: %.2fx (no client can beat Nyuu here by more)", m["raw post 1GiB"] / m["nyuu plain 1GiB"]
      printf "\n"
    }
    if ("nyuu small" in m) printf "throughput usync/nyuu: small files %.2fx\n", m["usync share small"] / m["nyuu small"]
    if ("base plain 1GiB" in m) printf "throughput usync/base: plain %.2fx, share %.2fx, small files %.2fx\n",
      m["usync plain 1GiB"] / m["base plain 1GiB"], m["usync share 1GiB"] / m["base share 1GiB"],
      m["usync share small"] / m["base share small"]
  }' "$RESULTS"
