#!/usr/bin/env bash
# Install the system packages the desk app needs (Debian/Ubuntu), only those still missing.
# Idempotent: a second run installs nothing and takes well under a second.
set -euo pipefail

packages=(
  # Vietnamese OCR
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd tesseract-ocr-eng  # eng: MRZ with a whitelist
  # Scanners through SANE (python-sane builds against libsane-dev; tests use its `test` backend)
  libsane1 libsane-dev sane-utils build-essential python3-dev
  # Qt 6 (PySide6 wheels) on X11/offscreen
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0
  libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-xkb1 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxi6
  # Printing: CUPS (pycups builds against libcups2-dev); tests print through a private cupsd + cups-pdf
  cups cups-client cups-bsd printer-driver-cups-pdf libcups2-dev
  # PostgreSQL (several desks share one server; the multi-desk tests start a private cluster)
  postgresql
  # Fonts with Vietnamese coverage for the screen (printed forms embed their own from resources/)
  fonts-dejavu-core fonts-liberation2
  # CCCD chip readers through PC/SC (pyscard builds against libpcsclite-dev with swig); tests use
  # vsmartcard's virtual reader (vpcd) and its card framework (vpicc) under a private pcscd
  pcscd libpcsclite-dev swig vsmartcard-vpcd vsmartcard-vpicc
  # PDF checks in tests (pdftoppm), a virtual screen for `make run` on machines without one
  poppler-utils xvfb xauth
)

# Debian's system Python needs python3-venv for `python3 -m venv`.
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Cài đặt gói hệ thống còn thiếu / installing missing system packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "Cần quyền root để cài: apt-get install ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
