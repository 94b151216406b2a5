#!/usr/bin/env bash
# Install what the app (and, with --test, the test suite) needs on a fresh Debian machine:
# a Python 3.11 virtual environment in .venv with the project installed, and for tests the
# system tools the suite drives (Chromium, Voikko, LibreOffice, poppler). The PDF export needs
# the Pango library in both cases (WeasyPrint). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3

if [[ ! -x .venv/bin/python ]]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip

missing=()
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)

if [[ $want_test == 1 ]]; then
  .venv/bin/python -m pip install --quiet -e '.[test]'
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -e /usr/lib/x86_64-linux-gnu/libvoikko.so.1 || -e /usr/lib/aarch64-linux-gnu/libvoikko.so.1 ]] || missing+=(libvoikko1 voikko-fi)
  [[ -d /usr/share/voikko || -d /usr/lib/voikko ]] || missing+=(voikko-fi)
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
else
  .venv/bin/python -m pip install --quiet -e .
fi
if (( ${#missing[@]} )); then
  if [[ $(id -u) == 0 ]]; then
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing system packages: ${missing[*]} (run as root to install them)" >&2
    [[ "${CI:-}" == "true" ]] && exit 1
  fi
fi
