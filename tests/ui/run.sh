#!/usr/bin/env bash
# Screenshot tests of the game window: every screen at 800x600 and 1920x1080
# in every theme, under SDL_VIDEODRIVER=dummy (no display needed). Each shot
# must exit 0, be a BMP of the asked size, not be blank (many colours: text is
# anti-aliased), and report no text outside its box. Then the no-display and
# bad-option paths. Ends with "N passed, N failed".
#   COMPEL=./build/compel bash tests/ui/run.sh [OUTDIR]
set -u
cd "$(dirname "$0")/../.."
compel=${COMPEL:-./compel}
out=${1:-$(mktemp -d)}
mkdir -p "$out"
home=$(mktemp -d)
export HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config SDL_VIDEODRIVER=dummy
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

demo=tests/ui/scenarios/demo.json
# screen name, arguments
shots=(
  "picker|--scenarios tests/ui/scenarios"
  "briefing|$demo"
  "play|$demo --screen play"
  "setback|$demo --choices 1"
  "decision|$demo --choices="
  "coach|$demo --screen coach --choices 1"
  "history|$demo --screen history --choices 1"
  "pause|$demo --screen pause --choices 1"
  "settings|--scenarios tests/ui/scenarios --screen settings"
  "debrief|$demo --choices 1,1"
  "debrief-lost|$demo --choices 2,2 --mode assessment"
  "stress-decision|tests/ui/scenarios/stress.json --choices="
  "stress-coach|tests/ui/scenarios/stress.json --choices=9 --screen coach"
  "stress-briefing|tests/ui/scenarios/stress.json"
  "stress-debrief|tests/ui/scenarios/stress.json --choices=9"
  "map|$demo --choices 1,1 --screen map"
  "map-harbor|scenarios/harbor-fresh.json --seed 3 --choices 1,2,1,1,1,1,1,1,1,1 --screen map"
)

have_identify=0
command -v identify >/dev/null 2>&1 && have_identify=1

for size in 800x600 1920x1080; do
  for theme in light dark contrast; do
    for s in "${shots[@]}"; do
      name=${s%%|*}
      read -ra args <<<"${s#*|}"
      bmp="$out/$name-$theme-$size.bmp"
      err=$("$compel" "${args[@]}" --theme "$theme" --window "$size" --screenshot "$bmp" 2>&1 >/dev/null)
      rc=$?
      if [ $rc -ne 0 ]; then bad "$name $theme $size: exit $rc: $err"; continue; fi
      if [ ! -s "$bmp" ]; then bad "$name $theme $size: no screenshot"; continue; fi
      if echo "$err" | grep -q "overflow"; then bad "$name $theme $size: $err"; continue; fi
      if [ $have_identify -eq 1 ]; then
        info=$(identify -format '%w %h %k' "$bmp" 2>/dev/null)
        read -r w h colours <<<"$info"
        if [ "${w}x${h}" != "$size" ]; then bad "$name $theme $size: image is ${w}x${h}"; continue; fi
        if [ "${colours:-0}" -lt 24 ]; then bad "$name $theme $size: only $colours colours (blank?)"; continue; fi
      fi
      ok
    done
  done
done

# Every mood, in every theme at both sizes: the speaker's drawn face is on
# screen (the window lists the faces it drew under COMPEL_UI_DEBUG), shows
# that mood, and is not blank; and no text leaves its box.
moods=(neutral friendly pleased curious thoughtful worried frustrated angry skeptical relieved)
for size in 800x600 1920x1080; do
  for theme in light dark contrast; do
    list=""
    for k in $(seq 0 9); do
      bmp="$out/mood-${moods[$k]}-$theme-$size.bmp"
      err=$(COMPEL_UI_DEBUG=1 "$compel" tests/ui/faces/moods.json --choices="$list" --theme "$theme" --window "$size" --screenshot "$bmp" 2>&1 >/dev/null)
      rc=$?
      list="${list:+$list,}1"
      face=$(echo "$err" | grep "^compel: face " | head -n 1)
      read -r _ _ fx fy fw fh who mood how <<<"$face"
      if [ $rc -ne 0 ]; then bad "mood ${moods[$k]} $theme $size: exit $rc: $err"; continue; fi
      if echo "$err" | grep -q "[1-9][0-9]* text box overflow"; then bad "mood ${moods[$k]} $theme $size: $err"; continue; fi
      if [ "$mood" != "${moods[$k]}" ] || [ "$how" != drawn ]; then bad "mood ${moods[$k]} $theme $size: face line '$face'"; continue; fi
      if [ "${fw:-0}" -lt 80 ]; then bad "mood ${moods[$k]} $theme $size: the face is only ${fw}px"; continue; fi
      if [ $have_identify -eq 1 ]; then
        colours=$(convert "$bmp" -crop "${fw}x${fh}+${fx}+${fy}" +repage -format %k info: 2>/dev/null)
        if [ "${colours:-0}" -lt 200 ]; then bad "mood ${moods[$k]} $theme $size: the face has $colours colours (blank?)"; continue; fi
      fi
      ok
    done
  done
done

# The buyer's answer after each choice: in practice with the coach beneath
# it, in assessment alone; the face shows the reply's own mood (the test
# scenario gives each reply the mood five places on from its node's).
for size in 800x600 1920x1080; do
  for theme in light dark contrast; do
    list=""
    for k in $(seq 0 9); do
      list="${list:+$list,}1"
      mode=practice
      [ $((k % 2)) -eq 1 ] && mode=assessment
      want=${moods[$(((k + 5) % 10))]}
      bmp="$out/reply-$want-$mode-$theme-$size.bmp"
      err=$(COMPEL_UI_DEBUG=1 "$compel" tests/ui/faces/moods.json --choices="$list" --screen coach --mode $mode --theme "$theme" --window "$size" --screenshot "$bmp" 2>&1 >/dev/null)
      rc=$?
      face=$(echo "$err" | grep "^compel: face " | head -n 1)
      read -r _ _ _ _ fw _ _ mood how <<<"$face"
      if [ $rc -ne 0 ] || echo "$err" | grep -q "[1-9][0-9]* text box overflow"; then bad "reply $k $mode $theme $size: exit $rc: $err"; continue; fi
      if [ "$mood" != "$want" ] || [ "${fw:-0}" -lt 80 ]; then bad "reply $k $mode $theme $size: face line '$face', want $want"; continue; fi
      ok
    done
  done
done

# Photos: PNG, JPEG (the worried one) and BMP are drawn; a BMP whose header
# claims 100000x100000 pixels is refused before decoding, said once, and the
# drawn face takes its place.
for c in "" 1 1,1 1,1,1; do
  err=$(COMPEL_UI_DEBUG=1 "$compel" tests/ui/faces/photos.json --choices="$c" --screenshot "$out/photo.bmp" 2>&1 >/dev/null)
  rc=$?
  face=$(echo "$err" | grep "^compel: face " | head -n 1)
  case "$c" in
    "") want="ana friendly photo" ;; 1) want="ana worried photo" ;; 1,1) want="dana thoughtful photo" ;; *) want="hugh skeptical drawn" ;;
  esac
  if [ $rc -eq 0 ] && [ "$(echo "$err" | grep -c "claims 100000x100000")" -eq 1 ] && [ "${face#* * * * * * }" = "$want" ]; then ok
  else bad "photos --choices=$c: exit $rc: $err"; fi
done
# A portrait that is a link out of the scenario's folder is never opened,
# even when it leads to a FIFO (which would block a plain open); a FIFO
# inside the folder is named as one and skipped.
tmpd=$(mktemp -d)
cp -r tests/ui/faces/photos.json tests/ui/faces/portraits "$tmpd/"
rm "$tmpd/portraits/ana.png"
ln -s /etc/passwd "$tmpd/portraits/ana.png"
err=$(COMPEL_UI_DEBUG=1 timeout 20 "$compel" "$tmpd/photos.json" --screen play --screenshot "$out/link.bmp" 2>&1 >/dev/null)
rc=$?
# (the loader refuses such a scenario, exit 1; the window checks again when
# it opens the file, in case the link changed since)
if [ $rc -eq 1 ] && echo "$err" | grep -q "ana.png\" leads out of the scenario's folder"; then ok; else bad "portrait linked to /etc/passwd: exit $rc: $err"; fi
mkfifo "$tmpd/fifo"
mkdir "$tmpd/inner"
mv "$tmpd/photos.json" "$tmpd/portraits" "$tmpd/inner/"
rm "$tmpd/inner/portraits/ana.png"
ln -s ../../fifo "$tmpd/inner/portraits/ana.png"
err=$(timeout 20 "$compel" "$tmpd/inner/photos.json" --screenshot "$out/fifo.bmp" 2>&1 >/dev/null)
rc=$?
if [ $rc -eq 1 ] && echo "$err" | grep -q "leads out of the scenario's folder"; then ok; else bad "portrait linked to a FIFO outside: exit $rc: $err"; fi
rm "$tmpd/inner/portraits/ana.png"
mkfifo "$tmpd/inner/portraits/ana.png"
err=$(timeout 20 "$compel" "$tmpd/inner/photos.json" --screenshot "$out/fifo.bmp" 2>&1 >/dev/null)
rc=$?
if [ $rc -eq 0 ] && echo "$err" | grep -q "ana.png of Ana Ferreira .*FIFO"; then ok; else bad "portrait that is a FIFO: exit $rc: $err"; fi
rm -rf "$tmpd"

# 4K: the conversation and the debrief.
for s in "--choices=1" "--choices=1,1"; do
  err=$("$compel" $demo $s --window 3840x2160 --screenshot "$out/4k.bmp" 2>&1 >/dev/null)
  if [ $? -eq 0 ] && ! echo "$err" | grep -q overflow; then ok; else bad "3840x2160 $s: $err"; fi
done

# HiDPI-like scale and large text at the smallest size still fit.
for scale in 1.5 2; do
  err=$("$compel" $demo --choices 1 --text-scale $scale --window 800x600 --screenshot "$out/play-scale$scale.bmp" 2>&1 >/dev/null)
  if [ $? -eq 0 ] && ! echo "$err" | grep -q overflow; then ok; else bad "text scale $scale: $err"; fi
done

# No display at all: one line naming `compel run`, exit 4.
err=$(SDL_VIDEODRIVER=x11 DISPLAY=:99999 "$compel" $demo 2>&1 >/dev/null)
rc=$?
if [ $rc -eq 4 ] && [ "$(echo "$err" | wc -l)" -eq 1 ] && echo "$err" | grep -q "compel run"; then ok; else bad "no display: exit $rc: $err"; fi

# Bad options are usage errors; a choice out of range names the decision.
"$compel" --theme neon >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--theme neon is not exit 2"
"$compel" --window 12 >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--window 12 is not exit 2"
err=$("$compel" $demo --choices 9 --screenshot "$out/x.bmp" 2>&1 >/dev/null)
rc=$?
if [ $rc -eq 1 ] && echo "$err" | grep -q '"open"'; then ok; else bad "--choices 9: exit $rc: $err"; fi
# A broken scenario named on the command line: its first error on stderr, exit 1.
err=$("$compel" tests/ui/scenarios/broken.json --scenarios tests/ui/scenarios --screenshot "$out/broken.bmp" 2>&1 >/dev/null)
rc=$?
if [ $rc -eq 1 ] && echo "$err" | grep -q "broken.json.*error"; then ok; else bad "broken scenario on the command line: exit $rc: $err"; fi
# A missing font is a clear message and exit 5.
err=$(COMPEL_ASSETS=/nonexistent "$compel" $demo --screenshot "$out/y.bmp" 2>&1 >/dev/null)
rc=$?
if [ $rc -eq 5 ] && echo "$err" | grep -q "font"; then ok; else bad "missing font: exit $rc: $err"; fi

rm -rf "$home"
[ -z "${1:-}" ] && rm -rf "$out"
echo "ui: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
