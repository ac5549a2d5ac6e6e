# Thin wrapper over CMake presets. `make run` and `make test` work on a fresh Debian bookworm machine.
JOBS ?= $(shell nproc)
EXAMPLE_ARGS ?= calendar protocols/nahm2023-autologous-serum-ad.toml --day1 2026-01-05 --arm SERUM \
                --subject S01 --closed sat,sun --holidays examples/holidays-kr-2026.txt

.PHONY: all deps configure build program run test install package package-test asan bench fuzz tidy format \
        format-check clean
PREFIX ?= /usr/local
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= protocol iso8601 csv holidays_sites usdm sites visit_log sdtm_dm sdtm_sv analysis_records
all: build

deps:
	@.ci/deps

configure: deps
	@cmake --preset dev >/dev/null

build: configure
	@cmake --build --preset dev -j $(JOBS)

# Only the program, so that a newcomer's first result comes soon; `make test` builds the rest.
program: configure
	@cmake --build --preset dev -j $(JOBS) --target planner

run: program
	build/planner $(EXAMPLE_ARGS)

test: build
	ctest --preset dev -j $(JOBS)

# bin/planner, the bundled protocols, man pages, bash completion and docs under PREFIX.
install: build
	cmake --install build --prefix $(PREFIX)

# A Debian package, build-package/planner_<version>_amd64.deb, built with Debian's hardening flags.
package:
	@.ci/deps package
	export DEB_BUILD_MAINT_OPTIONS=hardening=+all; \
	  CXXFLAGS="$$(dpkg-buildflags --get CXXFLAGS) $$(dpkg-buildflags --get CPPFLAGS)" \
	  LDFLAGS="$$(dpkg-buildflags --get LDFLAGS)" cmake --preset package >/dev/null
	cmake --build --preset package -j $(JOBS)
	cd build-package && cpack --config CPackConfig.cmake

# Builds the package, runs lintian, installs it with apt-get, runs it, removes it (root; CI runs it).
package-test: package
	.ci/package-test build-package/planner_*_amd64.deb

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
	tests/bench/report.sh
	tests/bench/forecast.sh

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

# clang-tidy (.clang-tidy) on every source file, while the `tidy` preset builds them with clang++: a finding
# is an error and stops the build. Incremental: a file is checked again when it or a header it includes changes.
tidy:
	@.ci/deps tidy
	@cmake --preset tidy >/dev/null
	cmake --build --preset tidy -j $(JOBS)

# The tracked C++ files as .clang-format lays them out: `format` rewrites them, `format-check` fails (and
# shows where) when one differs. Test inputs (tests/testdata) are kept as written.
CXX_SOURCES = git ls-files -z '*.cc' '*.h' ':(exclude)tests/testdata'
format:
	@.ci/deps format
	$(CXX_SOURCES) | xargs -0 clang-format -i

format-check:
	@.ci/deps format
	$(CXX_SOURCES) | xargs -0 clang-format --dry-run --Werror

clean:
	rm -rf build build-release build-asan build-fuzz build-package build-tidy
