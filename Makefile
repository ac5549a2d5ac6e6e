# Thin wrapper over CMake presets. `make run` and `make test` work on a fresh Debian bookworm machine.
JOBS ?= $(shell nproc)
EXAMPLE_ARGS ?= calendar protocols/nahm2023-autologous-serum-ad.toml --day1 2026-01-05 --arm SERUM \
                --subject S01 --closed sat,sun --holidays examples/holidays-kr-2026.txt

.PHONY: all deps configure build run test asan bench fuzz clean
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= protocol iso8601 csv holidays_sites usdm sites visit_log sdtm_dm sdtm_sv analysis_records
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

# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

bench: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)
	build-release/tests/bench/planner_bench
	build-release/tests/bench/planner_scaling_bench
	tests/bench/e2e.sh

# Each libFuzzer target for FUZZ_SECONDS, starting from and adding to tests/fuzz/corpus/<target>.
fuzz:
	@.ci/deps fuzz
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p tests/fuzz/corpus/$$t build-fuzz/crashes; \
	  echo "== fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  build-fuzz/tests/fuzz/planner_fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    $$([ -f tests/fuzz/$$t.dict ] && echo -dict=tests/fuzz/$$t.dict) \
	    -artifact_prefix=build-fuzz/crashes/$$t- tests/fuzz/corpus/$$t || exit 1; \
	done

clean:
	rm -rf build build-release build-asan build-fuzz
