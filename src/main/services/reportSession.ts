import { accessSync, constants, existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import type Database from 'better-sqlite3'
import { UserError } from '@shared/errors'
import type { ReportMeta } from '@shared/model/report'
import { closeReportDatabase, createReportDatabase, openReportDatabase, readOnlyFolder } from '../store/database'
import { ReportStore, type NewChapter } from '../store/reportStore'
import { mapStoreError } from '../store/storeErrors'
import { removeStaleTemps, syncFolder, tempPathFor } from '../durable'

/** Files this process has open, by real path: a second window asking for one is refused. */
const openInProcess = new Set<string>()

function canonical(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return resolve(path)
  }
}

export interface OpenReport {
  path: string
  fileName: string
  store: ReportStore
  /** Identity of the file when opened: saving notices if it was moved or deleted. */
  ino: number
}

/**
 * The report a window (or the browser host) has open. At most one at a time;
 * opening another closes this one first, only after the new one opened.
 */
export class ReportSession {
  private current: OpenReport | null = null

  constructor(
    private readonly options: { nativeBinding?: string; now: () => Date }
  ) {}

  get report(): OpenReport | null {
    return this.current
  }

  require(): OpenReport {
    if (!this.current) throw new UserError('NO_REPORT_OPEN', '当前没有打开的报告。')
    return this.current
  }

  /** The open report's store, after checking the file is still where it was. */
  store(): ReportStore {
    const r = this.require()
    let st
    try {
      st = statSync(r.path)
    } catch {
      st = null
    }
    if (!st || st.ino !== r.ino) {
      throw new UserError('FILE_MISSING', `报告文件“${r.fileName}”已被移动或删除，暂时无法保存。编辑内容仍保留在窗口中；请用“另存为”保存到新位置。`)
    }
    return r.store
  }

  open(path: string): OpenReport {
    const real = canonical(path)
    if (this.current && canonical(this.current.path) === real) return this.current
    if (openInProcess.has(real)) {
      throw new UserError('FILE_LOCKED', `“${basename(path)}”已在另一个年报窗口中打开，请切换到那个窗口。`)
    }
    const db = openReportDatabase(real, { nativeBinding: this.options.nativeBinding })
    return this.adopt(real, db)
  }

  /** `seed` writes further rows (live data, imported content) in the same creation transaction. */
  /** Open a report only to read it (nianbao info): the file is never written, not even migrated. */
  openReadOnly(path: string): OpenReport {
    const real = canonical(path)
    if (openInProcess.has(real)) {
      throw new UserError('FILE_LOCKED', `“${basename(path)}”已在另一个年报窗口中打开，请切换到那个窗口。`)
    }
    const db = openReportDatabase(real, { nativeBinding: this.options.nativeBinding, readOnly: true })
    return this.adopt(real, db)
  }

  create(path: string, meta: ReportMeta, chapters: NewChapter[], seed?: (db: Database.Database) => void): OpenReport {
    const at = this.options.now().toISOString()
    const db = createReportDatabase(
      resolve(path),
      (db) => {
        ReportStore.insertMeta(db, meta, at)
        new ReportStore(db, this.options.now).insertChapters(chapters)
        seed?.(db)
      },
      { nativeBinding: this.options.nativeBinding }
    )
    return this.adopt(canonical(path), db)
  }

  private adopt(real: string, db: Database.Database): OpenReport {
    this.close()
    openInProcess.add(real)
    this.current = { path: real, fileName: basename(real), store: new ReportStore(db, this.options.now), ino: statSync(real).ino }
    return this.current
  }

  /** Write a consistent copy to `path` with SQLite's backup API and continue editing the copy. */
  async saveAs(path: string): Promise<OpenReport> {
    const r = this.require()
    const target = resolve(path)
    if (canonical(target) === canonical(r.path)) return r
    try {
      statSync(target)
      throw new UserError('FILE_EXISTS', `文件“${basename(target)}”已存在，请换一个文件名。`)
    } catch (e) {
      if (e instanceof UserError) throw e
    }
    if (!existsSync(dirname(target))) throw new UserError('FILE_NOT_FOUND', `保存位置“${dirname(target)}”不存在。`)
    try {
      accessSync(dirname(target), constants.W_OK)
    } catch {
      throw readOnlyFolder(basename(target), dirname(target))
    }
    // The copy is made under a temporary name and renamed into place: a crash
    // or a full disk never leaves a half-written report under the new name.
    removeStaleTemps(target)
    const tmp = tempPathFor(target)
    try {
      await r.store.backupTo(tmp)
      if (existsSync(target)) throw new UserError('FILE_EXISTS', `文件“${basename(target)}”已存在，请换一个文件名。`)
      renameSync(tmp, target)
      syncFolder(dirname(target))
    } catch (e) {
      for (const suffix of ['', '-journal', '-wal']) rmSync(`${tmp}${suffix}`, { force: true })
      throw mapStoreError(e, basename(target))
    }
    // Opening the copy closes the original only once the copy is open: if it
    // cannot be opened, editing continues in the original.
    return this.open(target)
  }

  close(): void {
    if (!this.current) return
    const r = this.current
    this.current = null
    openInProcess.delete(r.path)
    try {
      closeReportDatabase(r.store.db)
    } catch {
      // The file may be gone or the disk full; the connection is closed either way.
      if (r.store.db.open) r.store.db.close()
    }
  }
}
