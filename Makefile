# Two commands for operators: `make run` and `make test`. See README.md.
TEST_DOCKER_HOST := unix:///run/hbdeck-test/docker.sock
ARGS ?=
PREFIX ?= /usr/local

.PHONY: run install test build env down demo bench

build:
	swift build

env:
	scripts/testenv.sh up

run:
	scripts/testenv.sh build-deps
	swift build -c release --product hbdeck
	scripts/run.sh $(ARGS)

# One self-contained binary (the Swift runtime linked in: it also starts faster) and the themes.
install:
	scripts/testenv.sh build-deps
	swift build -c release --static-swift-stdlib --product hbdeck --scratch-path .build-install
	install -s -D -m 755 .build-install/release/hbdeck $(PREFIX)/bin/hbdeck
	install -d $(PREFIX)/share/hbdeck/Themes
	install -m 644 Themes/*.yml $(PREFIX)/share/hbdeck/Themes/

test: env
	HBDECK_TEST_DOCKER_HOST=$(TEST_DOCKER_HOST) swift test --no-parallel

demo: env
	scripts/demo.sh

down:
	scripts/testenv.sh down

bench: env
	scripts/bench.sh
