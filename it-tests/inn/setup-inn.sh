#!/usr/bin/env bash
# Installs, configures and starts a real INN2 news server on loopback for usync's tests.
#
# Usage (as root):
#   it-tests/inn/setup-inn.sh                 install if needed, configure, start, write the env file
#   it-tests/inn/setup-inn.sh --stop          stop every daemon this script started
#   it-tests/inn/setup-inn.sh --status        say what runs
#   it-tests/inn/setup-inn.sh --install-only  install and configure, start nothing (image builds)
#   it-tests/inn/setup-inn.sh --foreground    start, then wait until innd exits (containers)
#   --bind ADDRESS                             listen address (default 127.0.0.1; containers 0.0.0.0)
# Environment: USYNC_INN_CNFS_MIB (article buffer size, default 3072), USYNC_INN_BIND,
#   USYNC_INN_STATE_DIR (default /tmp/usync-inn), USYNC_INN_NO_TRUSTSTORE=1 (no keytool needed).
#
# Idempotent: a second run with the same configuration leaves running daemons alone; a changed
# configuration restarts them. The test password is random, generated once and kept in
# /etc/news/usync-test.secret (root only); it is never committed.
#
# Ports: 119 plain (anonymous read and post, AUTHINFO checked when sent), 1119 plain with
# AUTHINFO required, 563 implicit TLS with AUTHINFO required.
# Writes /tmp/usync-inn/inn.env (KEY=value lines read by io.usync.nntp.testing.InnServer).
# artcutoff stays at INN's 10 days: clients must send a current Date: header or none.
set -euo pipefail

STATE_DIR=${USYNC_INN_STATE_DIR:-/tmp/usync-inn}
ENV_FILE="$STATE_DIR/inn.env"
BIND=${USYNC_INN_BIND:-127.0.0.1}
PLAIN_PORT=119
AUTH_PORT=1119
TLS_PORT=563
TEST_USER=usync
GROUPS_TO_CREATE=(alt.binaries.test alt.binaries.usync.test)
CNFS_MIB=${USYNC_INN_CNFS_MIB:-3072}
CNFS_DIR=/var/spool/news/cycbuffs
CNFS_FILE="$CNFS_DIR/usync1"

ETC=/etc/news
INN_CONF="$ETC/inn.conf"
SECRET_FILE="$ETC/usync-test.secret"
PASSWD_FILE="$ETC/usync-passwd"
READERS_AUTH="$ETC/readers-usync-auth.conf"
TLS_DIR="$ETC/usync-tls"
NEWSBIN=/usr/lib/news/bin
RUN_DIR=/run/news
CONFIG_STAMP="$RUN_DIR/usync-config.sha256"

say() { printf 'setup-inn: %s\n' "$*"; }
die() { printf 'setup-inn: error: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
}

MODE=start
while [[ $# -gt 0 ]]; do
  case "$1" in
    --stop) MODE=stop ;;
    --status) MODE=status ;;
    --install-only) MODE=install ;;
    --foreground) MODE=foreground ;;
    --bind) shift; [[ $# -gt 0 ]] || die "--bind needs an address"; BIND=$1 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
  shift
done

[[ $(id -u) -eq 0 ]] || die "run as root (it installs Debian's inn2 and binds ports 119 and 563): sudo $0"

as_news() { su -s /bin/sh news -c "$*"; }

innd_pid() {
  local pid
  pid=$(cat "$RUN_DIR/innd.pid" 2>/dev/null || true)
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

nnrpd_pid() { # port
  local pid
  pid=$(cat "$RUN_DIR/nnrpd-$1.pid" 2>/dev/null || true)
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && grep -q nnrpd "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"
  fi
}

wait_gone() { # pid, tenths of a second
  local i=0
  while kill -0 "$1" 2>/dev/null && [[ $i -lt $2 ]]; do sleep 0.1; i=$((i + 1)); done
  ! kill -0 "$1" 2>/dev/null
}

stop_nnrpd() { # port
  local pid
  pid=$(nnrpd_pid "$1")
  if [[ -n $pid ]]; then
    kill "$pid"
    wait_gone "$pid" 50 || kill -9 "$pid" 2>/dev/null || true
    say "stopped nnrpd on port $1"
  fi
  rm -f "$RUN_DIR/nnrpd-$1.pid"
}

stop_innd() {
  local pid
  pid=$(innd_pid)
  if [[ -n $pid ]]; then
    "$NEWSBIN/ctlinnd" -t 20 shutdown 'usync setup-inn stop' >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    wait_gone "$pid" 300 || { kill -9 "$pid" 2>/dev/null || true; }
    say "stopped innd"
  fi
  rm -f "$RUN_DIR/innd.pid"
}

stop_all() {
  stop_nnrpd "$AUTH_PORT"
  stop_nnrpd "$TLS_PORT"
  if [[ -x $NEWSBIN/ctlinnd ]]; then stop_innd; fi
  rm -f "$ENV_FILE" "$CONFIG_STAMP"
}

status() {
  local pid
  pid=$(innd_pid); say "innd: ${pid:-not running}"
  pid=$(nnrpd_pid "$AUTH_PORT"); say "nnrpd $AUTH_PORT (auth): ${pid:-not running}"
  pid=$(nnrpd_pid "$TLS_PORT"); say "nnrpd $TLS_PORT (tls): ${pid:-not running}"
  [[ -f $ENV_FILE ]] && say "env file: $ENV_FILE" || say "env file: absent"
}

case "$MODE" in
  stop) stop_all; exit 0 ;;
  status) status; exit 0 ;;
esac

# ---------------------------------------------------------------------------------------------
# Install
# ---------------------------------------------------------------------------------------------
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

set_conf() { # key value: replace "key:" (commented or not) in inn.conf, or append it
  local key=$1 value=$2
  if grep -qE "^#?[[:space:]]*$key:" "$INN_CONF"; then
    sed -i -E "s|^#?[[:space:]]*$key:.*|$key: $value|" "$INN_CONF"
  else
    printf '%s: %s\n' "$key" "$value" >>"$INN_CONF"
  fi
}

install_inn() {
  export DEBIAN_FRONTEND=noninteractive
  if pkg_installed inn2; then return; fi
  if ! apt-cache policy inn2 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    say "apt-get update (no inn2 candidate in the package lists yet)"
    apt-get update -qq
  fi
  say "installing inn2 (its post-install step fails until inn.conf names a domain; fixed below)"
  apt-get install -y -q -o Dpkg::Options::=--force-confold inn2 >/tmp/usync-inn-apt.log 2>&1 || true
  [[ -f $INN_CONF ]] || { cat /tmp/usync-inn-apt.log >&2; die "apt-get install inn2 failed before writing $INN_CONF"; }
  set_conf domain usync.test
  dpkg --configure -a >>/tmp/usync-inn-apt.log 2>&1 || { tail -20 /tmp/usync-inn-apt.log >&2; die "dpkg --configure -a failed (log: /tmp/usync-inn-apt.log)"; }
  pkg_installed inn2 || die "inn2 is still not configured (log: /tmp/usync-inn-apt.log)"
  say "inn2 installed"
}

# ---------------------------------------------------------------------------------------------
# Configure
# ---------------------------------------------------------------------------------------------
has_ipv6_loopback() { grep -qE '^0{31}1 .* lo$' /proc/net/if_inet6 2>/dev/null; }

configure_inn_conf() {
  [[ -f $INN_CONF.usync-orig ]] || cp -p "$INN_CONF" "$INN_CONF.usync-orig"
  set_conf domain usync.test
  set_conf pathhost inn.usync.test
  set_conf organization '"usync test server"'
  set_conf bindaddress "$BIND"
  # IPv6 loopback too when the host has it; any other bind address gets an IPv4 socket only.
  if [[ $BIND == 127.0.0.1 ]] && has_ipv6_loopback; then
    set_conf bindaddress6 '"::1"'
  else
    sed -i -E 's|^bindaddress6:.*|#bindaddress6:|' "$INN_CONF"
  fi
  set_conf port "$PLAIN_PORT"
  # A 1,000,000-byte raw part is about 1,032,000 bytes as yEnc: the stock 1000000 rejects it.
  set_conf maxartsize 4194304
  set_conf localmaxartsize 4194304
  # Room for many pooled connections plus checks (stock 50).
  set_conf maxconnections 1000
  # Never refuse readers because the load average is high (stock 16).
  set_conf nnrpdloadlimit 0
  # Reader processes would otherwise run niced against the client on a 2-core machine.
  set_conf nicekids 0
  # innwatch throttles innd on load or low disk in the middle of a run.
  set_conf doinnwatch false
  set_conf docnfsstat false
  set_conf tlscapath "$TLS_DIR"
  set_conf tlscertfile "$TLS_DIR/cert.pem"
  set_conf tlskeyfile "$TLS_DIR/key.pem"
}

configure_peers() {
  # The stock file declares "peer ME" for localhost: every loopback connection would be a feed.
  [[ -f $ETC/incoming.conf.usync-orig ]] || cp -p "$ETC/incoming.conf" "$ETC/incoming.conf.usync-orig"
  cat >"$ETC/incoming.conf" <<'EOF'
# Written by usync's it-tests/inn/setup-inn.sh: no peers, so innd hands every connection to nnrpd.
streaming:          true
max-connections:    8
EOF
}

configure_storage() {
  [[ $CNFS_MIB =~ ^[0-9]+$ && $CNFS_MIB -ge 64 ]] || die "USYNC_INN_CNFS_MIB must be a number of MiB >= 64"
  local bytes=$((CNFS_MIB * 1024 * 1024))
  install -d -o news -g news -m 0775 "$CNFS_DIR"
  if [[ ! -f $CNFS_FILE ]] || [[ $(stat -c %s "$CNFS_FILE") -ne $bytes ]]; then
    stop_innd
    rm -f "$CNFS_FILE"
    fallocate -l "$bytes" "$CNFS_FILE" 2>/dev/null || truncate -s "$bytes" "$CNFS_FILE"
    chown news:news "$CNFS_FILE"
    chmod 0664 "$CNFS_FILE"
    say "CNFS buffer $CNFS_FILE: $CNFS_MIB MiB (old articles are overwritten when it wraps)"
  fi
  cat >"$ETC/cycbuff.conf" <<EOF
# Written by usync's it-tests/inn/setup-inn.sh: one bounded cyclic buffer (sizes in KiB).
cycbuffupdate:25
refreshinterval:30
cycbuff:USYNC1:$CNFS_FILE:$((CNFS_MIB * 1024))
metacycbuff:USYNC:USYNC1
EOF
  cat >"$ETC/storage.conf" <<'EOF'
# Written by usync's it-tests/inn/setup-inn.sh: every article into the CNFS buffer.
method cnfs {
    newsgroups: *
    class: 1
    options: USYNC
}
EOF
}

configure_password() {
  local password hash
  if [[ -f $SECRET_FILE ]]; then
    password=$(grep '^password=' "$SECRET_FILE" | cut -d= -f2-)
  fi
  if [[ -z ${password:-} ]]; then
    password=$(openssl rand -hex 16)
    local store_password
    store_password=$(openssl rand -hex 12)
    umask 077
    printf 'password=%s\ntruststore_password=%s\n' "$password" "$store_password" >"$SECRET_FILE"
    umask 022
    chmod 0600 "$SECRET_FILE"
    rm -f "$PASSWD_FILE"
  fi
  if [[ ! -f $PASSWD_FILE ]]; then
    hash=$(openssl passwd -6 -stdin <<<"$password")
    printf '%s:%s\n' "$TEST_USER" "$hash" >"$PASSWD_FILE"
  fi
  chown root:news "$PASSWD_FILE"
  chmod 0640 "$PASSWD_FILE"
}

secret() { grep "^$1=" "$SECRET_FILE" | cut -d= -f2-; }

configure_readers() {
  [[ -f $ETC/readers.conf.usync-orig ]] || cp -p "$ETC/readers.conf" "$ETC/readers.conf.usync-orig"
  local hosts='"localhost, 127.0.0.1, ::1, stdin"'
  [[ $BIND == 127.0.0.1 ]] || hosts='"*"'
  cat >"$ETC/readers.conf" <<EOF
# Written by usync's it-tests/inn/setup-inn.sh (port $PLAIN_PORT): anonymous read and post;
# AUTHINFO USER/PASS is checked against $PASSWD_FILE when a client sends it.
auth "usync-local" {
    hosts: $hosts
    auth: "ckpasswd -f $PASSWD_FILE"
    default: "<anonymous>"
}
access "usync-all" {
    newsgroups: "*"
    access: RPA
    addcanlockuser: none
}
EOF
  cat >"$READERS_AUTH" <<EOF
# Written by usync's it-tests/inn/setup-inn.sh (ports $AUTH_PORT and $TLS_PORT): no default
# identity, so nothing but AUTHINFO works until the test user has logged in.
auth "usync-login" {
    hosts: $hosts
    auth: "ckpasswd -f $PASSWD_FILE"
}
access "usync-user" {
    users: "$TEST_USER"
    newsgroups: "*"
    access: RPA
    addcanlockuser: none
}
EOF
  chmod 0644 "$ETC/readers.conf" "$READERS_AUTH"
}

configure_tls() {
  install -d -o news -g news -m 0755 "$TLS_DIR"
  if [[ ! -f $TLS_DIR/cert.pem || ! -f $TLS_DIR/key.pem ]] \
    || ! openssl x509 -checkend 604800 -noout -in "$TLS_DIR/cert.pem" >/dev/null 2>&1; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -sha256 \
      -subj '/CN=localhost/O=usync test server' \
      -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1' \
      -addext 'basicConstraints=critical,CA:true' \
      -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" >/dev/null 2>&1
    rm -f "$STATE_DIR/truststore.p12"
    say "self-signed certificate for localhost/127.0.0.1 in $TLS_DIR"
  fi
  chown news:news "$TLS_DIR/cert.pem" "$TLS_DIR/key.pem"
  chmod 0644 "$TLS_DIR/cert.pem"
  chmod 0600 "$TLS_DIR/key.pem"
}

find_keytool() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
    if [[ -n $candidate && -x $candidate/bin/keytool && -x $candidate/bin/java ]] \
      && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "25'; then
      echo "$candidate/bin/keytool"; return
    fi
  done
  command -v keytool || die "no keytool found: install a JDK 25 (e.g. /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME"
}

write_truststore() {
  install -d -m 0755 "$STATE_DIR"
  local store="$STATE_DIR/truststore.p12" store_password
  store_password=$(secret truststore_password)
  cp "$TLS_DIR/cert.pem" "$STATE_DIR/cert.pem"
  if [[ ${USYNC_INN_NO_TRUSTSTORE:-0} == 1 ]]; then
    say "no trust store (USYNC_INN_NO_TRUSTSTORE=1); clients can trust $STATE_DIR/cert.pem instead"
  elif [[ ! -f $store ]]; then
    "$(find_keytool)" -importcert -noprompt -alias usync-inn -file "$TLS_DIR/cert.pem" \
      -keystore "$store" -storetype PKCS12 -storepass "$store_password" >/dev/null 2>&1
    say "PKCS12 trust store $store"
  fi
  chmod 0644 "$STATE_DIR/cert.pem"
  if [[ -f $store ]]; then chmod 0644 "$store"; fi
}

config_digest() {
  cat "$INN_CONF" "$ETC/incoming.conf" "$ETC/readers.conf" "$READERS_AUTH" "$ETC/storage.conf" \
    "$ETC/cycbuff.conf" "$PASSWD_FILE" "$TLS_DIR/cert.pem" | sha256sum | cut -d' ' -f1
}

# ---------------------------------------------------------------------------------------------
# Start
# ---------------------------------------------------------------------------------------------
# innd (per article posted) and nnrpd (per article read) look every Message-ID up in the history's
# dbz index, which is sized once: 450,000 slots (300,000 entries) on a fresh install. A real server
# runs news.daily every night, whose expire rebuilds it; a test server posted to all day never does,
# so the table overfills: at 2.1 million entries each lookup walked ~415 probes, ~350 us of server
# CPU per article, as much as the client's own CPU for 20,000 one-article files. When the history
# holds more than half of what the index was sized for, this rebuilds it (innd stopped) for twice
# the history plus 2 million entries (makedbz -s; tsize = 1.5 x entries).
size_history() {
  local dir=/var/lib/news/history.dir hist=/var/lib/news/history tsize lines want
  [[ -f $dir && -f $hist ]] || return 0
  tsize=$(awk 'NR == 1 {print $3}' "$dir")
  [[ $tsize =~ ^[0-9]+$ ]] || return 0
  lines=$(wc -l <"$hist")
  (( lines * 3 > tsize )) || return 0
  want=$((lines * 2 + 2000000))
  stop_innd
  as_news "$NEWSBIN/makedbz -o -s $want" || die "makedbz could not rebuild the history index"
  say "history index rebuilt for $want entries (the history holds $lines)"
}

start_innd() {
  install -d -o news -g news -m 0755 "$RUN_DIR"
  if [[ -n $(innd_pid) ]]; then return; fi
  as_news "$NEWSBIN/rc.news" >/tmp/usync-inn-rc.log 2>&1 || { cat /tmp/usync-inn-rc.log >&2; die "rc.news failed"; }
  local i=0
  until "$NEWSBIN/ctlinnd" -t 2 mode >/dev/null 2>&1; do
    i=$((i + 1))
    [[ $i -lt 100 ]] || { cat /tmp/usync-inn-rc.log >&2; die "innd did not answer ctlinnd within 30 s (see /var/log/news and /tmp/usync-inn-rc.log)"; }
    sleep 0.3
  done
  say "innd runs (pid $(innd_pid)) on $BIND:$PLAIN_PORT"
}

start_nnrpd() { # port, extra flags
  local port=$1; shift
  if [[ -n $(nnrpd_pid "$port") ]]; then return; fi
  "$NEWSBIN/nnrpd" -D -n -4 "$BIND" -p "$port" -c "$READERS_AUTH" "$@"
  local i=0
  until [[ -n $(nnrpd_pid "$port") ]]; do
    i=$((i + 1)); [[ $i -lt 50 ]] || die "nnrpd on port $port did not start"
    sleep 0.1
  done
  say "nnrpd runs (pid $(nnrpd_pid "$port")) on $BIND:$port $*"
}

create_groups() {
  local group
  for group in "${GROUPS_TO_CREATE[@]}"; do
    if ! grep -q "^$group " /var/lib/news/active; then
      "$NEWSBIN/ctlinnd" -t 20 newgroup "$group" y usync >/dev/null
      say "created group $group"
    fi
  done
}

greeting() { # port -> first line from the server
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  IFS= read -r -t 5 line <&3 || true
  exec 3<&- 3>&-
  printf '%s' "${line%$'\r'}"
}

self_check() {
  local line
  line=$(greeting "$PLAIN_PORT") || die "nothing listens on 127.0.0.1:$PLAIN_PORT"
  [[ $line == 200* ]] || die "port $PLAIN_PORT greets with '$line', expected 200 (posting allowed)"
  line=$(greeting "$AUTH_PORT") || die "nothing listens on 127.0.0.1:$AUTH_PORT"
  [[ $line == 20[01]* ]] || die "port $AUTH_PORT greets with '$line'"
  line=$(printf 'QUIT\r\n' | openssl s_client -connect "127.0.0.1:$TLS_PORT" -CAfile "$STATE_DIR/cert.pem" \
    -verify_return_error -quiet 2>/dev/null | head -1 | tr -d '\r') || true
  [[ $line == 20[01]* ]] || die "TLS port $TLS_PORT did not greet after a verified handshake (got '$line')"
}

write_env() {
  install -d -m 0755 "$STATE_DIR"
  local tmp="$ENV_FILE.tmp"
  umask 077
  cat >"$tmp" <<EOF
USYNC_INN_HOST=127.0.0.1
USYNC_INN_PORT=$PLAIN_PORT
USYNC_INN_AUTH_PORT=$AUTH_PORT
USYNC_INN_TLS_PORT=$TLS_PORT
USYNC_INN_USER=$TEST_USER
USYNC_INN_PASSWORD=$(secret password)
USYNC_INN_TRUSTSTORE=$STATE_DIR/truststore.p12
USYNC_INN_TRUSTSTORE_PASSWORD=$(secret truststore_password)
USYNC_INN_GROUP=${GROUPS_TO_CREATE[0]}
EOF
  umask 022
  # Readable by the user who called sudo (tests run as that user); the password is a throwaway.
  if [[ -n ${SUDO_USER:-} ]]; then chown "$SUDO_USER" "$tmp"; fi
  chmod 0600 "$tmp"
  mv "$tmp" "$ENV_FILE"
}

install_inn
configure_inn_conf
configure_peers
if [[ $MODE == install ]]; then
  # Image builds stop here: the buffer, password and certificate are made per container at start.
  say "installed and configured; nothing started (--install-only)"
  exit 0
fi
configure_storage
configure_password
configure_readers
configure_tls
install -d -m 0755 "$STATE_DIR"
write_truststore

digest=$(config_digest)
if [[ -f $CONFIG_STAMP && $(cat "$CONFIG_STAMP") != "$digest" ]]; then
  say "configuration changed: restarting"
  stop_nnrpd "$AUTH_PORT"; stop_nnrpd "$TLS_PORT"; stop_innd
fi
size_history
start_innd
printf '%s\n' "$digest" >"$CONFIG_STAMP"
create_groups
start_nnrpd "$AUTH_PORT"
start_nnrpd "$TLS_PORT" -S
self_check
write_env

say "INN2 ready: plain $PLAIN_PORT (anonymous), auth $AUTH_PORT, TLS $TLS_PORT; groups ${GROUPS_TO_CREATE[*]}"
say "use it from a shell:  set -a; source $ENV_FILE; set +a"
say "stop it:              $0 --stop"

if [[ $MODE == foreground ]]; then
  trap 'stop_all; exit 0' TERM INT
  while [[ -n $(innd_pid) ]]; do sleep 2 & wait $!; done
  die "innd exited"
fi
