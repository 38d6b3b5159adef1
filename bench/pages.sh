#!/usr/bin/env bash
# The page benchmark: Koers' own pages against nginx serving the very same bytes as static
# files, in one run, with wrk at 32 connections (issue 13). Koers runs as a user gets it:
# logged in, with the audit trail on; no Accept-Encoding, so both send the same bytes.
#   bench/pages.sh KOERS_BINARY [SECONDS]        (make bench-pages)
# Needs wrk and nginx (Debian: wrk nginx-light; `make bench-pages` installs them).
set -euo pipefail
koers=$(realpath "$1"); seconds=${2:-10}; conns=${CONNECTIONS:-32}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/koers-bench-pages.XXXXXX)
port=$((20000 + RANDOM % 10000)); nginx_port=$((port + 1))
cleanup() {
  [[ -n "${koers_pid:-}" ]] && kill "$koers_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$koers" demo --db "$work/demo.db" >/dev/null
"$koers" serve --db "$work/demo.db" --listen "127.0.0.1:$port" --templates "$root/templates" \
  --static "$root/static" >"$work/koers.log" 2>&1 &
koers_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

base="http://127.0.0.1:$port"
session=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"leerkracht","password":"koers-demo"}' "$base/api/v1/session" |
  sed -n 's/^[Ss]et-[Cc]ookie: koers_session=\([^;]*\).*/\1/p' | tr -d '\r')
cookie="Cookie: koers_session=$session"
group=$(curl -s -H "$cookie" "$base/api/v1/groups" | python3 -c 'import json,sys; g=max(json.load(sys.stdin), key=lambda g: g["pupil_count"]); print(g["id"])')
pupil=$(curl -s -H "$cookie" "$base/api/v1/groups/$group/pupils" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

pages=("groepsoverzicht:/groepen/$group/overzicht" "groepsplan:/groepen/$group/groepsplan"
       "stamkaart:/leerlingen/$pupil" "groepspagina:/groepen/$group" "api-me:/api/v1/me")
mkdir -p "$work/www"; chmod 755 "$work" "$work/www"  # nginx workers read as nobody
for entry in "${pages[@]}"; do
  name=${entry%%:*}; path=${entry#*:}
  curl -sf -H "$cookie" "$base$path" -o "$work/www/$name.html"
done

cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  keepalive_requests 1000000;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work" -e "$work/nginx-error.log"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/api-me.html" >/dev/null && break; sleep 0.1; done

# wrk's "Requests/sec" and its 99th percentile latency, as "req/s p99_ms".
measure() {
  local out
  out=$(wrk -t2 -c"$conns" -d"${seconds}s" --latency "$@")
  if grep -q "Non-2xx" <<<"$out"; then echo "bench: errors from $*: $(grep Non-2xx <<<"$out")" >&2; fi
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
m = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
print(f"{rps:.0f} {p99:.2f}")
PY
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$koers_pid/status"; }
echo "Koers $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') · $(nproc) cores · wrk -c$conns ${seconds}s a page · $(date -u +%F)"
printf '| %-15s | %9s | %11s | %10s | %7s | %10s | %10s |\n' page bytes "nginx req/s" "Koers req/s" "Koers %" "Koers p99" "nginx p99"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' -----------------  ----------- ------------- ------------ --------- ------------ ------------
for entry in "${pages[@]}"; do
  name=${entry%%:*}; path=${entry#*:}
  bytes=$(stat -c %s "$work/www/$name.html")
  read -r n_rps n_p99 < <(measure "http://127.0.0.1:$nginx_port/$name.html")
  read -r k_rps k_p99 < <(measure -H "$cookie" "$base$path")
  pct=$(python3 -c "print(f'{100*$k_rps/$n_rps:.1f}')")
  printf '| %-15s | %9s | %11s | %10s | %6s%% | %7s ms | %7s ms |\n' "$name" "$bytes" "$n_rps" "$k_rps" "$pct" "$k_p99" "$n_p99"
done
echo "Koers RSS after the run: $(( $(rss_kb) / 1024 )) MB"
