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
