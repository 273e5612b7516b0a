/**
 * How much room text takes on the page, as Word sets Chinese text: every
 * Chinese character and full-width mark is one em wide, Latin letters and
 * digits (Times New Roman) about half an em; Chinese may break between any
 * two characters, a Latin word or number never. Used to estimate page numbers,
 * so fast and close rather than exact.
 */

/** Full-width: CJK ideographs, kana, hangul, CJK and full-width punctuation. */
function wide(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3000 && c <= 0x303e) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x2e80 && c <= 0x2fff) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    // Chinese quotation marks, the ellipsis, dashes and the middle dot are full width in Chinese fonts.
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x2026 ||
    c === 0x2014 ||
    c === 0x00b7
  )
}

/** Width of one character in em. */
export function charEm(ch: string): number {
  const c = ch.charCodeAt(0)
  if (wide(c)) return 1
  if (c === 0x20) return 0.25
  if (c >= 0x41 && c <= 0x5a) return c === 0x4d || c === 0x57 ? 0.85 : 0.68 // A–Z (M, W wider)
  if (c === 0x6d || c === 0x77 || c === 0x40 || c === 0x25) return 0.85 // m w @ %
  if (c === 0x69 || c === 0x6c || c === 0x2e || c === 0x2c || c === 0x3a || c === 0x3b || c === 0x27 || c === 0x7c || c === 0x21) return 0.3 // i l . , : ; ' | !
  return 0.5
}

/**
 * Width of one character in em in the widest font likely to draw the Latin
 * text: where Times New Roman is missing (LibreOffice and WPS on Linux
 * desktops) it is drawn with DejaVu Serif, whose digits are 0.64 em, not 0.5.
 * For what must never break, such as a number in a table cell.
 */
export function charEmWidest(ch: string): number {
  const c = ch.charCodeAt(0)
  if (wide(c)) return 1
  if (c >= 0x30 && c <= 0x39) return 0.64 // 0–9
  if (c === 0x2e || c === 0x2c || c === 0x3a || c === 0x3b || c === 0x20) return 0.34 // . , : ; space
  if (c === 0x2b || c === 0x3d || c === 0x3c || c === 0x3e) return 0.84 // + = < >
  if (c === 0x2d || c === 0x2f || c === 0x28 || c === 0x29) return 0.4 // - / ( )
  if (c === 0x25) return 0.95 // %
  if (c >= 0x41 && c <= 0x5a) return c === 0x4d || c === 0x57 ? 1.0 : 0.76 // A–Z
  if (c >= 0x61 && c <= 0x7a) return c === 0x6d || c === 0x77 ? 0.95 : c === 0x69 || c === 0x6c || c === 0x6a ? 0.34 : 0.62 // a–z
  // Arrows (↑ ↓), ×, ±, ° and the like come from the Chinese font, a full em at most.
  if (c >= 0x2190 && c <= 0x21ff) return 1
  return Math.max(0.7, charEm(ch))
}

/** Width of a string in twips at a font size (pt) with extra spacing per character (twips). */
export function textWidth(text: string, fontPt: number, spacing = 0): number {
  let w = 0
  for (const ch of text) w += charEm(ch) * fontPt * 20 + spacing
  return w
}

/**
 * Lines a paragraph takes in a column `width` twips wide, its first line
 * shortened by `firstIndent`. Greedy line filling, as word processors do.
 */
export function countLines(text: string, width: number, fontPt: number, spacing = 0, firstIndent = 0): number {
  if (width <= 0) return Math.max(1, text.length)
  let lines = 1
  let room = width - firstIndent
  let used = 0
  let word = 0
  const flushWord = () => {
    if (word === 0) return
    if (used + word > room && used > 0) {
      lines++
      room = width
      used = 0
    }
    // A word longer than a line is broken anyway.
    while (word > room) {
      word -= room
      lines++
      room = width
    }
    used += word
    word = 0
  }
  for (const ch of text) {
    if (ch === '\n') {
      flushWord()
      lines++
      room = width
      used = 0
      continue
    }
    const w = charEm(ch) * fontPt * 20 + spacing
    if (charEm(ch) === 1 || ch === ' ') {
      flushWord()
      if (used + w > room + 1) {
        // Closing punctuation may not start a line: Word squeezes it onto this one.
        if (/[，。、；：！？）》”’」』】]/.test(ch)) {
          used += w
          continue
        }
        lines++
        room = width
        used = ch === ' ' ? 0 : w
      } else {
        used += w
      }
    } else {
      word += w
    }
  }
  flushWord()
  return lines
}
