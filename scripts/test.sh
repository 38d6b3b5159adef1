#!/usr/bin/env bash
# Runs every test: unit (domain), store on SQLite and on a throw-away PostgreSQL,
# HTTP against a real server, and the browser tests in Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
start=$(date +%s)

pgdir=$(mktemp -d /tmp/koers-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
cleanup() { bash scripts/pg-throwaway.sh stop "$pgdir"; }
trap cleanup EXIT
export KOERS_TEST_PG=$(bash scripts/pg-throwaway.sh start "$pgdir" "$port")
export KOERS_TEST_PG_HTTP=${KOERS_TEST_PG%/koers_test}/koers_http
export KOERS_REQUIRE_PG=1
echo "test: throw-away PostgreSQL at $KOERS_TEST_PG"

mkdir -p "$build/artifacts"
# Two suites at a time: much of a suite's time is waiting (fsync, the browser, PostgreSQL),
# and they share nothing (each server takes its own port, each engine its own database).
ctest --test-dir "$build" --output-on-failure --timeout 600 -j "$(nproc)"
echo "test: all passed in $(( $(date +%s) - start )) s; screenshots in $build/artifacts/"
