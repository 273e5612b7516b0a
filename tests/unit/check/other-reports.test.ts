import { analyseParagraph } from '../../../src/shared/check/claims'
import { CORRECT_PARAGRAPHS, WRONG_PARAGRAPHS } from '../../helpers/checkCorpus'

/**
 * The rules on paragraphs written the way other cities and provinces write
 * (tests/helpers/checkCorpus.ts), so that they are general rules over the
 * language of these reports and not matches for the Qingyuan sentences.
 */
describe('体检 on other reports’ phrasings', () => {
  it.each(CORRECT_PARAGRAPHS)('a correct paragraph gives nothing: %s', (text) => {
    expect(analyseParagraph(text, { year: 2022 }).findings).toEqual([])
  })

  it.each(WRONG_PARAGRAPHS)('a wrong paragraph gives exactly its finding: $text', ({ text, rule, expected, fix }) => {
    const found = analyseParagraph(text, { year: 2022 }).findings
    expect(found.map((f) => [f.rule, f.expected ?? null, f.fix?.text ?? null])).toEqual([[rule, expected, fix]])
    // The fix replaces the very number the finding is about.
    for (const f of found) if (f.fix) expect(f.numbers).toContain(text.normalize('NFKC').slice(0, 0) + f.numbers.at(-1))
  })
})
