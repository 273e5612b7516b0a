/**
 * Which toolbar groups stay in the row and which go under 更多 when the row
 * is too narrow (a side panel open, a small screen): the groups keep their
 * order, as many as fit from the start, the rest in the menu. Never a second
 * row: it pushed the page down by a row whenever a panel opened.
 */

/**
 * How many groups, from the first, fit in `available` pixels. `widths`: each
 * group's width with its gap; `more`: the 更多 button's, needed only when
 * some groups do not fit. A width not measured yet (NaN) counts as fitting.
 */
export function groupsThatFit(widths: readonly number[], available: number, more: number): number {
  const known = widths.map((w) => (Number.isFinite(w) ? w : 0))
  const total = known.reduce((a, b) => a + b, 0)
  if (total <= available) return widths.length
  let used = more
  let n = 0
  while (n < known.length && used + known[n] <= available) used += known[n++]
  return n
}
