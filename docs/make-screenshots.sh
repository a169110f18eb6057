#!/bin/sh
# Regenerate the README images in docs/ from the sample article, one set per style.
# Needs: the project installed in .venv, Debian's chromium and poppler-utils.
# Usage: sh docs/make-screenshots.sh   (from the repository root)
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
seed=seeds/000_8f149b7cd9f3a7e5.txt
stem=$(basename "$seed" .txt)

shot() { # shot HTML PNG WIDTH HEIGHT [chromium flags...]
  html=$1 png=$2 width=$3 height=$4
  shift 4
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$profile" --force-device-scale-factor=0.65 "$@" \
    --screenshot="$png" --window-size="$width,$height" "file://$html" >/dev/null 2>&1
  rm -rf "$profile"
}

for style in default modern; do
  .venv/bin/plainpress convert "$seed" --to html,pdf --style "$style" -o "$out/$style" >/dev/null
  shot "$out/$style/$stem.html" "docs/style-$style-html.png" 1000 760
  gray=$([ "$style" = default ] && echo -gray || true)
  pdftoppm -png -r 50 $gray -f 1 -l 1 -singlefile "$out/$style/$stem.pdf" "docs/style-$style-pdf"
done
pdftoppm -png -r 50 -gray -f 3 -l 3 -singlefile "$out/default/$stem.pdf" docs/style-default-pdf-page3
shot "$out/modern/$stem.html" docs/style-modern-phone-dark.png 390 760 \
  --force-dark-mode --blink-settings=preferredColorScheme=0
# The PDF book of a collection: its contents page (page 3, after the half-title and title page).
.venv/bin/plainpress collection "$seed" -o "$out/book.pdf" --title "Sample Articles" --author "Ed Itor" >/dev/null
pdftoppm -png -r 50 -gray -f 3 -l 3 -singlefile "$out/book.pdf" docs/collection-pdf-contents
# The web edition of the same collection: its index page.
.venv/bin/plainpress collection "$seed" -t web -o "$out/web" --title "Sample Articles" --author "Ed Itor" >/dev/null
shot "$out/web/index.html" docs/collection-web-index.png 1000 1100
