/**
 * Text for an XML part (an attribute value or element text) of a package we
 * write (.xlsx, a Word chart): the control characters XML 1.0 forbids are
 * dropped, markup characters escaped.
 */
export const xmlEscape = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
