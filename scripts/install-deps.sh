#!/usr/bin/env bash
# Installs what Koers needs to build, run and test, from Debian packages and npm only.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build make pkg-config
  libgtest-dev libgmock-dev
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev
  libsoci-dev libsqlite3-dev libpq-dev sqlite3
  libkainjow-mustache-dev nlohmann-json3-dev libcli11-dev
  libargon2-dev libssl-dev libpugixml-dev libxlsxwriter-dev
  postgresql chromium unzip
)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Browser tests drive Debian's chromium with playwright-core; never download a browser.
if [[ ! -d node_modules/playwright-core ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
