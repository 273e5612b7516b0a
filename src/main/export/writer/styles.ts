/**
 * The document's Word styles, made from the formats table. Fonts are named
 * in Chinese in the East Asian slot (仿宋_GB2312, 黑体, 楷体_GB2312,
 * 方正小标宋简体) so an office PC with the official fonts uses them; Latin
 * letters and digits are in Times New Roman, as official documents set them.
 */
import { AlignmentType, LineRuleType, type IParagraphStyleOptions, type IStylesOptions } from 'docx'
import { FOOTER_FONT, FOOTER_SIZE, FORMATS, type ParagraphFormat } from '../formats'
import { LINE } from '../geometry'

export function fontsOf(eastAsia: string, latin = 'Times New Roman') {
  return { eastAsia, ascii: latin, hAnsi: latin, cs: latin }
}

const ALIGN = {
  both: AlignmentType.JUSTIFIED,
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT
} as const

export function alignmentOf(a: ParagraphFormat['align']) {
  return ALIGN[a]
}

function paragraphStyle(f: ParagraphFormat, next?: string): IParagraphStyleOptions {
  return {
    id: f.styleId,
    name: f.styleName,
    basedOn: 'Normal',
    next: next ?? f.styleId,
    quickFormat: true,
    run: { font: fontsOf(f.font, f.latinFont), size: f.size * 2, bold: f.bold ?? false, characterSpacing: f.charSpacing || undefined },
    paragraph: {
      alignment: ALIGN[f.align],
      spacing: { line: f.line, lineRule: LineRuleType.EXACT, before: f.before, after: f.after },
      indent: f.hanging ? { left: f.leftIndent, hanging: f.hanging } : { left: f.leftIndent, right: f.rightIndent, firstLine: f.firstIndent },
      outlineLevel: f.outlineLevel,
      keepNext: f.keepNext,
      keepLines: f.outlineLevel !== undefined ? true : undefined
    }
  }
}

export function documentStyles(): IStylesOptions {
  const body = FORMATS.body
  const paragraphStyles: IParagraphStyleOptions[] = Object.values(FORMATS).map((f) => {
    const style = paragraphStyle(f, f.outlineLevel !== undefined || f === FORMATS.caseTitle ? FORMATS.body.styleId : undefined)
    // Pictures sit on single line spacing: an exact line height would clip them.
    if (f === FORMATS.picture) return { ...style, paragraph: { ...style.paragraph, spacing: { before: f.before, after: f.after, line: 240, lineRule: LineRuleType.AUTO } } }
    return style
  })
  paragraphStyles.push({
    id: 'Footer',
    name: 'footer',
    basedOn: 'Normal',
    run: { font: fontsOf(FOOTER_FONT), size: FOOTER_SIZE * 2, characterSpacing: 0 },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 }, indent: { firstLine: 0 } }
  })
  return {
    default: {
      document: {
        // East Asian language zh-CN: Word then sets “” ‘’ … — in the Chinese font, full width, as official texts have them.
        run: { font: fontsOf(body.font), size: body.size * 2, characterSpacing: body.charSpacing, language: { value: 'en-US', eastAsia: 'zh-CN' } },
        paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } }
      }
    },
    paragraphStyles
  }
}
