/** One line of the `npm run bench` table. */
export interface BenchRow {
  area: string
  case: string
  metric: string
  value: number
  unit: string
  /** The goal, as text (e.g. "≤ 1 ms"), when the issue sets one. */
  goal?: string
  note?: string
}

/** A bench module: bench/<area>.ts exports `run`. */
export type BenchModule = { run: () => Promise<BenchRow[]> }

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

export function summarize(samples: number[]): { p50: number; p95: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b)
  return { p50: percentile(s, 50), p95: percentile(s, 95), mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) }
}
