import { describe, expect, it } from 'vitest'
import { groupsThatFit } from '../../../src/renderer/src/editor/toolbar/overflow'

describe('toolbar groups in one row (the rest under 更多)', () => {
  const widths = [60, 90, 150, 130, 60, 60, 95]
  it('keeps every group when the row has room, with no 更多 to make room for', () => {
    expect(groupsThatFit(widths, 645, 64)).toBe(7)
    expect(groupsThatFit(widths, 2000, 64)).toBe(7)
  })
  it('keeps the groups in order from the first, leaving room for 更多', () => {
    // 644 px is one short of all (645): with 更多 (64 px) the first six (550 px) fit.
    expect(groupsThatFit(widths, 644, 64)).toBe(6)
    expect(groupsThatFit(widths, 560, 64)).toBe(5)
    expect(groupsThatFit(widths, 400, 64)).toBe(3)
    expect(groupsThatFit(widths, 100, 64)).toBe(0)
  })
})
