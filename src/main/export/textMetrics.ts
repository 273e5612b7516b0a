/**
 * How much room text takes on the page, as Word sets Chinese text: every
 * Chinese character and full-width mark is one em wide, Latin letters and
 * digits (Times New Roman) about half an em; Chinese may break between any
 * two characters, a Latin word or number never. Used to estimate page numbers,
 * so fast and close rather than exact.
 */

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/

/** Width of one character in em. */
export function charEm(ch: string): number {
  if (WIDE.test(ch)) return 1
  if (ch === ' ') return 0.25
  // Chinese quotation marks and the ellipsis are full width in Chinese fonts.
  if (ch === '“' || ch === '”' || ch === '‘' || ch === '’' || ch === '…' || ch === '—' || ch === '·') return 1
  if (/[A-Z]/.test(ch)) return 0.68
  if (/[mwMW@%]/.test(ch)) return 0.85
  if (/[il.,:;'|!]/.test(ch)) return 0.3
  return 0.5
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
