#!/bin/sh
# Extracts every message marked with tr("…") from the sources into
# po/govscore.pot and merges it into each translation (po/*.po), so that a
# translator sees the new and changed messages (docs/language.md).
# Run from anywhere: po/update.sh; then translate what msgmerge marked
# untranslated or fuzzy. The test po_catalog fails until that is done.
set -eu
cd "$(dirname "$0")/.."
po/extract.sh > po/govscore.pot.new
mv po/govscore.pot.new po/govscore.pot
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-location --sort-output --no-wrap "$po" po/govscore.pot
done
