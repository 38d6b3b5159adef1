#!/usr/bin/env bash
# Installs what Koers needs to build, run and test, from Debian 12 packages and npm only.
# Safe to run again: it installs only what is missing.
#   install-deps.sh          install what is missing
#   install-deps.sh --list   print the Debian packages it names, one a line (for check-deps.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

# Every header and library the build uses must come from one of these or from their Depends:
# scripts/check-deps.sh (a test in `make test`) fails otherwise.
packages=(
  g++ cmake ninja-build make pkg-config
  libgtest-dev libgmock-dev
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev
  # Debian's SOCI headers are built with SOCI_HAVE_BOOST and include Boost.Fusion, but
  # libsoci-dev does not depend on the Boost headers.
  libsoci-dev libboost-dev libsqlite3-dev libpq-dev sqlite3
  libkainjow-mustache-dev nlohmann-json3-dev libcli11-dev
  libargon2-dev libssl-dev libpugixml-dev libxlsxwriter-dev
  # Compressed responses (gzip and brotli) for browsers that accept them.
  zlib1g-dev libbrotli-dev
  # The patterns of the SMARTI and goal-evaluation checks (PCRE2 with JIT).
  libpcre2-dev
  # The server's memory allocator (faster than glibc's for many small objects, and flatter).
  libjemalloc-dev
  postgresql chromium unzip
  # Tests read what Koers writes with real readers: Python's email package for the e-mails,
  # xmllint for the EDEXML export against the XSD (tests/io/edexml_schema_test.cc),
  # openpyxl for the .xlsx cell types (tests/io/overview_xlsx_test.cc), poppler's pdftotext
  # for what a print puts on each page (tests/browser/print.test.mjs), oathtool for real
  # TOTP codes as an authenticator app computes them (two-factor login).
  python3 libxml2-utils python3-openpyxl poppler-utils oathtool
  nodejs npm
  # The fuzz targets of the file readers (bench/fuzz, a ctest): libFuzzer with Debian's clang.
  clang libclang-rt-14-dev
)
if [[ "${1:-}" == "--list" ]]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

# A Node.js from elsewhere (a newer one) may serve; then Debian's nodejs and npm are not needed.
wanted=()
for p in "${packages[@]}"; do
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 || wanted+=("$p") ;;
    npm) command -v npm >/dev/null 2>&1 || wanted+=("$p") ;;
    *) wanted+=("$p") ;;
  esac
done

missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The browser tests' playwright-core must run on the Node.js found: Debian 12's is 18.
node_major=$(node -p 'process.versions.node.split(".")[0]')
need_major=$(node -p 'require("./package.json").engines.node.replace(/[^0-9.]/g, "").split(".")[0]')
if ((node_major < need_major)); then
  echo "install-deps: Node.js $(node --version) at $(command -v node) is too old: the browser tests" >&2
  echo "  need Node.js $need_major or newer (package.json, \"engines\"). Debian 12's nodejs package" >&2
  echo "  gives 18; remove the older Node.js from PATH or install Debian's (apt-get install nodejs)." >&2
  exit 1
fi

# Browser tests drive Debian's chromium with playwright-core; never download a browser.
if [[ ! -d node_modules/playwright-core ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
