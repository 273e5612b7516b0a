import type { Handlers } from '@shared/api'
import { UserError } from '@shared/errors'
import type { ServiceContext } from '../context'
import { reportChecker, currentUser } from '../../check/checker'
import { bindProposals, fixFinding } from '../../check/apply'
import { checkSettings, markVerified, saveCheckSettings, unmarkVerified } from '../../store/checkStore'

/**
 * 体检. The panel asks for a check after each save (never the save itself):
 * main recomputes only the chapters whose version changed since the last
 * check, and the data-dependent part when the data changed.
 */
export function checkHandlers(ctx: ServiceContext): Handlers['check'] {
  const { session } = ctx
  const checker = () => reportChecker(session.require())
  const findingById = (id: string) => {
    const f = checker().run().findings.find((x) => x.id === id)
    if (!f) throw new UserError('NOT_FOUND', '找不到这条体检结果，报告可能已经修改。请重新体检。')
    return f
  }
  return {
    run: () => checker().runGivingWay(),

    fix: ({ id }) => {
      session.store()
      const open = session.require()
      const r = fixFinding(ctx, open, findingById(id))
      return { ...r, state: ctx.state(), result: checker().run() }
    },

    verify: ({ id }) => {
      const store = session.store()
      const f = findingById(id)
      markVerified(store.db, f.id, { by: ctx.ports.userName ?? currentUser(), at: ctx.now().toISOString(), rule: f.rule, summary: f.message })
      return checker().run()
    },

    unverify: ({ id }) => {
      const store = session.store()
      unmarkVerified(store.db, id)
      return checker().run()
    },

    bind: ({ ids, all, exceptChapterId }) => {
      session.store()
      const open = session.require()
      const proposals = checker().run().proposals
      const chosen = all ? proposals : proposals.filter((p) => ids!.includes(p.id))
      if (!all && chosen.length === 0) throw new UserError('NOT_FOUND', '找不到要采用的数字，报告可能已经修改。请重新体检。')
      const r = bindProposals(ctx, open, chosen.filter((p) => p.chapterId !== exceptChapterId))
      return { ...r, state: ctx.state(), result: checker().run() }
    },

    settings: (patch) => {
      const store = patch && Object.keys(patch).length ? session.store() : session.require().store
      const current = checkSettings(store.db)
      if (!patch || Object.keys(patch).length === 0) return current
      const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) }
      saveCheckSettings(store.db, next)
      return next
    }
  }
}
