#!/usr/bin/env bash
# Proves the README on a fresh Debian 12: a clean root made with debootstrap, nothing in it
# but what the README names (git and make), then a clone, `make run` until /healthz answers,
# and `make test`. Prints the time of each. Takes 15 to 30 minutes; not part of `make test`.
#
#   scripts/fresh-debian-check.sh [WORKDIR] [REV]
#
# WORKDIR (default /var/tmp/koers-fresh) holds the root; it is made anew each run. REV (default
# HEAD) is the commit of this repository that is cloned. Needs root and Debian's debootstrap.
# The chroot shares this machine's network: `make run` listens on a free port of 127.0.0.1.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/var/tmp/koers-fresh}
rev=$(git -C "$repo" rev-parse "${2:-HEAD}")
root=$work/root
[[ $(id -u) -eq 0 ]] || { echo "fresh-debian-check: run as root (debootstrap, chroot, mount)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "fresh-debian-check: apt-get install debootstrap" >&2; exit 1; }

# The Debian mirror this machine is configured with.
mirror=$( (grep -rhoE '^(URIs:|deb) +[a-z]+://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null || true) |
         awk 'NR == 1 {print $2}')
mirror=${mirror:-http://deb.debian.org/debian}

mounts=(proc sys dev/pts dev src)
unmount() {
  # Anything still running in the root (the demo server, a PostgreSQL) ends with it.
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [[ "$(readlink "/proc/$pid/root" 2>/dev/null)" == "$root" ]] && kill -9 "$pid" 2>/dev/null || true
  done
  for m in "${mounts[@]}"; do umount -l "$root/$m" 2>/dev/null || true; done
}
trap unmount EXIT

if [[ -d "$root" ]]; then
  unmount
  # Never delete through a mount that is still there (it would be the host's /dev or this repo).
  if grep -q " $root/" /proc/mounts; then echo "fresh-debian-check: $root still has mounts" >&2; exit 1; fi
  rm -rf "$root"
fi
mkdir -p "$root"
t0=$(date +%s)
echo "== debootstrap --variant=minbase bookworm $root $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -n 20 "$work/debootstrap.log"; exit 1; }
echo "   $(( $(date +%s) - t0 )) s"

mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The network's configuration goes along, like resolv.conf: where this machine reaches the
# registries through a TLS-inspecting gateway, its local CA certificates (npm checks them).
extra_ca=""
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cat /usr/local/share/ca-certificates/*.crt >"$root/etc/host-extra-ca.crt"
  extra_ca="NODE_EXTRA_CA_CERTS=/etc/host-extra-ca.crt"
fi
# As in any chroot: packages must not start services on the host's ports.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"; chmod +x "$root/usr/sbin/policy-rc.d"
# The repository to clone, read-only, at /src.
mkdir -p "$root/src"; mount --bind "$repo" "$root/src"; mount -o remount,bind,ro "$root/src"

port=$(( 20000 + RANDOM % 20000 ))
in_root() { chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 $extra_ca \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin bash -euo pipefail -c "$1"; }

echo "== what the README asks for first: apt-get install git make"
in_root "apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q git make >/dev/null"
in_root "git config --global --add safe.directory '*' && git clone -q /src /root/koers && cd /root/koers && git checkout -q $rev"
echo "   cloned $rev"

echo "== make run (until http://127.0.0.1:$port/healthz answers)"
t1=$(date +%s)
in_root "cd /root/koers && exec make run LISTEN=127.0.0.1:$port" >"$work/make-run.log" 2>&1 &
run_pid=$!
healthy=""
while kill -0 "$run_pid" 2>/dev/null; do
  if body=$(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET /healthz HTTP/1.0\r\n\r\n' >&3 && cat <&3" 2>/dev/null) &&
     [[ "$body" == "HTTP/1."*" 200"* ]]; then healthy=1; break; fi
  sleep 5
done
run_secs=$(( $(date +%s) - t1 ))
if [[ -z "$healthy" ]]; then
  echo "make run stopped before /healthz answered; the end of its output:"; tail -n 30 "$work/make-run.log"; exit 1
fi
echo "   /healthz answered after $run_secs s; the logins it printed:"
sed -n '/Demo-logins/,$p' "$work/make-run.log" | head -n 12 | sed 's/^/   | /'
# `make run` ends in exec koers serve: stop that server.
for pid in $(ls /proc | grep -E '^[0-9]+$'); do
  [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$root/root/koers/build/koers" ]] && kill "$pid" 2>/dev/null || true
done
wait "$run_pid" 2>/dev/null || true

echo "== make test"
t2=$(date +%s)
if ! in_root "cd /root/koers && make test" >"$work/make-test.log" 2>&1; then
  echo "make test failed; the end of its output:"; tail -n 40 "$work/make-test.log"; exit 1
fi
test_secs=$(( $(date +%s) - t2 ))
grep -E 'tests passed|tests failed|all passed' "$work/make-test.log" | sed 's/^/   | /'
echo "== fresh Debian 12: make run served /healthz after $run_secs s (install and build included), make test passed in $test_secs s"
echo "   logs: $work/make-run.log, $work/make-test.log"
