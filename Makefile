# Two commands set up a fresh Debian 12 machine with Swift:
#   make        installs missing system packages, builds, renders the example pack into Output/
#   make test   installs missing system packages, runs the test suite
SWIFT ?= swift
APT_PACKAGES := pkg-config libcairo2-dev libpango1.0-dev libcmark-dev libqpdf-dev libdeflate-dev libmimalloc-dev zlib1g-dev poppler-utils qpdf
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

PDFUA_VERSION := 0.1.3
TOOLS := .build-tools

.PHONY: all deps tools build render test bench bench-typst fuzz clean

all: render

# The tests also render with jemalloc and tcmalloc preloaded in front of the executable's mimalloc.
TEST_APT_PACKAGES := libjemalloc2 libtcmalloc-minimal4

deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

# Release builds call generic types' metadata accessors directly instead of looking types up by
# mangled name: each first use of a generic type otherwise scans the static binary's ~18,700
# protocol conformance records (3.9% of the instructions of a 40-indicator render). They also leave
# out the run-time exclusivity checks (of class properties, globals and escaping captures: 1.9% at
# 400 indicators); `make test` builds in debug, which keeps them (they catch overlapping accesses
# within one thread; races between threads are the concern of the thread-safety contracts).
RELEASE_FLAGS := -c release --static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors -Xswiftc -enforce-exclusivity=unchecked

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product scorecard

render: build
	.build/release/scorecard render

# The PDF/UA checker from PyPI, in a private virtual environment the tests call.
tools: $(TOOLS)/bin/pdfua

$(TOOLS)/bin/pdfua:
	@python3 -m venv $(TOOLS) 2>/dev/null || { \
	  echo "Installing python3-venv"; rm -rf $(TOOLS); \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends python3-venv && \
	  python3 -m venv $(TOOLS); }
	$(TOOLS)/bin/pip install --quiet pdfua==$(PDFUA_VERSION)

test: EXTRA_APT_PACKAGES = $(TEST_APT_PACKAGES)
test: deps tools
	$(SWIFT) build --build-tests
	PDFUA=$(CURDIR)/$(TOOLS)/bin/pdfua $(SWIFT) test --skip-build

# Whole-process benchmark (issue 6): generated 40/400/2,000-indicator scorecards and the example pack;
# prints median time, peak RSS, pages and bytes against Typst and writes bench/RESULTS.md.
# BENCH_ARGS passes options through, e.g. make bench BENCH_ARGS="--runs 3".
PYTHON ?= python3
bench: build
	$(PYTHON) bench/run.py --binary .build/release/scorecard $(BENCH_ARGS)

# The same, with Typst timed on this machine in the same rounds (typst-py from PyPI, in the tools'
# virtual environment; bench/typst/scorecard.typ is the Typst version of the generated scorecard).
TYPST_PY_VERSION := 0.15.2
$(TOOLS)/bin/typst-installed: $(TOOLS)/bin/pdfua
	$(TOOLS)/bin/pip install --quiet typst==$(TYPST_PY_VERSION) && touch $@

bench-typst: build $(TOOLS)/bin/typst-installed
	$(PYTHON) bench/run.py --binary .build/release/scorecard --typst $(TOOLS)/bin/python $(BENCH_ARGS)

# Mutation fuzzing of the executable on the example pack (a developer tool, not part of the tests):
# findings go to bench/work/fuzz-findings/. FUZZ_ARGS passes options, e.g. FUZZ_ARGS="--seconds 900 --seed 2".
fuzz: build
	$(PYTHON) tools/fuzz_pack.py $(FUZZ_ARGS)

clean:
	rm -rf .build $(TOOLS) Output/*.pdf Output/*.png
