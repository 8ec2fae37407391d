#!/usr/bin/env bash
# Usage: ensure-debian-packages.sh "CHECKS" PACKAGE...
# Each check is a command name, kpsewhich:FILE (a TeX file) or fc:FAMILY (a font, _ for space).
# If any check fails, install the packages with apt-get (as root), or stop and print the command.
set -euo pipefail
checks=$1; shift
missing=()
fonts=$(fc-list : family 2>/dev/null || true)
for check in $checks; do
  case $check in
    kpsewhich:*) command -v kpsewhich >/dev/null && kpsewhich "${check#kpsewhich:}" >/dev/null || missing+=("$check") ;;
    fc:*) grep -qF "$(tr _ ' ' <<<"${check#fc:}")" <<<"$fonts" || missing+=("$check") ;;
    *) command -v "$check" >/dev/null || missing+=("$check") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Missing: ${missing[*]}" >&2
command="apt-get install -y --no-install-recommends $*"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "error: these system packages are needed and cannot be installed automatically here." >&2
  echo "Install them as root, then run make again:" >&2
  echo "  apt-get update && $command" >&2
  exit 1
fi
echo "Installing: $*" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$command
