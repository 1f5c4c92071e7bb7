# The front door. Each target installs what it needs first, so that on a
# fresh Debian 12 machine `make demo` and `make test` work alone.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
ASAN_BUILD ?= build-asan
MGE_FUZZ_SECONDS ?= 10

.PHONY: all deps build build-asan demo test test-release test-asan bench fuzz clean format

all: build

deps:
	@bash tools/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@bash examples/demo.sh $(BUILD)/mge

test-release: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

build-asan: deps
	@CC=clang cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug \
	  -DMGE_SANITIZE=ON -DMGE_BUILD_FUZZ=ON -DMGE_BUILD_BENCH=OFF \
	  -DMGE_FUZZ_SECONDS=$(MGE_FUZZ_SECONDS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

test-asan: build-asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# Normal build first, then AddressSanitizer + UBSan (with the fuzz targets).
test: test-release test-asan

bench: build
	@bash tools/deps.sh python3-pymatgen python3-xgboost python3-sklearn
	@bash bench/run.sh $(BUILD)

# Every fuzz target for FUZZ_SECONDS (default 60) each.
FUZZ_SECONDS ?= 60
fuzz:
	@$(MAKE) --no-print-directory build-asan MGE_FUZZ_SECONDS=$(FUZZ_SECONDS)
	@ctest --test-dir $(ASAN_BUILD) --output-on-failure -R '^fuzz_'

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
