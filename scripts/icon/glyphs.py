#!/usr/bin/python3
"""Outlines of 年 and 报 from Noto Serif CJK SC Bold (SIL Open Font License),
as SVG path data in a 1000-unit em box, y pointing down. Used once to write
resources/icon.svg, so the icon does not depend on installed fonts.
Run: /usr/bin/python3 scripts/icon/glyphs.py  (needs python3-fonttools)."""
import json
from fontTools.ttLib import TTCollection
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen

TTC = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc'

collection = TTCollection(TTC)
font = next(f for f in collection.fonts if f['name'].getDebugName(1) == 'Noto Serif CJK SC')
glyphs = font.getGlyphSet()
cmap = font.getBestCmap()
ascent = font['hhea'].ascent
out = {}
for ch in '年报':
    name = cmap[ord(ch)]
    pen = SVGPathPen(glyphs)
    # Font units have y up from the baseline; flip into a 1000-unit box with y down.
    glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, 0, 880)))
    out[ch] = {'advance': glyphs[name].width, 'd': pen.getCommands()}
print(json.dumps(out, ensure_ascii=False))
