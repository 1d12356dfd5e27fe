#!/usr/bin/env bash
# Installs the Debian packages Vinh Danh needs.
#   build (default for `make install`): what compiles PyICU from the lock (ICU headers, a C++
#          compiler, pkg-config), and what WeasyPrint loads at run time to lay out the PDF
#          certificates (Pango with its FreeType backend, HarfBuzz, fontconfig). The fonts
#          themselves are bundled in the package (documents/fonts).
#   test  (default): the above plus what the test suite drives for real: Chromium (e2e),
#          Liberation 2 fonts (Vietnamese glyphs), poppler (pdftotext, pdffonts, pdftoppm), gettext
#          (compilemessages) and LibreOffice Writer (the .docx documents converted to PDF).
set -euo pipefail
mode=${1:-test}
need=()
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v g++ >/dev/null || need+=(g++)
[ -e /usr/include/unicode/utypes.h ] || need+=(libicu-dev)
command -v msgfmt >/dev/null || need+=(gettext)
has_lib() { ldconfig -p 2>/dev/null | grep -F "$1" >/dev/null; }
has_lib libpango-1.0.so.0 || need+=(libpango-1.0-0)
has_lib libpangoft2-1.0.so.0 || need+=(libpangoft2-1.0-0)
has_lib libharfbuzz.so.0 || need+=(libharfbuzz0b)
has_lib libharfbuzz-subset.so.0 || need+=(libharfbuzz-subset0)
has_lib libfontconfig.so.1 || need+=(libfontconfig1)
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
