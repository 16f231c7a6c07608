# Two commands for operators: `make run` and `make test`. See README.md.
TEST_DOCKER_HOST := unix:///run/hbdeck-test/docker.sock
ARGS ?=
PREFIX ?= /usr/local

.PHONY: run install test build artifact env down demo bench format lint

build:
	swift build

env:
	scripts/testenv.sh up

# The binary operators run: release, the Swift runtime linked in (it also starts faster). `make run`,
# `make install` and `make test` all use this one build.
ARTIFACT := .build-install/release/hbdeck

artifact:
	scripts/testenv.sh build-deps
	swift build -c release --static-swift-stdlib --product hbdeck --scratch-path .build-install

run: artifact
	scripts/run.sh $(ARGS)

install: artifact
	install -s -D -m 755 $(ARTIFACT) $(PREFIX)/bin/hbdeck
	install -d $(PREFIX)/share/hbdeck/Themes
	install -m 644 Themes/*.yml $(PREFIX)/share/hbdeck/Themes/

# Unit tests run in the debug build; every test that starts hbdeck starts the artifact above, and the
# installed binary answers one real call of each command.
test: lint env artifact
	HBDECK_BIN=$(abspath $(ARTIFACT)) HBDECK_TEST_DOCKER_HOST=$(TEST_DOCKER_HOST) swift test --no-parallel
	scripts/install-check.sh

# The code's layout is swift-format's (the toolchain's own), with the configuration in .swift-format.
format:
	swift format format -i -r --configuration .swift-format Package.swift Sources Tests

lint:
	swift format lint -r --strict --configuration .swift-format Package.swift Sources Tests

demo: env
	scripts/demo.sh

down:
	scripts/testenv.sh down

bench: env
	scripts/bench.sh
