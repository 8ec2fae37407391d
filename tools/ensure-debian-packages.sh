#!/usr/bin/env bash
# Usage: ensure-debian-packages.sh "CHECK PACKAGE..." ...
# The one place where the build installs system packages. Each argument is one requirement: what
# a tool needs (CHECK), then the Debian packages that provide it when nothing on this machine does.
# Whatever already passes the check is used as it is, from whatever source (NodeSource's Node.js,
# a Chrome, a TeX Live from tug.org): only the packages of the failing checks are installed.
#   NAME             a command on PATH
#   NAME>=VERSION    a command on PATH whose `NAME --version` reports at least VERSION
#   A|B|...          any one of the checks A, B, ... (e.g. chromium|google-chrome)
#   kpsewhich:FILE   a TeX file
#   fc:FAMILY        a font family known to fontconfig (_ for space)
#   py:MODULE        a module importable by $PYTHON (default python3), e.g. py:ensurepip
#   lib:SONAME       a shared library known to the dynamic linker, e.g. lib:libatomic.so.1
# Packages are installed with apt-get as root (or through passwordless sudo, as on CI runners);
# apt waits for another apt to finish instead of failing. Without root or apt-get, it stops and
# prints the exact command to run. After installing, the failed checks are run again: one that
# still fails (an older program of the same name earlier on PATH, say) is an error that says so.
# APT_GET overrides the apt-get program (the tests use a stand-in).
set -euo pipefail
python=${PYTHON:-python3}
apt_get=${APT_GET:-apt-get}
lock_wait=${APT_LOCK_TIMEOUT:-600}
fonts=

# The first dotted number in a program's --version output (v20.20.2, openjdk 17.0.13, ...).
version_of() {
  "$1" --version 2>&1 </dev/null | grep -oE '[0-9]+(\.[0-9]+)*' | head -n 1 || true
}

# at_least FOUND WANTED: FOUND >= WANTED, comparing dotted numbers field by field.
at_least() {
  local IFS=. i
  local -a found=($1) wanted=($2)
  for ((i = 0; i < ${#wanted[@]}; i++)); do
    ((10#${found[i]:-0} > 10#${wanted[i]})) && return 0
    ((10#${found[i]:-0} < 10#${wanted[i]})) && return 1
  done
  return 0
}

# passes CHECK: 0 if it passes; otherwise 1, with why in $reason.
passes() {
  local check=$1 alternative name wanted found
  if [[ $check == *"|"* ]]; then
    local -a alternatives
    IFS='|' read -ra alternatives <<<"$check"
    for alternative in "${alternatives[@]}"; do passes "$alternative" && return 0; done
    reason="none of ${check//|/, }"
    return 1
  fi
  reason=$check
  case $check in
    kpsewhich:*) command -v kpsewhich >/dev/null && kpsewhich "${check#kpsewhich:}" >/dev/null ;;
    fc:*)
      [ -n "$fonts" ] || fonts=$(fc-list : family 2>/dev/null || echo none)
      grep -qF "$(tr _ ' ' <<<"${check#fc:}")" <<<"$fonts" ;;
    py:*) "$python" -c "import ${check#py:}" 2>/dev/null ;;
    lib:*) /sbin/ldconfig -p 2>/dev/null | grep -qF "${check#lib:} " ;;
    *">="*)
      name=${check%%>=*}; wanted=${check#*>=}
      command -v "$name" >/dev/null || return 1
      found=$(version_of "$name")
      at_least "${found:-0}" "$wanted" && return 0
      reason="$check (found ${found:-no version} at $(command -v "$name"))"
      return 1 ;;
    *) command -v "$check" >/dev/null ;;
  esac
}

failed=() reasons=() packages=()
for requirement in "$@"; do
  read -ra words <<<"$requirement"
  if ! passes "${words[0]}"; then
    failed+=("${words[0]}"); reasons+=("$reason")
    for package in "${words[@]:1}"; do
      [[ " ${packages[*]} " == *" $package "* ]] || packages+=("$package")
    done
  fi
done
[ ${#failed[@]} -eq 0 ] && exit 0

printf 'Missing: %s\n' "${reasons[@]}" >&2
options=(-o "DPkg::Lock::Timeout=$lock_wait")
command_line="apt-get update && apt-get install -y --no-install-recommends ${packages[*]}"
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
  echo "Install them as root (or provide the programs another way), then run make again:" >&2
  echo "  $command_line" >&2
  exit 1
fi
echo "Installing: ${packages[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" "$apt_get" "${options[@]}" update -qq
"${sudo[@]}" "$apt_get" "${options[@]}" install -y --no-install-recommends "${packages[@]}"

fonts= still=()
for check in "${failed[@]}"; do passes "$check" || still+=("$reason"); done
[ ${#still[@]} -eq 0 ] && exit 0
echo "error: installed ${packages[*]}, and still missing:" >&2
printf '  %s\n' "${still[@]}" >&2
echo "A program of the same name earlier on PATH may hide Debian's: upgrade or remove it, then run make again." >&2
exit 1
