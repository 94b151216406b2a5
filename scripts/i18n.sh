#!/usr/bin/env bash
# Extract UI strings, update the fi/sv/en catalogues, and compile them.
#   bash scripts/i18n.sh            extract + update + compile
#   bash scripts/i18n.sh compile    compile only
# Translate new entries in facilitator/translations/<locale>/LC_MESSAGES/messages.po
# (msgids are English; fi is the default UI language), then run the compile step.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=.venv/bin/pybabel
DIR=facilitator/translations
if [[ "${1:-}" != "compile" ]]; then
  $PYBABEL extract -F babel.cfg -k _l -k N_ --no-location --sort-output \
    --project Facilitator --copyright-holder "Facilitator authors" -o "$DIR/messages.pot" . 2>&1 | { grep -vE "^(extracting|writing)" || true; }
  for locale in fi sv en; do
    if [[ -f "$DIR/$locale/LC_MESSAGES/messages.po" ]]; then
      $PYBABEL update --no-fuzzy-matching -i "$DIR/messages.pot" -d "$DIR" -l "$locale" 2>&1 | { grep -v "^updating" || true; }
    else
      $PYBABEL init -i "$DIR/messages.pot" -d "$DIR" -l "$locale" 2>&1 | { grep -v "^updating" || true; }
    fi
  done
fi
$PYBABEL compile -d "$DIR" 2>&1 | grep -v "^compiling" || true
