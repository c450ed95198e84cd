#!/usr/bin/env bash
# The sheet of the ten drawn expressions for several characters (every
# stance), as docs/screenshots/expressions.png (light) and
# expressions-dark.png. Needs ImageMagick's montage and the DejaVu font.
#   bash tests/ui/sheet/face-sheet.sh [OUTDIR]
set -eu
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -std=c11 -D_DEFAULT_SOURCE -O2 -Iinclude -o "$tmp/face_tiles" tests/ui/sheet/face_tiles.c game/ui/face.c -lm
people=("Maya Okafor:champion:#2F6FB3" "Dana Ruiz:ally" "Tom Becker:neutral" "Inês Carvalho:skeptic"
        "Lars Brandt:blocker" "Wei Zhang:neutral" "Greta Lind:ally:#7A4FB0" "Olu Adeyemi:skeptic")
moods=(neutral friendly pleased curious thoughtful worried frustrated angry skeptical relieved)
font=$(fc-match -f '%{file}' 'DejaVu Sans' 2>/dev/null || true)
sheet() {  # surface text name
    local d="$tmp/$3"
    mkdir -p "$d"
    "$tmp/face_tiles" "$d" 176 "$1" "${people[@]}"
    local args=()
    for r in "${!people[@]}"; do
        IFS=: read -r name stance _ <<<"${people[$r]}"
        for m in "${!moods[@]}"; do
            if [ "$r" -eq 0 ]; then label="${moods[$m]}"; else label=""; fi
            [ "$m" -eq 0 ] && label="${label:+$label\n}$name, $stance" || label="${label:- }"
            args+=(-label "$label" "$d/$r-$m.ppm")
        done
    done
    montage ${font:+-font "$font"} -pointsize 15 -fill "#$2" -background "#$1" "${args[@]}" \
        -tile 10x -geometry +10+8 "$out/$3.png"
}
sheet FFFFFF 18202B expressions
sheet 1C222B E8ECF2 expressions-dark
echo "wrote $out/expressions.png and $out/expressions-dark.png"
