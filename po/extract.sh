#!/bin/sh
# Writes the message template (what po/govscore.pot must hold) to standard
# output: the msgids of every tr("…") in src/ and include/, sorted, without
# source locations (so moving code does not change it) and without a
# creation date (so the same code always gives the same file).
set -eu
cd "$(dirname "$0")/.."
find src include -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort |
  xgettext --files-from=- --output=- --from-code=UTF-8 --language=C++ \
    --keyword= --keyword=tr:1 --no-location --sort-output --no-wrap \
    --add-comments=TRANSLATORS: \
    --package-name=govscore --msgid-bugs-address="the govscore issue tracker" --copyright-holder= |
  sed -e '/^"POT-Creation-Date:/d'
