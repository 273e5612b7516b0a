#!/usr/bin/python3
"""Writes resources/icon.svg: the app icon, a red seal (印章) with 年报 in
white, the characters drawn as paths (outlines of Noto Serif CJK SC Bold,
SIL Open Font License) so the SVG renders the same everywhere.
Run once: /usr/bin/python3 scripts/icon/make-svg.py  (needs python3-fonttools),
then node scripts/icon/render.mjs for the PNG and ICO files."""
from pathlib import Path
from fontTools.ttLib import TTCollection
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.boundsPen import BoundsPen

TTC = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc'
RED = '#c4231d'
PAPER = '#fff6ea'

font = next(f for f in TTCollection(TTC).fonts if f['name'].getDebugName(1) == 'Noto Serif CJK SC')
glyphs = font.getGlyphSet()
cmap = font.getBestCmap()


def glyph(ch, box):
    """Path data of `ch` stretched to fill box (x, y, w, h): tall, like seal script in a two-character seal."""
    g = glyphs[cmap[ord(ch)]]
    b = BoundsPen(glyphs)
    g.draw(b)
    x0, y0, x1, y1 = b.bounds
    x, y, w, h = box
    sx, sy = w / (x1 - x0), h / (y1 - y0)
    pen = SVGPathPen(glyphs)
    # Font units: y up from the baseline. Scale into the box with y down.
    g.draw(TransformPen(pen, (sx, 0, 0, -sy, x - x0 * sx, y + y1 * sy)))
    return pen.getCommands()


def seal(frame, top, height, width, gap):
    left = (1024 - 2 * width - gap) / 2
    nian = glyph('年', (left, top, width, height))
    bao = glyph('报', (left + width + gap, top, width, height))
    border = f'''
  <rect x="108" y="108" width="808" height="808" rx="112" fill="none" stroke="{PAPER}" stroke-width="36"/>''' if frame else ''
    return f'''<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024" width="1024" height="1024">
  <title>年报</title>
  <!-- A red seal with 年报 in white. Characters: outlines of Noto Serif CJK SC Bold (SIL OFL 1.1). -->
  <rect x="40" y="40" width="944" height="944" rx="176" fill="{RED}"/>{border}
  <path fill="{PAPER}" d="{nian}"/>
  <path fill="{PAPER}" d="{bao}"/>
</svg>
'''


resources = Path(__file__).resolve().parents[2].joinpath('resources')
resources.joinpath('icon.svg').write_text(seal(True, 204, 616, 318, 30), encoding='utf-8')
# 16 and 24 pixels: no frame, bigger characters, or nothing is legible.
resources.joinpath('icon-small.svg').write_text(seal(False, 120, 784, 400, 24), encoding='utf-8')
