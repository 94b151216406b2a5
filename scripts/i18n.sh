#!/usr/bin/env bash
# Extract UI strings, update the fi/sv/en catalogues, and compile them: the core's catalogue in
# facilitator/translations/ and each method's own in facilitator/methods/<id>/translations/.
#   bash scripts/i18n.sh            extract + update + compile
#   bash scripts/i18n.sh compile    compile only
# Translate new entries in <catalogue>/<locale>/LC_MESSAGES/messages.po (msgids are English; fi
# is the default UI language), then run the compile step.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=$PWD/.venv/bin/pybabel

update() {  # update <catalogue dir> <mapping file> <source dir> <project>
  local dir=$1 mapping=$2 source=$3 project=$4
  mkdir -p "$dir"
  (cd "$source" && $PYBABEL extract -F "$mapping" -k _l -k N_ --no-location --sort-output \
    --project "$project" --copyright-holder "Facilitator authors" -o "$dir/messages.pot" . 2>&1 \
    | { grep -vE "^(extracting|writing)" || true; })
  for locale in fi sv en; do
    if [[ -f "$dir/$locale/LC_MESSAGES/messages.po" ]]; then
      $PYBABEL update --no-fuzzy-matching -i "$dir/messages.pot" -d "$dir" -l "$locale" 2>&1 | { grep -v "^updating" || true; }
    else
      $PYBABEL init -i "$dir/messages.pot" -d "$dir" -l "$locale" 2>&1 | { grep -v "^updating" || true; }
    fi
  done
}

catalogues=(facilitator/translations)
for method in facilitator/methods/*/; do
  [[ -f "$method/method.py" ]] && catalogues+=("${method%/}/translations")
done

if [[ "${1:-}" != "compile" ]]; then
  update "$PWD/facilitator/translations" "$PWD/babel.cfg" "$PWD" Facilitator
  for dir in "${catalogues[@]:1}"; do
    method=$(dirname "$dir")
    update "$PWD/$dir" "$PWD/facilitator/methods/babel.cfg" "$PWD/$method" "Facilitator $(basename "$method")"
  done
fi
for dir in "${catalogues[@]}"; do
  $PYBABEL compile -d "$dir" 2>&1 | grep -v "^compiling" || true
done
