# The two set-up commands: `make run` and `make test`. Each installs what is missing, configures
# and builds first. PRESET picks the CMake preset (release, dev, asan, tsan).
PRESET ?= release
BUILD_DIR = $(if $(filter release,$(PRESET)),build,build-$(PRESET))
ORDINAL = $(BUILD_DIR)/bin/ordinal
JOBS ?= $(shell nproc)
RUN_ARGS ?= -f examples/nginx.yaml -n test

.PHONY: all deps configure build run test bench format clean

all: build

deps:
	@bash tools/install-deps.sh

configure: deps
	@test -f $(BUILD_DIR)/build.ninja || cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(ORDINAL) serve $(RUN_ARGS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300

# ordinal against Knot DNS and NSD on a generated 3,000-pod zone (bench/run_bench.py); writes
# bench/results/dns.md. Needs the peers and dnsperf, which `make test` does not.
bench: build
	@bash tools/install-deps.sh --bench
	python3 bench/run_bench.py --ordinal $(ORDINAL)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build build-dev build-asan build-tsan
