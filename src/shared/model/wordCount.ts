/**
 * 字数 as Word counts it for Chinese documents: every CJK character (and
 * full-width punctuation) counts one, every run of Latin letters or digits
 * counts one word.
 */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g
const WORD = /[A-Za-z0-9\u00c0-\u024f]+(?:[.'’-][A-Za-z0-9\u00c0-\u024f]+)*/g

export function countWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0
  const latin = text.replace(CJK, ' ').match(WORD)?.length ?? 0
  return cjk + latin
}
