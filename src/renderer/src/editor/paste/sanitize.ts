import DOMPurify, { type DOMPurify as Purifier } from 'dompurify'
import { isAllowedHref } from '@shared/editor/schema'

/**
 * Pasted HTML (Word, WPS, web pages, other chapters) is hostile until
 * cleaned. DOMPurify parses it in an inert document (nothing runs, nothing
 * loads) and keeps only the structure a report uses; then Word's and WPS's
 * conventions (list paragraphs, styled spans) are turned into plain tags and
 * every style and class is dropped. Only then does the editor parse it.
 */

const ALLOWED_TAGS = [
  'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 'sup', 'sub', 'a',
  'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption',
  'figure', 'figcaption', 'img', 'section'
]

/** Attributes our own nodes write (copy between chapters keeps cases, photos, tables and fields). */
const NODE_ATTRS = ['data-type', 'data-id', 'data-school', 'data-asset', 'data-width', 'data-height', 'data-target', 'data-ref', 'data-format', 'data-draft', 'data-pm-slice']
const ALLOWED_ATTR = ['href', 'src', 'alt', 'colspan', 'rowspan', 'start', 'style', 'class', ...NODE_ATTRS]

/** Images may only arrive inline as data: URLs of the formats the report accepts; anything else is not fetched. */
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|bmp|webp);base64,[a-z0-9+/=\s]+$/i

export interface SanitizedPaste {
  html: string
  /** Pasted images that came as data: URLs, in document order: they must become assets before the HTML is parsed. */
  dataImages: string[]
  /** Images that could not be taken (linked files or web addresses). */
  droppedImages: number
}

let purifier: Purifier | null = null

function instance(): Purifier {
  if (purifier) return purifier
  // A private instance: its hooks never affect other users of DOMPurify.
  const p = DOMPurify(window)
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href')
      if (href !== null && !isAllowedHref(href)) node.removeAttribute('href')
    }
    if (node.nodeName === 'IMG') {
      const src = node.getAttribute('src') ?? ''
      if (!DATA_IMAGE.test(src)) node.setAttribute('data-dropped', 'true')
    }
    // Only our own nodes may carry data-type; everything else is plain markup.
    for (const attr of ['data-width', 'data-height']) {
      const v = node.getAttribute(attr)
      if (v !== null && !/^\d{1,5}$/.test(v)) node.removeAttribute(attr)
    }
    const asset = node.getAttribute('data-asset')
    if (asset !== null && !/^[a-f0-9]{64}$/.test(asset)) node.removeAttribute('data-asset')
  })
  purifier = p
  return p
}

/** Clean pasted HTML; see the module comment. */
export function sanitizePastedHtml(html: string): SanitizedPaste {
  const body = instance().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: [...ALLOWED_ATTR, 'data-dropped'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https:|mailto:|data:image\/)/i,
    // Only href and src are addresses; the rest must not be held to the address rule.
    ADD_URI_SAFE_ATTR: [...NODE_ATTRS, 'colspan', 'rowspan', 'start', 'data-dropped'],
    KEEP_CONTENT: true,
    WHOLE_DOCUMENT: false,
    RETURN_DOM: true
  }) as HTMLElement
  const result = tidy(body)
  return { html: body.innerHTML, ...result }
}

function styleOf(el: Element): string {
  return (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '')
}

function wrapChildren(el: Element, tag: string): void {
  const w = el.ownerDocument.createElement(tag)
  while (el.firstChild) w.appendChild(el.firstChild)
  el.appendChild(w)
}

function unwrap(el: Element): void {
  el.replaceWith(...Array.from(el.childNodes))
}

/** Turn Word/WPS conventions into plain tags and drop presentation. */
function tidy(root: HTMLElement): { dataImages: string[]; droppedImages: number } {
  // Word's list bullets and numbers are literal text in spans marked mso-list:Ignore.
  root.querySelectorAll('span').forEach((s) => {
    if (!/mso-list:ignore/.test(styleOf(s))) return
    // The marker tells a numbered list ("1." "（一）") from a bulleted one.
    if (/[0-9一二三四五六七八九十]/.test(s.textContent ?? '')) s.closest('p')?.setAttribute('data-ordered', 'true')
    s.remove()
  })
  convertWordLists(root)

  // Styled runs become tags the schema knows.
  root.querySelectorAll('span, font, b, strong, i, em, u, a, p, td, th, li').forEach((el) => {
    const st = styleOf(el)
    if (!st) return
    if (el.nodeName === 'B' && /font-weight:(normal|400)/.test(st)) {
      // Google Docs wraps everything in <b style="font-weight:normal">.
      unwrap(el)
      return
    }
    if (/font-weight:(bold|[6-9]00)/.test(st) && el.nodeName !== 'TD' && el.nodeName !== 'TH' && el.nodeName !== 'P' && el.nodeName !== 'LI') wrapChildren(el, 'strong')
    if (/font-style:italic/.test(st) && !/^(P|TD|TH|LI)$/.test(el.nodeName)) wrapChildren(el, 'em')
    if (/text-decoration[^;]*underline/.test(st) && !/^(P|TD|TH|LI)$/.test(el.nodeName)) wrapChildren(el, 'u')
    if (/vertical-align:super/.test(st)) wrapChildren(el, 'sup')
    if (/vertical-align:sub/.test(st)) wrapChildren(el, 'sub')
  })

  // Headings: the chapter itself is level 1, so pasted h1 become sections, h5/h6 the lowest level.
  root.querySelectorAll('h1, h5, h6').forEach((h) => {
    const to = root.ownerDocument.createElement(h.nodeName === 'H1' ? 'h2' : 'h4')
    while (h.firstChild) to.appendChild(h.firstChild)
    h.replaceWith(to)
  })

  // Images: data: URLs are kept for upload; linked ones cannot be read and are dropped.
  const dataImages: string[] = []
  let droppedImages = 0
  root.querySelectorAll('img').forEach((img) => {
    if (img.getAttribute('data-dropped') || !img.getAttribute('src')) {
      droppedImages++
      img.remove()
      return
    }
    img.setAttribute('data-paste-image', String(dataImages.length))
    dataImages.push(img.getAttribute('src')!)
    img.removeAttribute('src')
  })

  for (const el of Array.from(root.querySelectorAll('[style], [class]'))) {
    el.removeAttribute('style')
    el.removeAttribute('class')
  }
  // Empty spans and fonts left by Word carry nothing.
  root.querySelectorAll('span:not([data-type])').forEach((s) => unwrap(s))
  return { dataImages, droppedImages }
}

/**
 * Word writes list items as paragraphs (class MsoListParagraph…, style
 * "mso-list:l0 level1 lfo1"); consecutive ones become one <ul>/<ol>, nested by level.
 */
function convertWordLists(root: HTMLElement): void {
  const paras = Array.from(root.querySelectorAll('p')).filter((p) => /mso-list:l\d+level\d+/.test(styleOf(p)))
  const done = new Set<Element>()
  for (const first of paras) {
    if (done.has(first)) continue
    const run: Element[] = [first]
    let next = first.nextElementSibling
    while (next && paras.includes(next as HTMLParagraphElement)) {
      run.push(next)
      next = next.nextElementSibling
    }
    run.forEach((p) => done.add(p))
    const doc = root.ownerDocument
    const ordered = (p: Element) => /^[\s\u00a0]*[(（]?\d+[.)）、]/.test(p.textContent ?? '') || p.getAttribute('data-ordered') === 'true'
    // Decide ordered/unordered from the first item's marker before it is dropped.
    const isOrdered = ordered(first) || /MsoListNumber/i.test(first.getAttribute('class') ?? '')
    const top = doc.createElement(isOrdered ? 'ol' : 'ul')
    first.before(top)
    const stack: { level: number; list: Element }[] = [{ level: 1, list: top }]
    for (const p of run) {
      const level = Number(/level(\d+)/.exec(styleOf(p))?.[1] ?? 1)
      while (stack.length > 1 && stack[stack.length - 1].level > level) stack.pop()
      let cur = stack[stack.length - 1]
      if (level > cur.level) {
        const parentLi = cur.list.lastElementChild ?? cur.list.appendChild(doc.createElement('li'))
        const sub = doc.createElement(isOrdered ? 'ol' : 'ul')
        parentLi.appendChild(sub)
        cur = { level, list: sub }
        stack.push(cur)
      }
      const li = doc.createElement('li')
      const para = doc.createElement('p')
      while (p.firstChild) para.appendChild(p.firstChild)
      // Typed markers left without the Ignore span ("1." "•" "（1）").
      const t = para.firstChild
      if (t && t.nodeType === Node.TEXT_NODE) t.textContent = (t.textContent ?? '').replace(/^[\s\u00a0]*(?:[•·●○■□◆\-–]|[(（]?\d{1,3}[.)）、])[\s\u00a0]*/, '')
      li.appendChild(para)
      cur.list.appendChild(li)
      p.remove()
    }
  }
}
