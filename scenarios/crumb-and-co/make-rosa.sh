#!/bin/sh
# Draws rosa.png, Rosa Lindqvist's portrait for crumb-and-co.json, with
# ImageMagick (no photograph, no outside art). Run from this folder:  sh make-rosa.sh
set -e
convert -size 256x256 xc:'#f3e3c8' \
  -fill '#e9d2ae' -draw 'circle 128,128 128,8' \
  -fill '#b5651d' -draw 'ellipse 128,262 104,70 180,360' \
  -fill '#fbf6ee' -draw 'polygon 86,208 170,208 160,256 96,256' \
  -fill '#e8b894' -draw 'rectangle 114,150 142,196' \
  -fill '#5a3a22' -draw 'circle 128,48 128,24' \
  -fill '#5a3a22' -draw 'ellipse 128,112 62,70 180,360' \
  -fill '#f0c6a0' -draw 'ellipse 128,122 50,60 0,360' \
  -fill '#5a3a22' -draw 'ellipse 128,74 52,22 180,360' \
  -fill '#f0c6a0' -draw 'ellipse 76,124 8,12 0,360' -draw 'ellipse 180,124 8,12 0,360' \
  -fill '#ffffff' -draw 'ellipse 108,116 9,6 0,360' -draw 'ellipse 148,116 9,6 0,360' \
  -fill '#3b2a1e' -draw 'circle 109,116 109,111' -draw 'circle 149,116 149,111' \
  -stroke '#4a3020' -strokewidth 3 -fill none \
  -draw 'arc 96,98 122,110 200,340' -draw 'arc 134,98 160,110 200,340' \
  -stroke '#a0522d' -strokewidth 4 -draw 'arc 108,140 148,164 20,160' \
  -stroke none -fill '#e79a8a' -draw 'ellipse 96,142 9,5 0,360' -draw 'ellipse 160,142 9,5 0,360' \
  -fill '#c98e6a' -draw 'ellipse 128,132 4,3 0,360' \
  -strip -define png:compression-level=9 -colors 64 -depth 8 PNG8:rosa.png
