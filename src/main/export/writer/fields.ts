/**
 * Word fields written as Word writes them: begin, instruction, separate, the
 * result as it reads now, end. The result is what Word, WPS and LibreOffice
 * show before anyone updates fields, so it is always filled in.
 */
import { BuilderElement, TextRun, XmlAttributeComponent, XmlComponent, type IRunOptions } from 'docx'

class FieldChar extends BuilderElement<{ type: string }> {
  constructor(type: 'begin' | 'separate' | 'end') {
    super({ name: 'w:fldChar', attributes: { type: { key: 'w:fldCharType', value: type } } })
  }
}

class InstrText extends XmlComponent {
  constructor(instruction: string) {
    super('w:instrText')
    this.root.push(new SpaceAttribute({ space: 'preserve' }))
    this.root.push(` ${instruction} `)
  }
}

class SpaceAttribute extends XmlAttributeComponent<{ space: 'preserve' }> {
  protected override readonly xmlKeys = { space: 'xml:space' }
}

type RunStyle = Omit<IRunOptions, 'children' | 'text'>

export function fieldBegin(instruction: string, style: RunStyle = {}): TextRun {
  return new TextRun({ ...style, children: [new FieldChar('begin'), new InstrText(instruction), new FieldChar('separate')] })
}

export function fieldEnd(style: RunStyle = {}): TextRun {
  return new TextRun({ ...style, children: [new FieldChar('end')] })
}

/** A field whose result is one run of text. */
export function field(instruction: string, result: string, style: RunStyle = {}): TextRun[] {
  return [fieldBegin(instruction, style), new TextRun({ ...style, text: result }), fieldEnd(style)]
}

/** SEQ 表 \* ARABIC [\r 1]: the caption number; \r 1 restarts it in a new chapter. */
export function seqField(identifier: string, value: number, restart: boolean, style: RunStyle = {}): TextRun[] {
  return field(`SEQ ${identifier} \\* ARABIC${restart ? ' \\r 1' : ''}`, String(value), style)
}

/** PAGEREF: the page a bookmark is on (as the TOC entries Word writes). */
export function pageRefField(bookmark: string, page: number | undefined, style: RunStyle = {}): TextRun[] {
  return field(`PAGEREF ${bookmark} \\h`, page ? String(page) : '', style)
}

/** REF: the text of a bookmark (a cross reference to "表 1-2"). */
export function refField(bookmark: string, text: string, style: RunStyle = {}): TextRun[] {
  return field(`REF ${bookmark} \\h`, text, style)
}
