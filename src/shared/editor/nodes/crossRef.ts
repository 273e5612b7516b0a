import { inlineAtom } from './inlineAtom'
import { idAttribute } from './pointer'

/** A live reference to a table, figure or case ("见表 1-2", "案例 5"): it shows the target's current number. */
export type CrossRefTarget = 'table' | 'figure' | 'case'

export const CrossRef = inlineAtom('crossRef', 'cross-ref', {
  target: { default: 'table', parseHTML: (el) => el.getAttribute('data-target'), renderHTML: (a) => ({ 'data-target': a.target }) },
  id: idAttribute
})
