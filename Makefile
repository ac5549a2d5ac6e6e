# Thin wrapper over CMake presets. `make run` and `make test` work on a fresh Debian bookworm machine.
JOBS ?= $(shell nproc)
EXAMPLE_ARGS ?= calendar protocols/nahm2023-autologous-serum-ad.toml --day1 2026-01-05 --arm SERUM \
                --subject S01 --closed sat,sun --holidays examples/holidays-kr-2026.txt

.PHONY: all deps configure build run test bench clean
all: build

deps:
	@.ci/deps

configure: deps
	@cmake --preset dev >/dev/null

build: configure
	@cmake --build --preset dev -j $(JOBS)

run: build
	build/planner $(EXAMPLE_ARGS)

test: build
	ctest --preset dev -j $(JOBS)

bench: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)
	build-release/tests/bench/planner_bench
	tests/bench/e2e.sh

clean:
	rm -rf build build-release build-asan
