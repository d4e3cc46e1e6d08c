#!/usr/bin/env bash
# Makes the cut-down DejaVu Sans fonts that certificates and receipts embed (see PdfFonts.LatinFamily) from the
# whole fonts beside them, for the code points of PdfFonts.LatinRanges. Run again after changing those ranges.
# Needs fontTools (Debian: apt-get install python3-fonttools). Not part of the build: the output is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
fonts=src/EServices.Web/Documents/Fonts
ranges=$(sed -n 's/.*LatinRanges = "\([^"]*\)".*/\1/p' src/EServices.Web/Documents/PdfFonts.cs)
[ -n "$ranges" ] || { echo "LatinRanges not found in PdfFonts.cs" >&2; exit 1; }
for weight in "" "-Bold"; do
  # Outlines and widths kept; hinting and the layout tables dropped (PDF viewers scale outlines; PDFsharp neither kerns
  # nor shapes): half the bytes each document embeds.
  /usr/bin/python3 -m fontTools.subset "$fonts/DejaVuSans$weight.ttf" --unicodes="$ranges" \
    --notdef-outline --no-hinting --name-IDs='*' --name-languages='*' --layout-features='' --no-layout-closure \
    --drop-tables+=GDEF,GPOS,GSUB,MATH,FFTM,kern --output-file="$fonts/DejaVuSansLatin$weight.ttf"
  # A name of its own: PDFsharp caches font faces by name, and two faces called "DejaVu Sans" clash (exception).
  /usr/bin/python3 - "$fonts/DejaVuSansLatin$weight.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont
path = sys.argv[1]
font = TTFont(path)
for record in font["name"].names:
    if record.nameID in (1, 3, 4, 6, 16):
        text = record.toUnicode()
        record.string = text.replace("DejaVu Sans", "DejaVu Sans Latin").replace("DejaVuSans", "DejaVuSansLatin")
font.save(path)
PY
done
ls -l "$fonts"/DejaVuSansLatin*.ttf
