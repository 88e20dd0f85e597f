# Two commands set up a fresh Debian 12 machine with Swift:
#   make        installs missing system packages, builds, renders the example pack into Output/
#   make test   installs missing system packages, runs the test suite
SWIFT ?= swift
APT_PACKAGES := pkg-config libcairo2-dev libpango1.0-dev libcmark-dev libqpdf-dev poppler-utils qpdf
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: all deps build render test bench clean

all: render

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product scorecard

render: build
	.build/release/scorecard render

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build Output/*.pdf Output/*.png
