# Two commands for operators: `make run` and `make test`. See README.md.
TEST_DOCKER_HOST := unix:///run/hbdeck-test/docker.sock
ARGS ?=

.PHONY: run test build env down demo bench

build:
	swift build

env:
	scripts/testenv.sh up

run: 
	scripts/testenv.sh install
	swift build
	scripts/run.sh $(ARGS)

test: env
	HBDECK_TEST_DOCKER_HOST=$(TEST_DOCKER_HOST) swift test --no-parallel

demo: env
	scripts/demo.sh

down:
	scripts/testenv.sh down

bench: env
	scripts/bench.sh
