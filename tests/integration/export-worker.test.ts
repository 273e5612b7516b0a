/**
 * The app's export path: the report read in main, the rest in a worker
 * thread; chart pictures come back to main and are reused by the next export.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportProgress } from '@shared/contract/export'
import { runExport } from '../../src/main/export/runner'
import { storeExportSource } from '../../src/main/export/storeSource'
import { takeSnapshot } from '../../src/main/export/snapshot'
import { chartKey } from '../../src/main/charts/cache'
import { CHART_PIXELS } from '../../src/main/export/geometry'
import { ReportSession } from '../../src/main/services/reportSession'
import { writeFixtureReport } from '../helpers/exportFixture'
import { openDocx } from '../helpers/exportDocx'

let dir: string
let session: ReportSession

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-export-worker-'))
  writeFixtureReport(join(dir, 'r.nianbao'))
  session = new ReportSession({ now: () => new Date() })
  session.open(join(dir, 'r.nianbao'))
})
afterAll(() => session.close())

describe('export in a worker thread', () => {
  it('exports with progress, and the next export reuses the chart pictures', async () => {
    const open = session.require()
    const before = takeSnapshot(storeExportSource(open))
    expect(before.charts.length).toBe(0)
    expect(before.tables.length).toBe(14)
    expect(before.figures.length).toBe(12)

    const progress: ExportProgress[] = []
    const summary = await runExport(storeExportSource(open), join(dir, 'a.docx'), { onProgress: (p) => progress.push(p) })
    expect(summary).toMatchObject({ chapters: 9, cases: 25, tables: 14, figures: 12, images: 54 })
    expect(progress.some((p) => p.stage === 'charts')).toBe(true)
    expect(progress[progress.length - 1]).toMatchObject({ stage: 'done', fraction: 1 })
    const fractions = progress.map((p) => p.fraction)
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions)
    expect(openDocx(readFileSync(join(dir, 'a.docx'))).media.length).toBeGreaterThanOrEqual(12)

    // Main now holds the pictures; the next snapshot carries them to the worker.
    const after = takeSnapshot(storeExportSource(open))
    const distinct = new Set(after.figures.map(([, f]) => chartKey(f!, CHART_PIXELS)))
    expect(after.charts.length).toBe(distinct.size)
    expect(after.charts.length).toBeGreaterThan(0)
  })

  it('reports a failure in Chinese and leaves nothing half written', async () => {
    await expect(runExport(storeExportSource(session.require()), join(dir, 'missing-folder', 'x.docx'))).rejects.toThrow(/找不到要保存/)
  })
})
