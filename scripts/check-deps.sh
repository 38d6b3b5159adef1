#!/usr/bin/env bash
# Fails when the build uses something a fresh Debian 12 would not have after
# scripts/install-deps.sh: a system header or library whose Debian package is neither named
# in that script nor pulled in by the Depends of one that is, or a file from no package at all.
# Also keeps the browser tests on a Node.js that Debian 12 ships.
#   check-deps.sh BUILD_DIR        (a test in `make test`; needs a finished Ninja build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
debian12_node=18   # bookworm's nodejs package

failures=0
fail() { echo "check-deps: $*" >&2; failures=$((failures + 1)); }

# 1. What the build used: every system header (the compiler's dependency lists), every library
#    file named on a link line, every shared library the binaries load.
used=$(mktemp); trap 'rm -f "$used"' EXIT
{
  # The fuzz targets' build (bench/fuzz, clang) in BUILD/fuzz too, when the fuzz test made it.
  for b in "$build" "$build/fuzz"; do
    [[ -f "$b/build.ninja" ]] || continue
    ninja -C "$b" -t deps | awk '/^    \// {print $1}'
    ninja -C "$b" -t commands | tr ' ' '\n' | grep -E '^/.*\.(so|a)(\.[0-9.]+)?$' || true
  done
  for bin in "$build"/koers "$build"/*_tests "$build"/fuzz/*_fuzz; do
    if [[ -x "$bin" ]]; then ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'; fi
  done
} | grep -v "^$(pwd)/" | grep -v "^$(cd "$build" && pwd)/" | sort -u >"$used"
count=$(wc -l <"$used")
((count > 50)) || fail "found only $count system files in $build: is it a finished Ninja build?"

# 2. The package of each, from dpkg's file lists in one pass. dpkg records some files under
#    /lib and others under /usr/lib though /usr is merged, so each path is looked up as it is,
#    resolved, and with and without /usr.
owners=$(mktemp); trap 'rm -f "$used" "$owners"' EXIT
xargs -d '\n' readlink -f <"$used" | paste - "$used" |
  awk -F'\t' -v OFS='\t' '{f = $2; print f, f; print $1, f; u = f; sub(/^\/usr/, "", u); print u, f; print "/usr" f, f}' |
  sort -u >"$owners.cands"
cut -f1 "$owners.cands" | sort -u >"$owners.paths"
grep -HFx -f "$owners.paths" /var/lib/dpkg/info/*.list 2>/dev/null |
  sed -E 's#^/var/lib/dpkg/info/([^:/]+)(:[a-z0-9]+)?\.list:#\1\t#' |
  awk -F'\t' 'NR == FNR {pkg[$2] = $1; next} ($1 in pkg) && !($2 in seen) {seen[$2] = 1; print $2 "\t" pkg[$1]}' \
    - "$owners.cands" >"$owners"
rm -f "$owners.cands" "$owners.paths"

# 3. What a fresh machine has after the install script: the named packages and their Depends
#    and Pre-Depends, recursively (no Recommends: the script installs without them), and the
#    packages every Debian system has (Priority: required, in any debootstrap root).
allowed=$( {
  bash scripts/install-deps.sh --list
  dpkg-query -W -f='${Package} ${Priority}\n' | awk '$2 == "required" {print $1}'
} | sort -u)
allowed=$( { echo "$allowed"
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances $allowed 2>/dev/null | grep -v '^ ' | grep -v '^<' ; } | sed 's/:.*//' | sort -u)

# Files of no package, then one line for each package outside the list (with one of its files).
while IFS=$'\t' read -r kind f pkg; do
  if [[ "$kind" == none ]]; then
    fail "$f belongs to no Debian package: the build must use only what install-deps.sh installs"
  else
    fail "the build uses $f from the Debian package $pkg, which scripts/install-deps.sh neither names nor pulls in through the Depends of a package it names: a fresh Debian 12 would not have it. Add $pkg (or the -dev package that provides it) to the list in scripts/install-deps.sh."
  fi
done < <(awk -F'\t' -v OFS='\t' '
  FILENAME == ARGV[1] {ok[$1] = 1; next}
  FILENAME == ARGV[2] {owner[$1] = $2; next}
  !($1 in owner) {print "none", $1, ""; next}
  !(owner[$1] in ok) && !(owner[$1] in told) {told[owner[$1]] = 1; print "outside", $1, owner[$1]}
' <(echo "$allowed") "$owners" "$used")

# 4. playwright-core (package-lock.json) must accept Debian 12's Node.js, as must package.json.
for where in "package.json:engines" "package-lock.json:packages.node_modules/playwright-core.engines"; do
  file=${where%%:*} path=${where#*:}
  need=$(node -p "const j=require('./$file'); const e='$path'.split('.').reduce((o,k)=>o&&o[k], j); (e&&e.node||'').replace(/[^0-9.]/g,'').split('.')[0]" 2>/dev/null || true)
  [[ -n "$need" ]] || { fail "$file names no Node.js version ($path.node)"; continue; }
  ((need <= debian12_node)) ||
    fail "$file: $path.node wants Node.js $need, but Debian 12 ships Node.js $debian12_node: pin playwright-core to a version whose engines accept Node.js $debian12_node"
done

if ((failures)); then
  echo "check-deps: $failures problem(s); see above" >&2
  exit 1
fi
echo "check-deps: all $count system headers and libraries the build uses come from packages scripts/install-deps.sh installs"
