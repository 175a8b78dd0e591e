#!/usr/bin/env bash
# Whole-command download benchmark against INN2 on loopback: `usync download` of a plain NZB and of
# an encrypted (public) share of the same data, alternating runs, with peak RSS; then many small
# files. Optionally NZBGet (Debian package nzbget) on the same NZB, alternating with usync; with
# NZBGET_SMALL=1 also once on the small files' NZB (it needs about two minutes for 20,000 files: it
# asks for one article at a time, and INN2's replies, written without TCP_NODELAY, each wait for a
# delayed ACK; usync and raw-nntp acknowledge at once, TCP_QUICKACK).
# Small-file outputs are kept until the end (see clear_output); KEEP_OUTPUTS=1 keeps the large ones too.
# With gcc, bench/raw-nntp.c is built into the work folder and fetches the same NZB's articles with
# BODY (8 connections, 16 deep), finding only each body's end and writing it, still encoded, at its
# own offset (no decoding, no check, no fsync): "raw", the least work any downloader does, so the
# most a whole command can reach on this machine; the medians compare it with NZBGet (RAW=0 skips it).
# Usage: bench/download-inn.sh [MEGABYTES=1024] [SMALL_FILES=20000] [RUNS=3] [CONNECTIONS=8]
# Needs INN2 (it-tests/inn/setup-inn.sh) and the cli distribution (mvn -o -q -B -pl cli install).
# Prints every run and the medians; the machine is shared, so figures are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${1:-1024}"
SMALL="${2:-20000}"
RUNS="${3:-3}"
CONNS="${4:-8}"
USYNC="$PWD/cli/target/usync/bin/usync"
[[ -x "$USYNC" ]] || { echo "build the cli first: mvn -o -q -B -pl cli install -DskipTests" >&2; exit 1; }
[[ -s /tmp/usync-inn/inn.env ]] || { echo "INN2 is not set up: run it-tests/inn/setup-inn.sh first" >&2; exit 1; }
# shellcheck disable=SC1091
source /tmp/usync-inn/inn.env
WORK="${BENCH_WORK:-/tmp/usync-download-bench}"
mkdir -p "$WORK"
export XDG_DATA_HOME="$WORK/xdg-data" XDG_CACHE_HOME="$WORK/xdg-cache" XDG_CONFIG_HOME="$WORK/xdg-config"
CONFIG="$WORK/config.yaml"
cat > "$CONFIG" <<YAML
servers:
  - name: inn
    host: ${USYNC_INN_HOST}
    port: ${USYNC_INN_PORT}
    tls: none
    connections: ${CONNS}
    roles: [post, check, read]
    newsgroups: [${USYNC_INN_GROUP}]
YAML
echo "INN2 ${USYNC_INN_HOST}:${USYNC_INN_PORT}; ${MB} MiB; ${SMALL} small files; ${RUNS} runs; ${CONNS} connections;" \
  "$(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -n | awk '{a[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# Data: MB of random bytes in 4 files, and SMALL files of 1-4 KiB (made once, reused).
BIG="$WORK/big"
if [[ ! -f "$BIG/.done-$MB" ]]; then
  rm -rf "$BIG"; mkdir -p "$BIG"
  for i in 0 1 2 3; do head -c $((MB * 1048576 / 4)) /dev/urandom > "$BIG/part$i.bin"; done
  touch "$BIG/.done-$MB"
fi
SMALLDIR="$WORK/small"
if [[ "$SMALL" -gt 0 && ! -f "$SMALLDIR/.done-$SMALL" ]]; then
  rm -rf "$SMALLDIR"; mkdir -p "$SMALLDIR"
  python3 - "$SMALLDIR" "$SMALL" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(7)
for i in range(n):
    d = os.path.join(root, "d%03d" % (i // 200))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d.txt" % i), "wb") as f:
        f.write(rnd.randbytes(rnd.randint(1024, 4096)))
PY
  touch "$SMALLDIR/.done-$SMALL"
fi

# Upload once per data set (the index remembers; a second run posts nothing). INN2's cyclic
# buffer is shared and small (3 GiB here, overwritten within minutes while others post), so a run
# that finds articles gone re-uploads its data set into a fresh index and runs again (once).
upload() { # name dir extra-args...
  local name=$1 dir=$2; shift 2
  if [[ ! -s "$WORK/$name.id" ]]; then
    echo "uploading $name ..." >&2
    XDG_DATA_HOME="$WORK/xdg-data-$name-$$-$RANDOM" "$USYNC" --config "$CONFIG" -q upload "$@" "$dir" \
      > "$WORK/$name.out"
    grep -o 'usync1-[a-z0-9]*' "$WORK/$name.out" | head -1 > "$WORK/$name.id" || true
    [[ "$*" == *--plain* ]] && echo "$WORK/$name.nzb" > "$WORK/$name.id"
    rm -rf "$WORK/xdg-data-$name-"*
  fi
  cat "$WORK/$name.id"
}
declare -A UPLOAD_ARGS
# Runs usync on a data set; if the server lost its articles, uploads it again and reruns once.
run_fresh() { # label name dir
  local label=$1 name=$2 dir=$3 result
  if result=$(run_usync "$label" "$(cat "$WORK/$name.id")"); then echo "$result"; return 0; fi
  echo "  ($name: articles gone from INN2's buffer; uploading again)" >&2
  rm -f "$WORK/$name.id"
  # shellcheck disable=SC2086
  upload "$name" "$dir" ${UPLOAD_ARGS[$name]} > /dev/null
  run_usync "$label" "$(cat "$WORK/$name.id")"
}
# One timed run: prints "seconds peak-rss-KiB cpu-seconds" (CPU = user + system of the whole
# command; on a machine shared with INN2 it decides the speed) and checks the outcome.
# clear_output DIR: a run writes into an empty folder. A small-file run's last output is moved aside
# and deleted at exit (a large run's is deleted now, unless KEEP_OUTPUTS=1): on ext4 without a
# journal (this VM) a file created within 60 s (360 s while the inode table is dirty) of a deletion
# skips every recently freed inode (kernel recently_deleted/find_inode_bit), so a 20,000-file run
# right after an `rm -rf` of the last one spent 2-15 s more in the kernel (~40% of its perf
# samples), for usync and NZBGet alike; a user downloading into a folder seldom follows 20,000 deletions.
# Then it syncs (untimed), so that no run pays for writing back the last one's output: neither
# NZBGet nor a usync download that completes syncs its files, and NZBGet's 1 GiB was written back
# while the share download that follows it ran (1 GiB share right after NZBGet, 3 pairs: 5.91 /
# 5.32 / 4.51 s as before, 4.99 / 4.62 / 4.53 s with a sync between them).
trap 'rm -rf "$WORK"/out-*.old-*' EXIT
clear_output() {
  if [[ -e $1 && ( ${KEEP_OUTPUTS:-0} == 1 || ${1##*/} == out-small* ) ]]; then mv "$1" "$1.old-$RANDOM$RANDOM"; else rm -rf "$1"; fi
  sync
}

run_usync() { # label source expected-bytes
  local out="$WORK/out-$1"
  clear_output "$out"
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.$1" "$USYNC" --config "$CONFIG" -q download "$2" -o "$out" \
    > "$WORK/log.$1" 2>&1 || { echo "$1 failed:" >&2; tail -3 "$WORK/log.$1" >&2; return 1; }
  # A first run of a kind recorded the launcher's AOT cache: wait (untimed, up to a minute) for its
  # background assembly, so that the next timed run neither lacks it nor shares the cores with it.
  for _ in $(seq 1 120); do
    compgen -G "$XDG_CACHE_HOME/usync/aot/*.aotconf*" >/dev/null || break
    sleep 0.5
  done
  read -r secs rss user sys < <(tail -1 "$WORK/time.$1")
  local bytes
  bytes=$(du -sb --exclude=.usync "$out" | cut -f1)
  awk -v s="$secs" -v r="$rss" -v b="$bytes" -v l="$1" -v c="$(echo "$user + $sys" | bc)" \
    'BEGIN { printf "%-14s %7.2f s  %8.1f MiB/s  peak RSS %6.0f MiB  CPU %6.2f s\n", l, s, b / 1048576 / s, r / 1024, c }' >&2
  echo "$secs $rss $(echo "$user + $sys" | bc)"
}

RAW_NNTP=""
if [[ ${RAW:-1} != 0 ]] && command -v gcc >/dev/null; then
  RAW_NNTP="$WORK/raw-nntp"
  gcc -O2 -pthread -o "$RAW_NNTP" bench/raw-nntp.c
fi
run_raw() { # label nzb: prints "seconds peak-rss-KiB cpu-seconds" like run_usync
  local out="$WORK/out-$1"
  clear_output "$out"
  mkdir -p "$out"
  sed -n 's/.*>\([^<>]*\)<\/segment>.*/\1/p' "$2" > "$WORK/raw-ids"
  local busy_before
  busy_before=$(busy_ticks)
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.$1" "$RAW_NNTP" body "${USYNC_INN_HOST}" "${USYNC_INN_PORT}" "$CONNS" 16 \
    "$WORK/raw-ids" "$out/data" > "$WORK/log.$1" 2>&1 || { echo "$1 failed:" >&2; tail -3 "$WORK/log.$1" >&2; return 1; }
  local busy_after
  busy_after=$(busy_ticks)
  read -r secs rss user sys < <(tail -1 "$WORK/time.$1")
  # The whole machine's CPU over the run (the client, INN2 serving it, the kernel's write-back, and
  # whatever else runs): the share floor below starts from it (a file: this runs in a subshell).
  echo "scale=2; ($busy_after - $busy_before) / $(getconf CLK_TCK)" | bc >> "$WORK/raw-machine"
  awk -v s="$secs" -v r="$rss" -v l="$1" -v c="$(echo "$user + $sys" | bc)" -v m="$MB" \
    'BEGIN { printf "%-14s %7.2f s  %8.1f MiB/s  peak RSS %6.0f MiB  CPU %6.2f s\n", l, s, m / s, r / 1024, c }' >&2
  echo "$secs $rss $(echo "$user + $sys" | bc)"
}
# The CPU ticks all cores spent busy since boot (/proc/stat: all but idle and iowait).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
rm -f "$WORK/raw-machine"

NZBGET=$(command -v nzbget || true)
run_nzbget() { # label nzb [bytes it must write; default MB MiB]
  local out="$WORK/out-$1" conf="$WORK/nzbget.conf" expect=${3:-$((MB * 1048576))}
  clear_output "$out"; mkdir -p "$out"
  cat > "$conf" <<CONF
MainDir=$out
DestDir=$out/dst
InterDir=$out/inter
NzbDir=$out/nzb
QueueDir=$out/queue
TempDir=$out/tmp
LockFile=$out/nzbget.lock
LogFile=$out/nzbget.log
WriteLog=none
OutputMode=log
WebDir=
ConfigTemplate=/usr/share/nzbget/webui/nzbget.conf
UpdateCheck=none
HealthCheck=none
DupeCheck=no
ControlIP=127.0.0.1
ControlPort=16789
Server1.Active=yes
Server1.Host=${USYNC_INN_HOST}
Server1.Port=${USYNC_INN_PORT}
Server1.Connections=${CONNS}
Server1.Level=0
ArticleCache=200
DirectWrite=yes
ParCheck=manual
ParRepair=no
Unpack=no
ContinuePartial=no
CONF
  # Standalone mode: downloads the NZB given as the last argument and exits when the queue is empty.
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.$1" timeout 1800 "$NZBGET" -c "$conf" "$2" > "$WORK/log.$1" 2>&1 || true
  read -r secs rss user sys < <(tail -1 "$WORK/time.$1")
  local bytes
  bytes=$(du -sb "$out/dst" 2>/dev/null | cut -f1)
  if [[ -z "$bytes" || "$bytes" -lt $expect ]]; then # NZBGet exits 0 whatever happened
    echo "$1 failed (${bytes:-0} bytes written):" >&2; grep -m3 ERROR "$WORK/log.$1" >&2 || true; return 1
  fi
  awk -v s="$secs" -v r="$rss" -v l="$1" -v b="$bytes" -v c="$(echo "$user + $sys" | bc)" \
    'BEGIN { printf "%-14s %7.2f s  %8.1f MiB/s  peak RSS %6.0f MiB  CPU %6.2f s\n", l, s, b / 1048576 / s, r / 1024, c }' >&2
  echo "$secs $rss $(echo "$user + $sys" | bc)"
}

# INN2's cyclic buffer is shared with other benchmarks: upload each data set right before its runs.
declare -A T R C
record() {
  [[ -n "$2" ]] || return 0
  local secs rss cpu
  read -r secs rss cpu <<< "$2"
  T[$1]+="$secs"$'\n'; R[$1]+="$rss"$'\n'; C[$1]+="$cpu"$'\n'
}
UPLOAD_ARGS[big-plain]="--plain --nzb $WORK/big-plain.nzb"
UPLOAD_ARGS[big-share]=""
UPLOAD_ARGS[small-plain]="--plain --nzb $WORK/small-plain.nzb"
UPLOAD_ARGS[small-share]=""
# A command's first run of a kind records the launcher's AOT cache (slower), its assembly follows in
# the background, and what that run did decides the JIT's training: a cache recorded by a 300 KB
# share made the 1 GiB share download cost 9.05-9.50 instead of 7.82-8.88 CPU-s (4 alternating
# pairs). So one untimed download of the large NZB (C1 only, like every NZB under 4 GiB) and of the
# large share comes first, as for a user whose downloads are large.
upload big-plain "$BIG" --plain --nzb "$WORK/big-plain.nzb" > /dev/null
upload big-share "$BIG" > /dev/null
run_fresh warm-nzb big-plain "$BIG" > /dev/null 2>&1 || true
run_fresh warm-share big-share "$BIG" > /dev/null 2>&1 || true
rm -rf "$WORK"/out-warm-*
# One large run of a kind; the id file names the NZB of the latest upload (run_fresh may have
# uploaded again).
big_run() {
  case $1 in
    nzb) record nzb "$(run_fresh big-nzb big-plain "$BIG" || true)" ;;
    nzbget) if [[ -n "$NZBGET" ]]; then record nzbget "$(run_nzbget big-nzbget "$(cat "$WORK/big-plain.id")" || true)"; fi ;;
    raw) if [[ -n "$RAW_NNTP" ]]; then record raw "$(run_raw big-raw "$(cat "$WORK/big-plain.id")" || true)"; fi ;;
    share)
      upload big-share "$BIG" > /dev/null
      record share "$(run_fresh big-share big-share "$BIG" || true)" ;;
  esac
}
# The order turns by one each round, so that no client always follows the same one. What a run
# follows matters on this VM: writing into page-cache pages that were free for a while costs
# several times the CPU (the hypervisor backs them again on first touch; 3 GB written and synced
# just before made a 1 GiB share download's page-cache copies 136 -> 439 profiler samples, 3.54 ->
# 4.33 s), and in a fixed order the share always ran after raw and NZBGet had written 2.4 GB.
kinds=(nzb nzbget raw share)
for i in $(seq 1 "$RUNS"); do
  echo "round $i: load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  for k in 0 1 2 3; do
    big_run "${kinds[$(( (i - 1 + k) % 4 ))]}"
  done
done
if [[ "$SMALL" -gt 0 ]]; then
  upload small-plain "$SMALLDIR" --plain --nzb "$WORK/small-plain.nzb" > /dev/null
  upload small-share "$SMALLDIR" > /dev/null
  for i in $(seq 1 "$RUNS"); do
    echo "small round $i: load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    record small-nzb "$(run_fresh small-nzb small-plain "$SMALLDIR" || true)"
    record small-share "$(run_fresh small-share small-share "$SMALLDIR" || true)"
    if [[ $i == 1 && -n "$NZBGET" && ${NZBGET_SMALL:-0} == 1 ]]; then
      # Once (about two minutes here), right after usync's first run, on the same NZB and the same
      # freshly emptied output as usync's runs get.
      record small-nzbget "$(run_nzbget small-nzbget "$(cat "$WORK/small-plain.id")" \
        "$(du -sb --exclude=.usync-data --exclude='.done-*' "$SMALLDIR" | cut -f1)" || true)"
    fi
  done
fi
echo "medians (whole command, ${MB} MiB / ${SMALL} small files):"
for kind in nzb share nzbget raw small-nzb small-share small-nzbget; do
  [[ -n "${T[$kind]:-}" ]] || continue
  secs=$(printf '%s' "${T[$kind]}" | median)
  rss=$(printf '%s' "${R[$kind]}" | median)
  cpu=$(printf '%s' "${C[$kind]}" | median)
  case $kind in small-*) size=$(du -sb --exclude=.usync-data "$SMALLDIR" | cut -f1); mib=$((size / 1048576)) ;; *) mib=$MB ;; esac
  awk -v k="$kind" -v s="$secs" -v r="$rss" -v m="$mib" -v c="$cpu" \
    'BEGIN { printf "  %-12s %7.2f s  %8.1f MiB/s  peak RSS %6.0f MiB  CPU %6.2f s (%.2f per GiB)\n", k, s, m / s, r / 1024, c, c * 1024 / m }'
done
# NZBGet's median time over each other median: how much faster than NZBGet (the raw client's ratio
# bounds what any downloader can reach here).
if [[ -n "${T[nzbget]:-}" && -n "${T[nzb]:-}" ]]; then
  n=$(printf '%s' "${T[nzbget]}" | median)
  for kind in nzb share raw; do
    [[ -n "${T[$kind]:-}" ]] || continue
    awk -v k="$kind" -v n="$n" -v s="$(printf '%s' "${T[$kind]}" | median)" 'BEGIN { printf "  %s: %.2fx NZBGet\n", k, n / s }'
  done
  # The share's floor: no share download can take less than the machine's CPU for a raw run (fetch
  # and write the same articles, no decoding, no check) plus the SHA-256 and AES-GCM of the data
  # (which every share download must do: the issue asks for each file's SHA-256), all spread
  # perfectly over the cores, with no start-up, no JIT and no yEnc decoding. Both rates are
  # OpenSSL's on this CPU (libusync-yenc's SHA-256 runs at OpenSSL's rate: 1.80 against 1.81 GB/s).
  if [[ -s "$WORK/raw-machine" ]] && command -v openssl >/dev/null; then
    rate() { openssl speed -evp "$1" -bytes 1048576 -seconds 1 2>/dev/null | awk -v a="$1" '$1 == toupper(a) || $1 == a { sub(/k$/, "", $2); print $2 * 1000 }'; }
    sha=$(rate sha256); gcm=$(rate aes-256-gcm)
    machine=$(median < "$WORK/raw-machine")
    awk -v m="$machine" -v b="$((MB * 1048576))" -v sha="$sha" -v gcm="$gcm" -v cores="$(nproc)" -v n="$n" 'BEGIN {
      cpu = m + b / sha + b / gcm
      printf "  share floor: %.2f s = (raw run, whole machine %.2f CPU-s + SHA-256 %.2f + AES-GCM %.2f) / %d cores; 2x NZBGet needs %.2f s\n",
        cpu / cores, m, b / sha, b / gcm, cores, n / 2 }'
  fi
fi
