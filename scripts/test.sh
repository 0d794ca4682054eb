#!/usr/bin/env bash
# Runs every test: type check, unit tests and the parity tests against LibreOffice headless.
# LibreOffice Calc is installed first when it is missing and this user may install packages;
# otherwise the script says exactly what to install.
set -uo pipefail
cd "$(dirname "$0")/.."

# LibreOffice Calc is the reference engine; poppler-utils reads the summary's PDF back.
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  install=(apt-get install -y -q libreoffice-calc-nogui poppler-utils)
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "LibreOffice or poppler-utils is missing: installing libreoffice-calc-nogui poppler-utils..."
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive "${install[@]}"; } >/tmp/parathed-apt.log 2>&1 \
      || { cat /tmp/parathed-apt.log >&2; echo "Installing LibreOffice failed (see above)." >&2; exit 1; }
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "LibreOffice or poppler-utils is missing: installing them with sudo..."
    { sudo -n apt-get update -q && sudo -n env DEBIAN_FRONTEND=noninteractive "${install[@]}"; } >/tmp/parathed-apt.log 2>&1 \
      || { cat /tmp/parathed-apt.log >&2; echo "Installing LibreOffice failed (see above)." >&2; exit 1; }
  else
    echo "The tests need LibreOffice Calc (soffice) and poppler-utils (pdftotext), and this user cannot install packages." >&2
    echo "Install them, then run npm test again:  sudo apt-get install -y libreoffice-calc-nogui poppler-utils" >&2
    exit 1
  fi
fi

# --- The task pane's browser test (test/taskpane) --------------------------------------------
# It drives Debian's Chromium with playwright-core (no browser download). Installed like
# LibreOffice above when missing; PARATHED_CHROMIUM may name another Chromium binary. The pane
# itself is built once by `npm run build` below (build:pane), before jest loads dist/taskpane.
chromium_bin="${PARATHED_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is missing: installing chromium..."
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >/tmp/parathed-apt-chromium.log 2>&1 \
      || { cat /tmp/parathed-apt-chromium.log >&2; echo "Installing Chromium failed (see above)." >&2; exit 1; }
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "Chromium is missing: installing it with sudo..."
    { sudo -n apt-get update -q && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >/tmp/parathed-apt-chromium.log 2>&1 \
      || { cat /tmp/parathed-apt-chromium.log >&2; echo "Installing Chromium failed (see above)." >&2; exit 1; }
  else
    echo "The pane's browser test needs Chromium ($chromium_bin), and this user cannot install packages." >&2
    echo "Install it, then run npm test again:  sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi
# --- end of the task pane's block --------------------------------------------------------------

[ -d node_modules ] || npm ci || exit 1
npm run build >/dev/null || { echo "Build failed."; exit 1; }

npx tsc --noEmit -p . || { echo "Type check failed."; exit 1; }

results=$(mktemp)
npx jest --json --outputFile="$results" "$@"
status=$?
# One closing line that any reader of the log understands.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);' "$results" \
  || echo "0 passed, 1 failed (jest wrote no results)"
rm -f "$results"
exit $status
