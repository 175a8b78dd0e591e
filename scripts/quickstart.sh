#!/usr/bin/env bash
# usync quickstart: does all set-up on a fresh Debian machine, then sends samples/hello through a
# local news server and back.
#   1. selects a JDK 25 and builds the distribution (cli/target/usync/bin/usync)
#   2. installs and starts INN2 on 127.0.0.1 (it-tests/inn/setup-inn.sh; root or passwordless sudo)
#   3. writes a configuration for it under a temporary XDG_CONFIG_HOME (and XDG_DATA_HOME, where
#      the embedded PostgreSQL index lives)
#   4. usync profiles test; usync upload samples/hello; usync download <share-id>; diff -r
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh
usync_select_jdk25
say() { printf '\nquickstart: %s\n' "$*"; }

command -v mvn >/dev/null || { echo "quickstart: Maven is not installed: apt-get install maven" >&2; exit 1; }
say "building (mvn -B -DskipTests package)"
mvn -B -ntp -q -DskipTests package
USYNC="$ROOT/cli/target/usync/bin/usync"

say "starting INN2 on 127.0.0.1"
if [[ $(id -u) -eq 0 ]]; then
  it-tests/inn/setup-inn.sh
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo -n --preserve-env=JAVA_HOME it-tests/inn/setup-inn.sh
else
  echo "quickstart: starting INN2 needs root: run 'sudo it-tests/inn/setup-inn.sh' once, then rerun" >&2
  exit 1
fi
set -a
# shellcheck disable=SC1091
source /tmp/usync-inn/inn.env
set +a

WORK=$(mktemp -d /tmp/usync-quickstart.XXXXXX)
# Run as root, the embedded PostgreSQL drops to an unprivileged user that must enter this folder.
chmod 0755 "$WORK"
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
mkdir -p "$XDG_CONFIG_HOME/usync" "$XDG_DATA_HOME"
cat >"$XDG_CONFIG_HOME/usync/config.yaml" <<YAML
# Written by scripts/quickstart.sh for the local INN2 test server.
servers:
  - name: local                       # plain port, anonymous post and read
    host: $USYNC_INN_HOST
    port: $USYNC_INN_PORT
    tls: none
    connections: 4
    roles: [post, check, read]
    newsgroups: [$USYNC_INN_GROUP]
  - name: local-tls                   # implicit TLS with login, used to check and read
    host: localhost
    port: $USYNC_INN_TLS_PORT
    tls: implicit
    trustStore:
      path: $USYNC_INN_TRUSTSTORE
      password: env:USYNC_INN_TRUSTSTORE_PASSWORD
    username: $USYNC_INN_USER
    password: env:USYNC_INN_PASSWORD
    connections: 4
    priority: 1
    roles: [check, read]
upload:
  postCheckDelay: 1s
YAML
say "configuration: $XDG_CONFIG_HOME/usync/config.yaml"

say "usync profiles test"
"$USYNC" profiles test

say "usync upload samples/hello"
set +e
"$USYNC" upload samples/hello | tee "$WORK/upload.out"
rc=${PIPESTATUS[0]}
set -e
[[ $rc -eq 0 ]] || { echo "quickstart: upload failed with exit $rc (work files kept in $WORK)" >&2; exit "$rc"; }
SHARE_ID=$(grep -oE 'usync1-[A-Za-z0-9-]+' "$WORK/upload.out" | tail -1 || true)
[[ -n $SHARE_ID ]] || { echo "quickstart: upload printed no share id (see $WORK/upload.out)" >&2; exit 1; }

say "usync download $SHARE_ID"
set +e
"$USYNC" download "$SHARE_ID" -o "$WORK/out"
rc=$?
set -e
[[ $rc -eq 0 ]] || { echo "quickstart: download failed with exit $rc (work files kept in $WORK)" >&2; exit "$rc"; }

GOT="$WORK/out"
[[ -d $GOT/hello && ! -e $GOT/README.txt ]] && GOT="$GOT/hello"
# A complete download leaves no resume state (.usync) behind, so the two must match exactly.
say "diff -r samples/hello $GOT"
diff -r samples/hello "$GOT"
say "OK: samples/hello went through INN2 and came back identical (share id $SHARE_ID)"
rm -rf "$WORK"
