import { validateDoc } from '../../src/main/chapters/documents'
import { UserError } from '../../src/shared/errors'

/** A chapter that breaks the editor's rules is refused in plain Chinese (never ProseMirror's English). */
describe('validateDoc', () => {
  const refusal = (doc: unknown): UserError => {
    try {
      validateDoc(doc as never)
    } catch (e) {
      return e as UserError
    }
    throw new Error('accepted')
  }

  it('accepts a chapter as the editor writes it', () => {
    expect(() => validateDoc({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '正文。' }] }] })).not.toThrow()
  })

  it('refuses a case without its title, naming the case, in Chinese only', () => {
    const e = refusal({ type: 'doc', content: [{ type: 'caseStudy', attrs: { id: 'case_a' }, content: [{ type: 'paragraph' }] }] })
    expect(e).toBeInstanceOf(UserError)
    expect(e.code).toBe('BAD_INPUT')
    expect(e.message).toBe('章节内容格式无效（案例的结构不符合规则），没有保存。请撤销最后的操作后重试。')
  })

  it('refuses unknown node types and a root that is not a document', () => {
    expect(refusal({ type: 'doc', content: [{ type: 'script' }] }).message).toMatch(/^章节内容格式无效.*没有保存/)
    expect(refusal({ type: 'doc', content: [{ type: 'script' }] }).message).not.toMatch(/[A-Za-z]{4,}/)
    expect(refusal({ type: 'paragraph' }).message).toBe('章节内容格式无效：根节点必须是文档。')
  })
})
