#!/usr/bin/env bash
# Extract the interface's messages, merge them into the tr/es/en catalogs, compile .mo files.
# Translate new entries in src/herald/web/locale/*/LC_MESSAGES/messages.po, then run it again;
# the compiled .mo files are committed so an installed Herald needs no build step.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
LOCALE_DIR=src/herald/web/locale
"$BIN/pybabel" extract --no-location --sort-output \
    -F src/herald/web/babel.cfg -k N_ -k ngettext:1,2 \
    --project Herald --copyright-holder "Herald contributors" \
    -o "$LOCALE_DIR/messages.pot" src/herald/web src/herald/security
for lang in tr es en; do
    po="$LOCALE_DIR/$lang/LC_MESSAGES/messages.po"
    if [ -f "$po" ]; then
        "$BIN/pybabel" update --no-fuzzy-matching --ignore-obsolete \
            -i "$LOCALE_DIR/messages.pot" -d "$LOCALE_DIR" -l "$lang"
    else
        "$BIN/pybabel" init -i "$LOCALE_DIR/messages.pot" -d "$LOCALE_DIR" -l "$lang"
    fi
done
"$BIN/pybabel" compile --statistics -d "$LOCALE_DIR" 2>&1 | grep -v "^$" || true
