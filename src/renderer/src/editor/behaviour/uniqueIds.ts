import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Mapping } from '@tiptap/pm/transform'
import { newId } from '@shared/editor/ids'
import { ID_PREFIX } from '@shared/editor/normalize'
import { numberingKey } from '../numbering/plugin'
import { structureOf } from '@shared/editor/structure'

/**
 * Meta of the transaction that gave copies fresh ids: a list of
 * { type, from, to } (from = the id the copy had, to = its new id), so a
 * feature whose node points to a row of its own (reportTable, figure) can
 * duplicate that row for the copy.
 */
export const IDS_REASSIGNED = 'nianbao-ids-reassigned'
export interface ReassignedId {
  type: string
  from: string | null
  to: string
}

const VALID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Every heading, case, table and figure has an id unique in the report, at
 * once in the editor (main checks again on save). A pasted or duplicated
 * node gets a fresh id; the node that was there before keeps its own.
 */
export const uniqueIds = (foreignIds: () => ReadonlySet<string>) =>
  Extension.create({
    name: 'uniqueIds',
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey('uniqueIds'),
          appendTransaction(trs, oldState, newState) {
            if (!trs.some((t) => t.docChanged)) return null
            const sigBefore = numberingKey.getState(oldState)?.signature
            const sigAfter = numberingKey.getState(newState)?.signature
            if (sigAfter === undefined || (sigBefore === sigAfter && !sigAfter.includes(':null'))) return null
            const before = structureOf(oldState.doc)
            const after = structureOf(newState.doc)
            // Where each id sat before this change, mapped into the new document.
            const mapping = new Mapping()
            for (const t of trs) mapping.appendMapping(t.mapping)
            const oldPos = new Map<string, number>()
            if (before) for (const group of [before.headings, before.cases, before.tables, before.figures]) for (const { node, pos } of group) oldPos.set(String(node.attrs.id), mapping.map(pos, 1))
            const foreign = foreignIds()
            const all = [...after.headings, ...after.cases, ...after.tables, ...after.figures].sort((a, b) => a.pos - b.pos)
            const usable = (id: unknown): id is string => typeof id === 'string' && VALID.test(id) && !foreign.has(id)
            // Who keeps a shared id: the node that was already there, else the first copy.
            const owner = new Map<string, number>()
            for (const { node, pos } of all) {
              const id = node.attrs.id
              if (usable(id) && oldPos.get(id) === pos) owner.set(id, pos)
            }
            for (const { node, pos } of all) {
              const id = node.attrs.id
              if (usable(id) && !owner.has(id)) owner.set(id, pos)
            }
            const tr = newState.tr
            const changes: ReassignedId[] = []
            for (const { node, pos } of all) {
              const id = node.attrs.id
              if (usable(id) && owner.get(id) === pos) continue
              const fresh = newId(ID_PREFIX[node.type.name] ?? 'n')
              tr.setNodeMarkup(pos, undefined, { ...node.attrs, id: fresh })
              changes.push({ type: node.type.name, from: typeof id === 'string' ? id : null, to: fresh })
            }
            if (!changes.length) return null
            return tr.setMeta(IDS_REASSIGNED, changes)
          }
        })
      ]
    }
  })
