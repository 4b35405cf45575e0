#!/usr/bin/env bash
# Installs what archgen needs on a Debian/Ubuntu machine with Node 20+: the system Chromium
# and CJK fonts (diagrams and PDF), poppler-utils (tests read PDFs back), then the npm packages.
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/lib/chromium/chromium ] || need+=(chromium)
# (grep without -q: with pipefail, an early grep exit would fail the pipeline)
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v git >/dev/null 2>&1 || need+=(git)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "archgen setup: installing ${need[*]} with apt-get" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "archgen setup: please install: ${need[*]} (or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium)" >&2
  fi
fi

# The browser comes from the system; never let puppeteer try to download one.
export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build --silent
