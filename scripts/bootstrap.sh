#!/usr/bin/env bash
# One entry point for setting up and using the project on a fresh Debian machine.
#   bash scripts/bootstrap.sh run    install everything, then extract samples/ into output/
#   bash scripts/bootstrap.sh test   install everything, then run the test suite (pytest)
#   bash scripts/bootstrap.sh setup  install everything only
# Idempotent: a second run skips every step whose result is already in place.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="$root/.venv"
python="${PYTHON:-python3}"

say() { printf '[bootstrap] %s\n' "$*"; }

install_debian_packages() {
  local missing=()
  command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
  if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx deu; then
    missing+=(tesseract-ocr-deu)
  fi
  # Fonts for regenerating the sample scans (tools/samplegen); the bundled samples do not need them.
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  # fonts-dkg-handwriting installs its faces under fifthhorseman/, not dkg-handwriting/.
  [ -e /usr/share/fonts/truetype/fifthhorseman/dkg.ttf ] || missing+=(fonts-dkg-handwriting)
  [ -d /usr/share/fonts/opentype/comic-neue ] || missing+=(fonts-comic-neue)
  # The browser the review site's and the report's tests drive (Playwright with
  # executable_path: it never downloads one).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  "$python" -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_env() {
  [ -x "$venv/bin/python" ] || { say "creating virtual environment .venv"; "$python" -m venv "$venv"; }
  local stamp="$venv/.setup-stamp" want
  want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "installing the project and its dependencies into .venv"
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$venv/bin/python" -m pip install -q -e ".[dev]"
  echo "$want" >"$stamp"
}

setup() {
  install_debian_packages
  install_python_env
}

case "${1:-}" in
  setup) setup ;;
  run)
    setup
    say "extracting samples/ into output/"
    set +e
    "$venv/bin/extractor" batch samples -o output
    rc=$?
    set -e
    # 1 (some records need review) and 2 (some failed: the bundled press release is not an
    # agreement, on purpose) are results, not set-up failures; see output/errors.csv.
    [ "$rc" -le 2 ] || exit "$rc"
    say "done: records in output/records, tables in output/*.csv (exit code of the run: $rc)"
    ;;
  test)
    setup
    shift
    export OMP_THREAD_LIMIT=1
    "$venv/bin/python" -m ruff check extractor tests benchmarks tools
    "$venv/bin/python" -m ruff format --check extractor tests benchmarks tools
    "$venv/bin/python" -m pytest -q "$@"
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh {run|test|setup}" >&2
    exit 3
    ;;
esac
