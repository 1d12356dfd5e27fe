#!/usr/bin/env bash
# Installs the Debian packages Vinh Danh needs.
#   build (default for `make install`): what compiles PyICU from the lock (ICU headers, a C++
#          compiler, pkg-config).
#   test  (default): the above plus what the test suite drives for real: Chromium (e2e),
#          Liberation 2 fonts (Vietnamese glyphs), poppler (pdftotext), gettext
#          (compilemessages) and LibreOffice Writer (the .docx documents converted to PDF).
set -euo pipefail
mode=${1:-test}
need=()
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v g++ >/dev/null || need+=(g++)
[ -e /usr/include/unicode/utypes.h ] || need+=(libicu-dev)
command -v msgfmt >/dev/null || need+=(gettext)
if [ "$mode" = test ]; then
  command -v chromium >/dev/null || need+=(chromium)
  [ -d /usr/share/fonts/truetype/liberation2 ] || need+=(fonts-liberation2)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${need[*]} — install them with: sudo apt-get install --no-install-recommends ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
