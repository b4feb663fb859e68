# The two commands: `make run` starts Caseload, `make test` runs every check CI runs.
# Both first install whatever is missing (scripts/setup.sh).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
APP := target/debug/caseload-desktop
TAURI_DRIVER := $(CURDIR)/.tools/bin/tauri-driver

.PHONY: run test setup setup-e2e build lint unit e2e bench bench-directory bench-print bench-careplan bench-backups demo icons

## Start the desktop app on the default store (the OS data directory, or $CASELOAD_DATA_DIR).
run: setup build
	@if [[ -z "$${DISPLAY:-}" && -z "$${WAYLAND_DISPLAY:-}" ]]; then \
	  echo "No display found: starting Caseload inside a virtual display (Xvfb)."; \
	  xvfb-run -a $(APP); \
	else \
	  $(APP); \
	fi

## Everything CI checks: formatting, lints, unit + integration tests, end-to-end tests.
test: setup-e2e lint unit e2e

setup:
	@scripts/setup.sh

setup-e2e:
	@scripts/setup.sh --e2e

build:
	$(CARGO) build -p caseload-desktop

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

unit:
	$(CARGO) test --workspace

## The real app in a virtual display, driven through tauri-driver + WebKitWebDriver.
## `cargo test --workspace` builds target/debug/caseload-desktop (the desktop package has
## integration tests) with the same features as `make unit`, so nothing is rebuilt here;
## the only ignored tests in the workspace are these end-to-end ones.
e2e:
	$(CARGO) test --workspace --no-run
	CASELOAD_APP="$(CURDIR)/$(APP)" TAURI_DRIVER="$(TAURI_DRIVER)" \
	  timeout 1500 xvfb-run -a -s "-screen 0 1280x800x24" \
	  $(CARGO) test --workspace -- --ignored --test-threads=1

## Caseload search latency over 10,000 demo patients (see docs/benchmarks.md).
bench: setup
	$(CARGO) bench --bench caseload_search

## Directory search and HSDS import throughput at 50,000 services (see docs/benchmarks.md).
bench-directory: setup
	$(CARGO) bench --bench directory_search

## The huddle sheet and previsit agendas from 10,000 demo patients, next to headless
## Chromium printing the same table (see docs/benchmarks.md). Installs Debian's chromium.
bench-print: setup
	@scripts/setup.sh --bench
	$(CARGO) bench --bench printouts

## Care plans at 10,000 patients: one plan, one FHIR bundle, bulk NDJSON, My care plan PDF.
bench-careplan: setup
	$(CARGO) bench --bench care_plans

## Backups of 500- and 10,000-patient stores: backup + verify, a backup's summary, restore.
bench-backups: setup
	$(CARGO) bench --bench backups

## A demo store with 300 synthetic patients in ./demo-data (passphrase from $CASELOAD_PASSPHRASE).
demo: setup
	$(CARGO) run --bin caseload -- --data-dir demo-data demo --patients 300

icons:
	icons/generate.sh
