/**
 * Chart pictures already drawn in this process, by what they show: drawing
 * one takes about half a second (resvg lays out every label), and an editor
 * exports again and again while polishing the text.
 */
import { createHash } from 'node:crypto'
import type { ResolvedFigure } from '@shared/model/figure'

const cache = new Map<string, Uint8Array>()
const LIMIT_BYTES = 64 * 1024 * 1024
let bytes = 0

/** What identifies a picture: the chart, its numbers and its size. */
export function chartKey(figure: ResolvedFigure, size: { width: number; height: number }): string {
  return createHash('sha256')
    .update(JSON.stringify([figure.chart ?? null, figure.data ?? null, size]))
    .digest('hex')
}

export function cachedChart(key: string): Uint8Array | undefined {
  const hit = cache.get(key)
  if (hit) {
    cache.delete(key)
    cache.set(key, hit)
  }
  return hit
}

export function rememberChart(key: string, png: Uint8Array): void {
  if (cache.has(key)) return
  cache.set(key, png)
  bytes += png.length
  for (const [k, v] of cache) {
    if (bytes <= LIMIT_BYTES) break
    cache.delete(k)
    bytes -= v.length
  }
}

/** Forget every picture (the bench measures drawing from scratch). */
export function clearChartCache(): void {
  cache.clear()
  bytes = 0
}
