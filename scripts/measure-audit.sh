#!/usr/bin/env bash
# Audit volume per page view: builds a fresh demo with BINARY, serves it, fetches N group pages
# (overzicht, groepsplan, groepslijst in turn) as the IB and reports the audit rows and bytes
# (SQLite dbstat over the audit tables and their indexes) the views added, per page view.
#   scripts/measure-audit.sh BINARY WORKDIR PORT [N]
set -euo pipefail
bin=$1; dir=$2; port=$3; n=${4:-60}
mkdir -p "$dir"; db=$dir/measure.db; rm -f "$db" "$db"-*
"$bin" demo --db "$db" >/dev/null
"$bin" serve --db "$db" --listen 127.0.0.1:$port --public-url http://127.0.0.1:$port >"$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:$port/inloggen && break; sleep 0.2; done
jar=$dir/cookies; rm -f "$jar"
token=$(curl -s -c "$jar" http://127.0.0.1:$port/inloggen | grep -o 'name="_csrf" value="[0-9a-f]*"' | grep -o '[0-9a-f]\{64\}')
curl -s -b "$jar" -c "$jar" -o /dev/null -d "_csrf=$token&username=ib&password=koers-demo" http://127.0.0.1:$port/inloggen
tables="SELECT name FROM sqlite_master WHERE tbl_name IN ('audit_log','audit_pupils')"
stats() {
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  local rows; rows=$(sqlite3 "$db" "SELECT COUNT(*) FROM audit_log")
  local links=0
  if sqlite3 "$db" "SELECT name FROM sqlite_master WHERE name='audit_pupils'" | grep -q .; then
    links=$(sqlite3 "$db" "SELECT COUNT(*) FROM audit_pupils")
  fi
  local bytes; bytes=$(sqlite3 "$db" "SELECT COALESCE(SUM(pgsize),0) FROM dbstat WHERE name IN ($tables)" 2>/dev/null || echo 0)
  local payload; payload=$(sqlite3 "$db" "SELECT COALESCE(SUM(payload),0) FROM dbstat WHERE name IN ($tables)")
  echo "$rows $links $bytes $payload"
}
read -r rows0 links0 bytes0 pay0 < <(stats)
# The IB's school: the groups of the current year at CBS De Valentijn (ids 19-27 in the demo).
groups=(19 20 21 22 23 24 25 26 27); views=0
for i in $(seq 0 $((n - 1))); do
  g=${groups[$((i % ${#groups[@]}))]}
  case $((i % 3)) in 0) p=/groepen/$g/overzicht ;; 1) p=/groepen/$g/groepsplan ;; 2) p=/groepen/$g ;; esac
  code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' http://127.0.0.1:$port$p)
  [ "$code" = 200 ] || echo "warning: $p gave $code" >&2
  views=$((views + 1))
done
read -r rows1 links1 bytes1 pay1 < <(stats)
echo "page views: $views"
echo "audit_log rows: $rows0 -> $rows1 (+$((rows1 - rows0))), per page view: $(echo "scale=1; ($rows1 - $rows0) / $views" | bc)"
echo "audit_pupils rows (two numbers each): $links0 -> $links1 (+$((links1 - links0))), per page view: $(echo "scale=1; ($links1 - $links0) / $views" | bc)"
echo "audit bytes (pages, tables+indexes): $bytes0 -> $bytes1, per page view: $(echo "scale=0; ($bytes1 - $bytes0) / $views" | bc)"
echo "audit payload bytes: $pay0 -> $pay1, per page view: $(echo "scale=0; ($pay1 - $pay0) / $views" | bc)"
