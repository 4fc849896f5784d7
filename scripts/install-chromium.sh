#!/bin/sh
# Debian's chromium for the browser tests (Playwright drives it; it cannot download its own here),
# and poppler-utils (pdftotext) to read the reports printed to PDF.
set -e
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/pdftotext ]; then exit 0; fi
if [ "$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "install-chromium: need root (or sudo) to run: apt-get install chromium" >&2; exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils >/dev/null
/usr/bin/chromium --version
