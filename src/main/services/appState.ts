import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { homedir } from 'node:os'
import { z } from 'zod'
import type { RecentFile } from '@shared/model/report'

/**
 * Per-user application state kept outside any report: recent files and the
 * file to reopen on the next start. Written atomically (temp file + rename).
 */
const StateSchema = z.object({
  recent: z.array(z.object({ path: z.string(), title: z.string(), openedAt: z.string() })).default([]),
  lastOpened: z.string().nullable().default(null),
  sampleCreated: z.boolean().default(false)
})
type State = z.infer<typeof StateSchema>

const MAX_RECENT = 12

export function defaultConfigDir(): string {
  if (process.env.NIANBAO_CONFIG_DIR) return process.env.NIANBAO_CONFIG_DIR
  if (process.platform === 'win32' && process.env.APPDATA) return join(process.env.APPDATA, 'nianbao')
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'nianbao')
}

export function defaultWorkspaceDir(): string {
  return process.env.NIANBAO_WORKSPACE || join(homedir(), 'Documents', '年报')
}

export class AppState {
  private state: State
  private readonly file: string

  /** `dir` null: nothing is read or written (the CLI's commands, which remember no recent files). */
  constructor(private readonly dir: string | null = defaultConfigDir()) {
    this.file = dir === null ? '' : join(dir, 'state.json')
    this.state = this.read()
  }

  private read(): State {
    if (this.dir === null) return StateSchema.parse({})
    try {
      return StateSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')))
    } catch {
      return StateSchema.parse({})
    }
  }

  private write(): void {
    if (this.dir === null) return
    mkdirSync(this.dir, { recursive: true })
    const tmp = `${this.file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(this.state, null, 2))
    renameSync(tmp, this.file)
  }

  recent(): RecentFile[] {
    return this.state.recent.map((r) => ({ ...r, fileName: basename(r.path), exists: existsSync(r.path) }))
  }

  isRecent(path: string): boolean {
    const p = resolve(path)
    return this.state.recent.some((r) => resolve(r.path) === p)
  }

  noteOpened(path: string, title: string, at: Date): void {
    const p = resolve(path)
    this.state.recent = [{ path: p, title, openedAt: at.toISOString() }, ...this.state.recent.filter((r) => resolve(r.path) !== p)].slice(0, MAX_RECENT)
    this.state.lastOpened = p
    this.write()
  }

  noteClosed(): void {
    this.state.lastOpened = null
    this.write()
  }

  forget(path: string): void {
    const p = resolve(path)
    this.state.recent = this.state.recent.filter((r) => resolve(r.path) !== p)
    if (this.state.lastOpened === p) this.state.lastOpened = null
    this.write()
  }

  lastOpened(): string | null {
    return this.state.lastOpened
  }

  sampleCreated(): boolean {
    return this.state.sampleCreated
  }

  markSampleCreated(): void {
    this.state.sampleCreated = true
    this.write()
  }
}
