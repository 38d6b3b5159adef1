#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 on loopback for tests.
#   pg-throwaway.sh start DIR PORT   -> prints the URL of database koers_test
#                                       (koers_http, for the HTTP tests, sits beside it)
#   pg-throwaway.sh stop DIR
set -euo pipefail
cmd=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
case "$cmd" in
  start)
    port=$3
    mkdir -p "$dir"
    chown postgres "$dir" 2>/dev/null || true
    as_pg=(); [[ $(id -u) -eq 0 ]] && as_pg=(runuser -u postgres --)
    "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -A trust -U koers -E UTF8 --no-locale >"$dir/initdb.log" 2>&1
    "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
      -o "-h 127.0.0.1 -p $port -k $dir -F" -w start >/dev/null
    "${as_pg[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U koers koers_test
    "${as_pg[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U koers koers_http
    echo "postgresql://koers@127.0.0.1:$port/koers_test"
    ;;
  stop)
    as_pg=(); [[ $(id -u) -eq 0 ]] && as_pg=(runuser -u postgres --)
    "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
