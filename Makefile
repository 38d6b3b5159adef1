# The two commands of the README: `make run` and `make test`.
BUILD_DIR ?= build
DB ?= var/koers.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build run test clean
all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD_DIR)

run: build
	@bash scripts/run-demo.sh $(BUILD_DIR)/koers $(DB) $(LISTEN)

test: build
	@bash scripts/test.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)

# `make bench`: a Release build of the benchmarks, then the results-import benchmark
# (demo board of 207 schools, ≈ 500,000 results; see README, "Benchmarks").
BENCH_BUILD_DIR ?= build-release
BENCH_ARGS ?=
.PHONY: bench
bench: deps
	@cmake -S . -B $(BENCH_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BENCH_BUILD_DIR) --target results_import_bench
	@$(BENCH_BUILD_DIR)/results_import_bench $(BENCH_ARGS)

# `make bench-pages`: Koers' pages against nginx serving the same bytes (bench/pages.sh).
BENCH_SECONDS ?= 10
.PHONY: bench-pages
bench-pages: deps
	@command -v wrk >/dev/null && command -v nginx >/dev/null || \
	  { $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -q --no-install-recommends wrk nginx-light; }
	@cmake -S . -B $(BENCH_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BENCH_BUILD_DIR) --target koers
	@bash bench/pages.sh $(BENCH_BUILD_DIR)/koers $(BENCH_SECONDS)

# `make soak`: the load and soak benchmark (bench/soak.mjs; see README, "Benchmarks") against a
# Release build: a school morning for DURATION seconds at CONNECTIONS connections, on SQLite
# (one server) and on PostgreSQL (two servers, one throw-away database). Loopback only.
DURATION ?= 300
CONNECTIONS ?= 32
SOAK_ENGINES ?= sqlite postgres
SOAK_PORTS ?= 18204,18214,18224
.PHONY: soak
soak: deps
	@cmake -S . -B $(BENCH_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BENCH_BUILD_DIR) --target koers
	@rc=0; for engine in $(SOAK_ENGINES); do \
	  node bench/soak.mjs --koers $(BENCH_BUILD_DIR)/koers --engine $$engine --duration $(DURATION) \
	    --connections $(CONNECTIONS) --ports $(SOAK_PORTS) || rc=1; \
	done; exit $$rc
