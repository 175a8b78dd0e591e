#!/bin/sh
# Builds libusync-yenc (every *.c of this folder) into $1/native/linux-x86_64/libusync-yenc.so.
# Never fails the build: without a C compiler or off linux-x86_64 it prints one warning and usync
# runs its Java paths. yenc_cpu.c is compiled for any x86-64 CPU; the kernels for AVX2 + BMI2 (and
# VPCLMULQDQ, used only when usync_yenc_crc_ok() says the CPU has it).
set -u
src=$(cd "$(dirname "$0")" && pwd)
dest="$1/native/linux-x86_64"
warn() { echo "[WARNING] libusync-yenc not built ($1): usync will use its Java yEnc paths"; exit 0; }
[ "$(uname -s)" = Linux ] || warn "not Linux"
case "$(uname -m)" in x86_64|amd64) ;; *) warn "not x86-64" ;; esac
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || warn "no C compiler '$cc'"
tmp=$(mktemp -d) || warn "no temp dir"
trap 'rm -rf "$tmp"' EXIT
flags="-O2 -fPIC -std=c11 -Wall -Wextra -I$src"
objs=""
for f in "$src"/*.c; do
  o="$tmp/$(basename "$f" .c).o"
  case "$(basename "$f")" in
    yenc_cpu.c) extra="" ;;
    *) extra="-mavx2 -mbmi2 -mpopcnt -mpclmul -mvpclmulqdq" ;;
  esac
  $cc $flags $extra -c "$f" -o "$o" || warn "$f did not compile"
  objs="$objs $o"
done
mkdir -p "$dest" || warn "cannot create $dest"
$cc -shared -o "$dest/libusync-yenc.so" $objs || warn "link failed"
