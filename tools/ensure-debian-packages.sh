#!/usr/bin/env bash
# Usage: ensure-debian-packages.sh "CHECKS" PACKAGE...
# The one place where the build installs system packages. Each check is
#   NAME             a command on PATH
#   kpsewhich:FILE   a TeX file
#   fc:FAMILY        a font family known to fontconfig (_ for space)
#   py:MODULE        a module importable by $PYTHON (default python3), e.g. py:ensurepip
#   lib:SONAME       a shared library known to the dynamic linker, e.g. lib:libatomic.so.1
# If every check passes, nothing happens. Otherwise the packages are installed with apt-get as
# root (or through passwordless sudo, as on CI runners); apt waits for another apt to finish
# instead of failing. Without root or apt-get, it stops and prints the exact command to run.
# APT_GET overrides the apt-get program (the tests use a stand-in).
set -euo pipefail
checks=$1; shift
python=${PYTHON:-python3}
apt_get=${APT_GET:-apt-get}
lock_wait=${APT_LOCK_TIMEOUT:-600}
missing=()
fonts=$(fc-list : family 2>/dev/null || true)
for check in $checks; do
  case $check in
    kpsewhich:*) command -v kpsewhich >/dev/null && kpsewhich "${check#kpsewhich:}" >/dev/null || missing+=("$check") ;;
    fc:*) grep -qF "$(tr _ ' ' <<<"${check#fc:}")" <<<"$fonts" || missing+=("$check") ;;
    py:*) "$python" -c "import ${check#py:}" 2>/dev/null || missing+=("$check") ;;
    lib:*) /sbin/ldconfig -p 2>/dev/null | grep -qF "${check#lib:} " || missing+=("$check") ;;
    *) command -v "$check" >/dev/null || missing+=("$check") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Missing: ${missing[*]}" >&2
options=(-o "DPkg::Lock::Timeout=$lock_wait")
command_line="apt-get update && apt-get install -y --no-install-recommends $*"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo -n DEBIAN_FRONTEND=noninteractive)
else
  sudo=none
fi
if [ "${sudo[*]}" = none ] || ! command -v "$apt_get" >/dev/null; then
  why="not root"; command -v "$apt_get" >/dev/null || why="no apt-get on this system"
  echo "error: the system packages above are needed and cannot be installed here ($why)." >&2
  echo "Install them as root, then run make again:" >&2
  echo "  $command_line" >&2
  exit 1
fi
echo "Installing: $*" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" "$apt_get" "${options[@]}" update -qq
"${sudo[@]}" "$apt_get" "${options[@]}" install -y --no-install-recommends "$@"
