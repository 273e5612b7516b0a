/**
 * The official page (GB/T 9704 practice): A4, margins 37/35/28/26 mm, a type
 * area of 156 × 225 mm holding 22 lines of 28 characters of 三号 text. Every
 * length the writer and the page estimator use comes from here, so the page
 * numbers written into the lists are worked out on the very page Word lays out.
 * Lengths are in twips (1/20 pt) unless named otherwise.
 */
export const mm = (v: number): number => Math.round((v * 1440) / 25.4)
export const pt = (v: number): number => Math.round(v * 20)

export const PAGE = {
  width: 11906,
  height: 16838,
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
  /** Header and footer distances from the page edge: the page number sits about 7 mm under the type area. */
  header: mm(15),
  footer: mm(24)
} as const

export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right
export const TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom

/** Chinese type sizes in points (字号). */
export const SIZE = {
  二号: 22,
  三号: 16,
  四号: 14,
  小四: 12,
  五号: 10.5
} as const

/** Lines per page and characters per line of the body text. */
export const LINES_PER_PAGE = 22
export const CHARS_PER_LINE = 28

/**
 * Exact line pitch: 22 lines must fit the 225 mm type area (637.8 pt), so the
 * pitch is 28.95 pt, the value the official templates use.
 */
export const LINE = 579

/**
 * 28 characters of 16 pt are 448 pt, wider than the 442 pt type area; the
 * official templates condense the character pitch (Word's character grid).
 * Condensing each character by 0.25 pt gives 15.75 pt, so exactly 28 fit, and
 * every word processor honours it (a character grid is not read alike by all).
 */
export const BODY_CHAR_SPACING = -5
export const BODY_PITCH = SIZE.三号 * 20 + BODY_CHAR_SPACING
export const INDENT_2_CHARS = 2 * BODY_PITCH

/** Text in tables: 小四 on exact 18 pt lines, with cell margins. */
export const TABLE_FONT = SIZE.小四
export const TABLE_LINE = pt(18)
export const CELL_MARGIN_X = pt(4)
export const CELL_MARGIN_Y = pt(2)

/** Captions (表题/图题): 黑体 四号, on the body's line pitch. */
export const CAPTION_FONT = SIZE.四号
/** 数据来源 and photo captions: 仿宋 小四. */
export const NOTE_FONT = SIZE.小四
export const NOTE_LINE = pt(20)

/** Case boxes: inner margins and the border. */
export const CASE_MARGIN_X = pt(8)
export const CASE_MARGIN_Y = pt(6)

/** Largest picture: the text width, and at most 60% of the type area's height. */
export const IMAGE_MAX_WIDTH = TEXT_WIDTH
export const IMAGE_MAX_HEIGHT = Math.round(TEXT_HEIGHT * 0.6)
/** A photo on its own line, and photos side by side (two to a row). */
export const PHOTO_MAX_WIDTH = mm(100)
export const PHOTO_MAX_HEIGHT = mm(75)
export const PHOTO_PAIR_HEIGHT = mm(55)
export const PHOTO_GAP = mm(4)
/** Charts are drawn at 150 mm × 85 mm, rendered at 200 dpi for print. */
export const CHART_WIDTH = mm(150)
export const CHART_HEIGHT = mm(85)
export const CHART_DPI = 200

/** Pixel size of a chart picture at print resolution. */
export const CHART_PIXELS = {
  width: Math.round((CHART_WIDTH / 1440) * CHART_DPI),
  height: Math.round((CHART_HEIGHT / 1440) * CHART_DPI)
}

export const twipsToPx = (t: number): number => Math.round((t / 1440) * 96)
