import { inlineAtom } from './inlineAtom'

/**
 * A figure quoted in the text (an indicator value or a value derived from
 * it). It reads as ordinary text; its value is computed, never stored here.
 * `ref` names what is shown (see model/fields.ts), `format` how.
 */
export const DataField = inlineAtom(
  'dataField',
  'data-field',
  {
    ref: { default: '', parseHTML: (el) => el.getAttribute('data-ref') ?? '', renderHTML: (a) => ({ 'data-ref': a.ref }) },
    format: { default: null, parseHTML: (el) => el.getAttribute('data-format'), renderHTML: (a) => (a.format ? { 'data-format': a.format } : {}) }
  },
  () => ''
)
