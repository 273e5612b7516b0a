import type { DocNode, DocMark } from '../model/doc'
import { newId } from './ids'
import { isAllowedHref } from './schema'

/** Node types whose `id` attribute must be present and unique within a report. */
export const ID_PREFIX: Record<string, string> = { heading: 'h', caseStudy: 'case', reportTable: 'tbl', figure: 'fig' }

const HASH = /^[a-f0-9]{64}$/

/**
 * Bring a chapter document into its invariants before it is stored: every
 * heading, case, table and figure has an id unique in `seen`; links only
 * point to https/mailto; photos only reference assets by hash. Returns the
 * same object when nothing had to change.
 */
export function normalizeDoc(doc: DocNode, seen: Set<string> = new Set()): { doc: DocNode; changed: boolean } {
  let changed = false
  const fix = (n: DocNode): DocNode => {
    let out = n
    const prefix = ID_PREFIX[n.type]
    if (prefix) {
      const id = n.attrs?.id
      if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id) || seen.has(id)) {
        // A duplicated table or figure node would point at the same row; the
        // copy keeps the original id only for its first occurrence.
        const fresh = newId(prefix)
        out = { ...out, attrs: { ...out.attrs, id: fresh } }
        changed = true
        seen.add(fresh)
      } else seen.add(id)
    }
    if (n.type === 'photo' && n.attrs?.asset != null && !(typeof n.attrs.asset === 'string' && HASH.test(n.attrs.asset))) {
      out = { ...out, attrs: { ...out.attrs, asset: null } }
      changed = true
    }
    if (n.marks?.length) {
      const marks = n.marks.filter((m: DocMark) => m.type !== 'link' || (typeof m.attrs?.href === 'string' && isAllowedHref(m.attrs.href)))
      if (marks.length !== n.marks.length) {
        out = { ...out, marks }
        changed = true
      }
    }
    if (n.content) {
      let childChanged = false
      const content = n.content.map((c) => {
        const f = fix(c)
        if (f !== c) childChanged = true
        return f
      })
      if (childChanged) out = { ...out, content }
    }
    return out
  }
  const result = fix(doc)
  return { doc: result, changed }
}
