#!/usr/bin/env bash
# Prepare a fresh machine: the Debian libraries Qt and the PDF checks need, and the
# PostgreSQL server the registry's tests start a throwaway cluster of, Tesseract with simplified
# Chinese for the organizer's optional OCR of scans (only when missing,
# and only as root with apt-get), then .venv with the project installed.
# Usage: scripts/bootstrap.sh [EXTRAS]   e.g. "test" or "gui,build"
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-gui}"

deb_packages=(
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libnss3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
  poppler-utils xvfb xauth postgresql tesseract-ocr tesseract-ocr-chi-sim
  age  # the standard age tool: the tests decrypt our encrypted files with it, and back
)
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  missing=()
  for package in "${deb_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "bootstrap: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[${extras}]"
