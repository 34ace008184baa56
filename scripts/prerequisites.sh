#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks. Safe to run again: each step checks first.
# Usage: scripts/prerequisites.sh [--browser]
#   always:    PostgreSQL server 15+ (for the embedded cluster), Node.js/npm and the Studio's npm packages, dotnet tools
#   --browser: Chromium and Noto CJK fonts for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo_cmd="sudo"; else echo "Run as root or install sudo." >&2; fi
fi

apt_packages=()
pg_found=0
for dir in /usr/lib/postgresql/*/bin; do
  version=$(basename "$(dirname "$dir")")
  if [ -x "$dir/initdb" ] && [ "$version" -ge 15 ] 2>/dev/null; then pg_found=1; fi
done
[ "$pg_found" -eq 1 ] || apt_packages+=(postgresql)
command -v npm >/dev/null || apt_packages+=(nodejs npm)
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
# The Debian package starts a system-wide cluster we do not use; the platform runs its own private one.

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

# Front-end packages of the Studio, pinned by package-lock.json; the build copies their dist files to wwwroot/lib.
studio=src/Platform.Studio
stamp="$studio/node_modules/.platform-installed"
if [ ! -f "$stamp" ] || [ "$studio/package-lock.json" -nt "$stamp" ]; then
  echo "Installing the Studio's npm packages"
  (cd "$studio" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$stamp"
fi

dotnet tool restore >/dev/null
