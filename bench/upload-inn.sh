#!/usr/bin/env bash
# End-to-end upload benchmark against INN2 on loopback (it-tests/inn/setup-inn.sh must have run).
# Prints, per case, the whole command's wall clock, throughput, CPU-seconds per GiB (user+sys from
# /usr/bin/time) and peak RSS:
#   - one 1 GiB random file, 8 connections, plain (--plain --nzb) and encrypted (public share)
#   - 20,000 files of 1-16 KiB (encrypted)
# With NYUU=/path/to/nyuu (e.g. npm install --prefix /tmp/nyuu nyuu; never committed) the same
# cases run through Nyuu too, alternating with usync, with --post-chunk-size 0.
# Options (environment): RUNS (default 1), SIZE_MIB (default 1024), SMALL_FILES (default 20000),
# CONNECTIONS (default 8), KEEP=1 keeps the work folder.
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
YAML

echo "upload-inn: generating data in $WORK"
mkdir -p "$WORK/big" "$WORK/small"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$WORK/big/data.bin"
python3 - "$WORK/small" "$SMALL_FILES" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(20261122)
for i in range(n):
    d = os.path.join(root, "d%03d" % (i % 200))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d.bin" % i), "wb") as f:
        f.write(os.urandom(rnd.randint(1024, 16 * 1024)))
PY
SMALL_BYTES=$(du -sb "$WORK/small" | cut -f1)

# measure NAME BYTES COMMAND...: runs the command under /usr/bin/time and prints one result line.
measure() {
  local name=$1 bytes=$2; shift 2
  local timing="$WORK/time.$$"
  if ! /usr/bin/time -f '%e %U %S %M' -o "$timing" "$@" >"$WORK/last.out" 2>"$WORK/last.err"; then
    echo "upload-inn: $name failed:" >&2; tail -5 "$WORK/last.err" >&2; return 1
  fi
  read -r wall user sys rss <"$timing"
  awk -v n="$name" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
    gib = b / 1073741824; mib = b / 1048576;
    printf "%-22s %8.2f s  %8.1f MiB/s  %6.2f CPU-s/GiB  peak RSS %6.0f MB\n", n, w, mib / w, (u + s) / gib, r / 1024 }'
}

# The index is created once, untimed (a user's index exists already); between runs the shares are
# dropped so every run posts everything again. The embedded server's start stays in every timing.
"$USYNC" -q shares list >/dev/null
fresh_index() {
  local id
  for id in $("$USYNC" -q shares list | cut -f1); do "$USYNC" -q shares drop "$id"; done
}

usync_plain() { fresh_index; measure "usync plain 1GiB" $((SIZE_MIB * 1048576)) "$USYNC" -q upload "$WORK/big" --plain --nzb "$WORK/out.nzb" --connections "$CONNECTIONS"; }
usync_share() { fresh_index; measure "usync share 1GiB" $((SIZE_MIB * 1048576)) "$USYNC" -q upload "$WORK/big" --connections "$CONNECTIONS"; }
usync_small() { fresh_index; measure "usync share small" "$SMALL_BYTES" "$USYNC" -q upload "$WORK/small" --connections "$CONNECTIONS"; }

nyuu_run() { # NAME BYTES DIR
  measure "nyuu $1" "$2" "$NYUU" -h "$USYNC_INN_HOST" -P "$USYNC_INN_PORT" -n "$CONNECTIONS" \
    -g "$USYNC_INN_GROUP" --post-chunk-size 0 -a 700K -o "$WORK/nyuu.nzb" -O -r keep "$3"
}

for run in $(seq 1 "$RUNS"); do
  echo "upload-inn: run $run of $RUNS"
  if [[ -n ${NYUU:-} ]]; then nyuu_run "plain 1GiB" $((SIZE_MIB * 1048576)) "$WORK/big"; fi
  usync_plain
  usync_share
  if [[ -n ${NYUU:-} ]]; then nyuu_run "small" "$SMALL_BYTES" "$WORK/small"; fi
  usync_small
done
