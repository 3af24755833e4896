# BitTrue: the two commands that matter are `make demo` (the main job) and `make test`.
SWIFT ?= swift
BITTRUE := .build/release/bittrue
OUT ?= out/demo

.PHONY: demo test testbenches lint format build release bench clean

# The main job: build, train a small logic-gate net on the bundled digits data, emit
# Verilog, cosimulate it under Verilator and print the report.
demo: release
	./scripts/demo.sh "$(BITTRUE)" "$(OUT)"

# Every test (unit, differential, CLI, Verilator cosimulation).
test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

# The self-checking Verilator testbench of every rtl/ primitive (also part of `make test`).
testbenches:
	./scripts/testbench.sh --all

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product bittrue

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

bench:
	$(MAKE) -C Benchmarks all

clean:
	rm -rf .build out
