# Sourced by scripts/test.sh: installs Nyuu (npm package nyuu, a usenet poster) for the interop
# test it-tests/.../interop/NyuuInteropIT, once, into $USYNC_NYUU_PREFIX (default /tmp/nyuu), and
# exports USYNC_NYUU (the nyuu executable the test runs). Idempotent: an install of the pinned
# version that runs is kept. Nyuu's code is never part of the repository.
# Needs node and npm (on the CI machine; else: apt-get install nodejs npm) and the npm registry.

USYNC_NYUU_VERSION=0.4.0
# Nyuu's yEnc and CRC addon (built with node-gyp at install time), pinned as well.
USYNC_YENCODE_VERSION=1.2.4

usync_nyuu_ready() { # prefix
  local bin=$1/node_modules/.bin/nyuu
  # Nyuu prints its version to standard error, without a newline.
  [[ -x $bin ]] && [[ $("$bin" --version 2>&1 | tr -d "[:space:]") == "$USYNC_NYUU_VERSION" ]]
}

usync_install_nyuu() {
  local prefix=${USYNC_NYUU_PREFIX:-/tmp/nyuu}
  local log=/tmp/usync-nyuu-install.log
  if ! usync_nyuu_ready "$prefix"; then
    command -v npm >/dev/null || { echo "usync: npm is not installed (apt-get install nodejs npm): cannot install Nyuu" >&2; return 1; }
    mkdir -p "$prefix"
    echo "usync: installing nyuu@$USYNC_NYUU_VERSION into $prefix (npm; log: $log)"
    # node-gyp builds the yencode addon against the local Node headers when present (no header download).
    if [[ -z ${npm_config_nodedir:-} && -f /usr/include/node/node.h ]]; then
      export npm_config_nodedir=/usr
    fi
    # JOBS=max: node-gyp compiles the addon with one make job per core.
    if ! JOBS=${JOBS:-max} npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
        "nyuu@$USYNC_NYUU_VERSION" "yencode@$USYNC_YENCODE_VERSION" >"$log" 2>&1; then
      tail -20 "$log" >&2
      echo "usync: npm install nyuu@$USYNC_NYUU_VERSION failed (log: $log)" >&2
      return 1
    fi
    usync_nyuu_ready "$prefix" || { echo "usync: Nyuu installed into $prefix but does not run (log: $log)" >&2; return 1; }
  fi
  export USYNC_NYUU=$prefix/node_modules/.bin/nyuu
}
