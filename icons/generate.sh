#!/usr/bin/env bash
# Regenerates the application icons from caseload.svg (needs librsvg2-bin + imagemagick).
# Tauri requires RGBA PNGs, hence the PNG32: re-encode.
set -euo pipefail
cd "$(dirname "$0")"
for size in 32 128 256 512; do
  rsvg-convert -w "$size" -h "$size" caseload.svg -o "tmp-$size.png"
  convert "tmp-$size.png" "PNG32:${size}x${size}.png"
  rm "tmp-$size.png"
done
cp 256x256.png 128x128@2x.png
cp 512x512.png icon.png
