import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchModule, BenchRow } from './types'

/**
 * `npm run bench`: runs every bench/<area>.ts (or only those named on the
 * command line) and prints one table. Goals live here, never in tests.
 */
async function main() {
  const only = process.argv.slice(2)
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts'].includes(f) && !f.startsWith('_'))
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, '')))
    .sort()
  const rows: BenchRow[] = []
  for (const f of files) {
    const mod = (await import(join(__dirname, f))) as BenchModule
    process.stderr.write(`running ${f}…\n`)
    rows.push(...(await mod.run()))
  }
  const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)) : '—')
  const table = rows.map((r) => [r.area, r.case, r.metric, `${fmt(r.value)} ${r.unit}`, r.goal ?? '', r.note ?? ''])
  const head = ['area', 'case', 'metric', 'value', 'goal', 'note']
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => width(r[i]))))
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join(' | ') + ' |'
  console.log(line(head))
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|')
  for (const r of table) console.log(line(r))
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1
  return w
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
