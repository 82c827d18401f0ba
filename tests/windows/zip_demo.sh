#!/usr/bin/env bash
# windows.package.demo: the Windows zip as a user gets it.
#   zip_demo.sh WINE_RUN ZIP
# Unpacks ZIP into a fresh folder, makes a fresh Wine prefix (WINE_RUN is
# cmake/wine-run.sh), takes away its Z: drive (Wine's window on the whole Unix file
# system) and gives it D: = the unpacked folder alone, then runs
# D:\<top>\bin\profshim.exe demo from there. So the program sees no path of the build
# tree or of the source tree: it must find profileinfo-samples.txt beside itself.
set -euo pipefail
runner="$1"
zip="$2"
[[ -f "$zip" ]] || { echo "zip_demo.sh: $zip was not made" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/profshim-zip-demo.XXXXXX")"
export PROFSHIM_WINEPREFIX="$tmp/prefix"
cleanup() {
  WINEPREFIX="$PROFSHIM_WINEPREFIX" wineserver -k 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

mkdir "$tmp/unzipped"
unzip -q "$zip" -d "$tmp/unzipped"
top="$(basename "$zip" .zip)"
[[ -x "$tmp/unzipped/$top/bin/profshim.exe" || -f "$tmp/unzipped/$top/bin/profshim.exe" ]] ||
  { echo "zip_demo.sh: no $top/bin/profshim.exe in the zip" >&2; exit 1; }

bash "$runner" --init
rm -f "$PROFSHIM_WINEPREFIX/dosdevices/z:"
ln -s "$tmp/unzipped" "$PROFSHIM_WINEPREFIX/dosdevices/d:"
echo "zip_demo.sh: drives of the fresh prefix: $(ls "$PROFSHIM_WINEPREFIX/dosdevices" | tr '\n' ' ')"

cd "$tmp/unzipped"
bash "$runner" "D:\\$top\\bin\\profshim.exe" demo
