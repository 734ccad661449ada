# The set-up commands: `make run` and `make test`. Each installs what is missing, configures
# and builds first.
#
# `make run`, `make build` and `make bench` use PRESET (default release: optimised, build/).
# `make test` uses TEST_PRESET, by default `check`: the whole suite under ASan+UBSan (Clang 14,
# build-check/), then each libFuzzer target for FUZZ_SECONDS. `make test TEST_PRESET=release`
# runs the suite in the optimised build/ (the stored fuzz inputs, fuzz/regressions/, run in
# every build), `make test TEST_PRESET=tsan` under ThreadSanitizer. `make fuzz FUZZ_SECONDS=600`
# fuzzes longer.
PRESET ?= release
TEST_PRESET ?= check
build_dir = $(if $(filter release,$(1)),build,build-$(1))
BUILD_DIR = $(call build_dir,$(PRESET))
TEST_DIR = $(call build_dir,$(TEST_PRESET))
ORDINAL = $(BUILD_DIR)/bin/ordinal
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60
# In `make test`, all six fuzz targets at once: each still runs for FUZZ_SECONDS, sharing the
# cores, in one round instead of three (a clean `make test` must stay inside CI's 15 minutes;
# there the stored inputs and a short search catch regressions). `make fuzz` gives each target
# a core of its own (JOBS at a time).
TEST_FUZZ_JOBS ?= 6
RUN_ARGS ?= -f examples/nginx.yaml -n test
# Sanitizer run-time options for the tests, the `ordinal serve` processes they start and the
# fuzz targets: print stacks, stop at the first report, read the suppressions (third-party false
# positives only, each with its reason) from cmake/sanitizers/.
SUPP = $(CURDIR)/cmake/sanitizers
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1:suppressions=$(SUPP)/ubsan.supp
export LSAN_OPTIONS ?= suppressions=$(SUPP)/lsan.supp
export TSAN_OPTIONS ?= halt_on_error=1:second_deadlock_stack=1:suppressions=$(SUPP)/tsan.supp

.PHONY: all deps configure build run test test-build test-long fuzz bench format clean

all: build

deps:
	@bash tools/install-deps.sh

configure: deps
	@test -f $(BUILD_DIR)/build.ninja || cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(ORDINAL) serve $(RUN_ARGS)

# One apt-get run for everything the test build needs (Clang for the sanitizer presets).
test-build:
	@bash tools/install-deps.sh $(if $(filter check tsan,$(TEST_PRESET)),--check)
	@test -f $(TEST_DIR)/build.ninja || cmake --preset $(TEST_PRESET) >/dev/null
	@cmake --build $(TEST_DIR) -j $(JOBS)

test: test-build
	cd $(TEST_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300 -LE long
	@if [ -x $(TEST_DIR)/bin/fuzz_dns_parser ]; then \
	  bash fuzz/run_fuzzers.sh $(TEST_DIR) $(FUZZ_SECONDS) $(TEST_FUZZ_JOBS); fi

# Minutes-long runs (tests/long/): SIGKILL torture under churn, DNS load while scaling.
test-long: test-build
	@bash tools/install-deps.sh --bench
	cd $(TEST_DIR) && ctest --output-on-failure --timeout 1800 -L long

fuzz: TEST_PRESET = check
fuzz: test-build
	bash fuzz/run_fuzzers.sh $(TEST_DIR) $(FUZZ_SECONDS) $(JOBS)

# DNS: ordinal against Knot DNS and NSD (bench/run_bench.py, bench/results/dns.md); scale,
# change-to-answer latency and the control plane (bench/scale/, bench/results/scale.md).
bench: build
	@bash tools/install-deps.sh --bench
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target bench_tools
	python3 bench/run_bench.py --ordinal $(ORDINAL)
	python3 bench/scale/run_scale.py --ordinal $(ORDINAL)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build build-dev build-asan build-tsan build-check
