import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FilePreview, IntakePreview } from '@shared/contract/intake'
import type { ReportMeta } from '@shared/model/report'
import type { Catalogue } from './catalogue'
import { contributorWord } from './kit'
import type { RawAsset, RawCase } from './read/types'
import { readFiles, type IntakeRunOptions } from './runner'
import { validateSchool, type ValidatedSchool } from './validate'

/**
 * What was read and waits for 接收: per file its preview (per school, per
 * cell) and what accepting it will store. Nothing here touches the report.
 * Pictures of the cases wait in a temporary folder rather than in memory,
 * so a batch of school reports with their photos stays small; the folder
 * goes when the batch is accepted or discarded.
 */
export interface IntakeInput {
  fileName: string
  bytes: Uint8Array
  /** When the file was last modified (the file system's or the browser's word), ISO. */
  modified?: string | null
}

export interface PendingSchool {
  validated: ValidatedSchool
  cases: RawCase[]
}

export interface PendingFile {
  preview: FilePreview
  sha256: string
  schools: PendingSchool[]
  /** Pictures of its cases, spooled to disk (hash → description). */
  assets: Map<string, Omit<RawAsset, 'bytes'>>
}

export interface ReadContext {
  meta: Pick<ReportMeta, 'year' | 'level'>
  catalogue: Catalogue
  /** What a school sent before, by school, figure and year. */
  stored: (school: string, figure: string, year: number) => number | undefined
  /** Schools that already contributed figures. */
  contributed: (school: string) => boolean
  run?: IntakeRunOptions
}

let fileSeq = 0

export class PendingIntake {
  files: PendingFile[] = []
  private spoolDir: string | null = null

  constructor(readonly reportPath: string) {}

  preview(meta: Pick<ReportMeta, 'year' | 'level'>): IntakePreview {
    return { year: meta.year, word: contributorWord(meta.level).word, files: this.files.map((f) => f.preview) }
  }

  async read(inputs: IntakeInput[], ctx: ReadContext): Promise<void> {
    const outcomes = await readFiles(
      inputs.map((i) => ({ fileName: i.fileName, bytes: i.bytes })),
      ctx.run
    )
    outcomes.forEach((o, i) => {
      const input = inputs[i]
      const sha256 = createHash('sha256').update(input.bytes).digest('hex')
      const base = { id: `in_${++fileSeq}_${sha256.slice(0, 8)}`, fileName: input.fileName, bytes: input.bytes.length }
      if (!o.ok) {
        this.files.push({ preview: { ...base, kind: null, refused: o.message, fileDate: input.modified ?? null, schools: [], issues: [] }, sha256, schools: [], assets: new Map() })
        return
      }
      const r = o.reading
      const schools: PendingSchool[] = r.schools.map((raw) => {
        const validated = validateSchool(raw, { catalogue: ctx.catalogue, year: ctx.meta.year, stored: (figure, year) => ctx.stored(raw.name, figure, year) })
        validated.replaces = ctx.contributed(raw.name) || this.files.some((f) => f.schools.some((s) => s.validated.name === raw.name))
        return { validated, cases: raw.cases }
      })
      const issues = [...r.issues]
      if (r.year !== undefined && r.year !== ctx.meta.year && r.kind === 'kit') {
        issues.push({ severity: 'note', place: input.fileName, message: `这份填报表是为 ${r.year} 年度生成的，本报告的数据年度是 ${ctx.meta.year} 年；按表头中的年份读取。` })
      }
      for (const s of schools) {
        if (!s.validated.replaces) continue
        const earlier = this.files.find((f) => f.schools.some((x) => x.validated.name === s.validated.name))
        s.validated.issues.unshift({
          severity: 'note',
          place: input.fileName,
          message: earlier
            ? `这一批中还有一份来自“${s.validated.name}”的文件（${earlier.preview.fileName}），接收时以后读取的这一份为准。`
            : `“${s.validated.name}”以前已经报送过数据，接收后以这份文件为准（原来的数据被替换，其他学校的数据不变）。`
        })
      }
      const assets = new Map<string, Omit<RawAsset, 'bytes'>>()
      for (const a of r.assets) {
        this.spool(a)
        assets.set(a.hash, { hash: a.hash, mime: a.mime, width: a.width, height: a.height })
      }
      this.files.push({
        preview: { ...base, kind: r.kind, fileDate: r.fileDate ?? input.modified ?? null, schools: schools.map((s) => s.validated), issues },
        sha256,
        schools,
        assets
      })
    })
  }

  private spool(a: RawAsset): void {
    this.spoolDir ??= mkdtempSync(join(tmpdir(), 'nianbao-intake-'))
    writeFileSync(join(this.spoolDir, a.hash), a.bytes)
  }

  /** A spooled picture's bytes. */
  asset(hash: string): Buffer | null {
    if (!this.spoolDir || !/^[a-f0-9]{64}$/.test(hash)) return null
    try {
      return readFileSync(join(this.spoolDir, hash))
    } catch {
      return null
    }
  }

  dispose(): void {
    if (this.spoolDir) rmSync(this.spoolDir, { recursive: true, force: true })
    this.spoolDir = null
    this.files = []
  }
}
