#!/usr/bin/env bash
# Installs what `make run` and `make test` need and is not there yet:
#  - Debian packages (WebKitGTK for the window, Xvfb + WebKitWebDriver for end-to-end
#    tests, poppler and qpdf for PDF checks, fonts, sqlite3 for the import benchmark's
#    ceiling; with `--bench`, Chromium for the printout benchmark's comparison),
#    via apt when run as root;
#  - rustfmt and clippy for the Rust toolchain;
#  - with `--e2e` (what `make test` needs): xdotool (the printout test types a path
#    into the native save dialog), tauri-driver 2.1.0 into ./.tools, and the
#    `frictionless` Data Package validator (Python) into ./.tools/pyenv, which the HSDS
#    export test uses as an independent check of what Caseload writes, and beside it
#    `fhir.resources` (FHIR R4B models), which the FHIR export tests check bundles and
#    NDJSON with (tests/support/fhir_validate.py).
# It changes nothing that is already in place, so running it twice is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential pkg-config file libssl-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver poppler-utils qpdf imagemagick fonts-dejavu-core sqlite3
)
TAURI_DRIVER_VERSION=2.1.0
FRICTIONLESS_VERSION=5.18.1
FHIR_RESOURCES_VERSION=8.3.0
if [[ ${1:-} == --e2e ]]; then
  # xdotool types into the native save dialog in the printout test.
  PACKAGES+=(python3-venv xdotool)
fi
if [[ ${1:-} == --bench ]]; then
  # The printout benchmark compares with headless Chromium's HTML-to-PDF.
  PACKAGES+=(chromium)
fi
TOOLS="$PWD/.tools"

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these Debian packages are missing: ${missing[*]}" >&2
    echo "setup: run 'sudo make setup' once, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v cargo >/dev/null; then
  echo "setup: cargo is not installed; install Rust 1.90 or newer (https://rustup.rs) and retry" >&2
  exit 1
fi
if command -v rustup >/dev/null; then
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
fi

if [[ ${1:-} == --e2e ]]; then
  if ! "$TOOLS/bin/tauri-driver" --help >/dev/null 2>&1; then
    echo "setup: installing tauri-driver $TAURI_DRIVER_VERSION into .tools"
    cargo install --quiet --locked --root "$TOOLS" "tauri-driver@$TAURI_DRIVER_VERSION"
  fi
  if ! "$TOOLS/pyenv/bin/frictionless" --version >/dev/null 2>&1; then
    echo "setup: installing frictionless $FRICTIONLESS_VERSION into .tools/pyenv"
    rm -rf "$TOOLS/pyenv"
    python3 -m venv "$TOOLS/pyenv"
    "$TOOLS/pyenv/bin/pip" install --quiet --disable-pip-version-check "frictionless==$FRICTIONLESS_VERSION"
  fi
  if ! "$TOOLS/pyenv/bin/python" -c 'import fhir.resources' >/dev/null 2>&1; then
    echo "setup: installing fhir.resources $FHIR_RESOURCES_VERSION into .tools/pyenv"
    "$TOOLS/pyenv/bin/pip" install --quiet --disable-pip-version-check "fhir.resources==$FHIR_RESOURCES_VERSION"
  fi
fi
