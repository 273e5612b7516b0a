/** Room between the tools and the table's caption, and above the tools. */
const GAP_PX = 10

function scrollingAncestor(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const y = getComputedStyle(p).overflowY
    if ((y === 'auto' || y === 'scroll') && p.scrollHeight > p.clientHeight) return p
  }
  return null
}

/** The caret (or the focus) is in the text before the table: the user went on above it. */
function selectionBefore(table: HTMLElement): boolean {
  const node = window.getSelection()?.anchorNode
  if (!node || table.contains(node)) return false
  return !!(table.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING)
}

/**
 * A report table's tools (row and column buttons, formula bar, the cell's
 * note) float above it while it is edited. They must not cover the text
 * above the table, and nothing may move under the pointer: the space they
 * take is made between that text and the table, and the text scrolls up by
 * as much, so the table stays where it was clicked. When the tools close the
 * space goes; the table stays put again, unless the user went on in the text
 * above it, which then stays put instead.
 * The table holds the space in the CSS variable --rt-tools-space. Returns the
 * clean-up.
 */
export function reserveToolsSpace(tools: HTMLElement, table: HTMLElement): () => void {
  let reserved = 0
  const observer = new ResizeObserver(() => {
    const space = tools.offsetHeight > 0 ? tools.offsetHeight + GAP_PX : 0
    const delta = space - reserved
    if (delta === 0) return
    const keepTable = delta > 0 || !selectionBefore(table)
    table.style.setProperty('--rt-tools-space', `${space}px`)
    reserved = space
    const scroller = keepTable && scrollingAncestor(table)
    if (!scroller) return
    // Opening: the text above scrolls up by the room, but never so far that the tools leave the top of the view
    // (a table brought to the top by 转到 moves down instead, its tools in sight).
    const room = tools.getBoundingClientRect().top - scroller.getBoundingClientRect().top - GAP_PX
    scroller.scrollTop += delta > 0 ? Math.max(0, Math.min(delta, room)) : delta
  })
  observer.observe(tools)
  return () => {
    observer.disconnect()
    table.style.removeProperty('--rt-tools-space')
  }
}
