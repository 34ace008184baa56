#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks. Safe to run again: each step checks first.
# Usage: scripts/prerequisites.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo_cmd="sudo"

apt_packages=()
pg_found=0
for dir in /usr/lib/postgresql/*/bin; do
  if [ -x "$dir/initdb" ] && [ "$(basename "$(dirname "$dir")")" -ge 15 ] 2>/dev/null; then pg_found=1; fi
done
[ "$pg_found" -eq 1 ] || apt_packages+=(postgresql)
if [ "$want_browser" -eq 1 ]; then
  [ -x /usr/bin/chromium ] || apt_packages+=(chromium)
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || apt_packages+=(fonts-noto-cjk)
fi
if [ "${#apt_packages[@]}" -gt 0 ]; then
  echo "Installing OS packages: ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
fi

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

# Front-end packages of the Studio (served from wwwroot/lib, never from a CDN).
studio=src/Platform.Studio
if [ -f "$studio/package.json" ]; then
  if [ ! -d "$studio/node_modules" ] || [ "$studio/package.json" -nt "$studio/node_modules/.installed" ]; then
    (cd "$studio" && npm install --no-audit --no-fund --silent && touch node_modules/.installed)
  fi
fi

dotnet tool restore >/dev/null
