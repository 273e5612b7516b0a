import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { UserError } from '@shared/errors'
import { LATEST_VERSION, migrate } from './migrations'
import { mapStoreError } from './storeErrors'
import { syncFolder } from '../durable'

/** PRAGMA application_id of every Nianbao report: "NBAO". */
export const APPLICATION_ID = 0x4e42414f
const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1')

export interface DatabaseOptions {
  /** Path of a better-sqlite3 binary built for Electron (see scripts/electron-native.mjs). */
  nativeBinding?: string
  /**
   * Only read the report (nianbao info): the file is never written, not even
   * to migrate it; an older report is migrated in a copy in memory.
   */
  readOnly?: boolean
}

interface HeaderInfo {
  applicationId: number
  userVersion: number
}

function readHeader(path: string): HeaderInfo | null {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(100)
    const n = readSync(fd, buf, 0, 100, 0)
    if (n < 100 || !buf.subarray(0, 16).equals(SQLITE_MAGIC)) return null
    return { userVersion: buf.readUInt32BE(60), applicationId: buf.readUInt32BE(68) }
  } finally {
    closeSync(fd)
  }
}

/**
 * Open an existing report for editing. Every check that can refuse the file
 * runs before anything is written to it: not a report, damaged, from a newer
 * Nianbao, read-only, or held by another window or process.
 * With `readOnly`, nothing is ever written: an older report is upgraded in
 * memory, and a read-only file is read from its bytes.
 */
export function openReportDatabase(path: string, options: DatabaseOptions = {}): Database.Database {
  const name = basename(path)
  let st
  try {
    st = statSync(path)
  } catch {
    throw new UserError('FILE_NOT_FOUND', `找不到文件“${name}”，它可能已被移动或删除。`)
  }
  if (!st.isFile()) throw new UserError('NOT_A_REPORT', `“${name}”不是年报报告文件（.nianbao）。`)
  let header: HeaderInfo | null
  try {
    header = readHeader(path)
  } catch (e) {
    throw mapStoreError(e, name)
  }
  if (!header || header.applicationId !== APPLICATION_ID) {
    throw new UserError('NOT_A_REPORT', `“${name}”不是年报报告文件（.nianbao），无法打开。文件未做任何改动。`)
  }
  if (header.userVersion > LATEST_VERSION) throw newerVersion(name, header.userVersion)

  // SQLite would open a read-only file read-only and fail later with a lock
  // error; say what is wrong before touching it. (fs.access honours the
  // Windows read-only attribute and, on Linux, the caller's permissions.)
  const canWrite = writable(path) && writable(dirname(path))
  // Only reading, and nobody can be writing it: read its bytes into memory.
  if (options.readOnly && !canWrite && !existsSync(`${path}-wal`)) return snapshot(path, name, options)
  if (!writable(path)) {
    throw new UserError(
      'READ_ONLY',
      `“${name}”是只读文件或没有写入权限，年报无法在原处编辑和保存它。请取消文件的“只读”属性，或把它复制到可写的文件夹后再打开。文件未做任何改动。`
    )
  }
  if (!writable(dirname(path))) throw readOnlyFolder(name, dirname(path))

  let db: Database.Database | null = null
  try {
    db = new Database(path, { fileMustExist: true, timeout: 200, nativeBinding: options.nativeBinding })
    // Hold the file for as long as it is open: another process (or window) that
    // tries to open it is refused instead of writing over our changes. The OS
    // releases the lock if this process dies.
    db.pragma('locking_mode = EXCLUSIVE')
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw damaged(name)
    const hasReport = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('report', 'chapter')").get() as { n: number }
    if (hasReport.n < 2) throw damaged(name)
    // The header on disk can lag behind a write-ahead log: ask SQLite itself before anything is written.
    const version = Number(db.pragma('user_version', { simple: true }))
    if (version > LATEST_VERSION) throw newerVersion(name, version)
    if (options.readOnly) {
      // Held (shared) while it is read; an older report is upgraded in a copy in memory, never on disk.
      if (version === LATEST_VERSION) return db
      const copy = inMemory(db.serialize(), options)
      db.close()
      db = copy
      migrate(copy)
      return copy
    }
    db.exec('BEGIN EXCLUSIVE; COMMIT')
    configure(db)
    migrate(db)
    return db
  } catch (e) {
    try {
      db?.close()
    } catch {
      /* already failing */
    }
    const mapped = mapStoreError(e, name)
    // SQLite's own words on the damage mean nothing to an editor; say what to do instead.
    throw mapped instanceof UserError && mapped.code === 'DAMAGED' ? damaged(name) : mapped
  }
}

/** A database held in memory; a file in WAL mode is marked as a rollback-journal file first, which memory requires. */
function inMemory(bytes: Buffer, options: DatabaseOptions): Database.Database {
  const copy = Buffer.from(bytes)
  if (copy.length >= 100 && copy[18] === 2 && copy[19] === 2) copy[18] = copy[19] = 1
  return new Database(copy, { nativeBinding: options.nativeBinding })
}

/** A report read whole into memory (a read-only file nobody can be writing), checked and brought up to date there. */
function snapshot(path: string, name: string, options: DatabaseOptions): Database.Database {
  return fromBytes(readFileSync(path), name, options)
}

/**
 * A report received as bytes (a school's .nianbao sent for 汇总), opened in
 * memory and never written anywhere: refused unless it is a Nianbao report,
 * undamaged and not from a newer version; brought up to date in memory.
 * The file came from outside, so its schema is not trusted either: the
 * tables read must be tables (not views), and no function of the schema runs.
 */
export function openReportBytes(bytes: Uint8Array, name: string, options: DatabaseOptions = {}): Database.Database {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (buf.length < 100 || buf.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0' || buf.readUInt32BE(68) !== APPLICATION_ID) {
    throw new UserError('NOT_A_REPORT', `“${name}”不是年报报告文件（.nianbao）。`)
  }
  if (buf.readUInt32BE(60) > LATEST_VERSION) throw newerVersion(name, buf.readUInt32BE(60))
  return fromBytes(buf, name, options, true)
}

function fromBytes(bytes: Buffer, name: string, options: DatabaseOptions, untrusted = false): Database.Database {
  let db: Database.Database | null = null
  try {
    db = inMemory(bytes, options)
    if (untrusted) {
      db.pragma('trusted_schema = OFF')
      const views = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type IN ('view', 'trigger')").get() as { n: number }
      if (views.n > 0) throw damaged(name)
    }
    if (db.pragma('quick_check', { simple: true }) !== 'ok') throw damaged(name)
    const hasReport = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('report', 'chapter')").get() as { n: number }
    if (hasReport.n < 2) throw damaged(name)
    const version = Number(db.pragma('user_version', { simple: true }))
    if (version > LATEST_VERSION) throw newerVersion(name, version)
    migrate(db)
    return db
  } catch (e) {
    db?.close()
    const mapped = mapStoreError(e, name)
    throw mapped instanceof UserError && mapped.code === 'DAMAGED' ? damaged(name) : mapped
  }
}

function damaged(name: string): UserError {
  return new UserError('DAMAGED', `“${name}”已损坏，无法打开。文件未做任何改动；请使用这份报告的备份副本。`)
}

function newerVersion(name: string, version: number): UserError {
  return new UserError(
    'NEWER_VERSION',
    `“${name}”由更新版本的年报创建（文件格式 ${version}，本程序支持到 ${LATEST_VERSION}）。请升级年报后再打开。文件未做任何改动。`
  )
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** The folder must take new files: SQLite keeps its write-ahead log next to the report. */
export function readOnlyFolder(name: string, dir: string): UserError {
  return new UserError(
    'READ_ONLY',
    `无法在文件夹“${dir}”中写入（例如光盘、写保护的U盘或没有权限的共享文件夹），年报无法在那里保存“${name}”。请把文件复制到可写的文件夹后再打开或保存。`
  )
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
}

/**
 * Create a new report file: built under a temporary name next to the target
 * and renamed into place, so there is never a half-made report at `path`.
 */
export function createReportDatabase(
  path: string,
  fill: (db: Database.Database) => void,
  options: DatabaseOptions = {}
): Database.Database {
  const name = basename(path)
  if (existsSync(path)) throw new UserError('FILE_EXISTS', `文件“${name}”已存在，请换一个文件名。`)
  if (!existsSync(dirname(path))) throw new UserError('FILE_NOT_FOUND', `保存位置“${dirname(path)}”不存在。`)
  if (!writable(dirname(path))) throw readOnlyFolder(name, dirname(path))
  const tmp = join(dirname(path), `.${name}.${process.pid}.${Date.now()}.tmp`)
  // File systems take names of at most 255 bytes (a Chinese character is 3); SQLite would only say it cannot open the file.
  if (Buffer.byteLength(basename(tmp)) > 255) throw new UserError('BAD_INPUT', `“${name}”的文件名或所在路径太长，请换一个短一些的文件名或位置。`)
  let db: Database.Database | null = null
  try {
    db = new Database(tmp, { nativeBinding: options.nativeBinding })
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.pragma('journal_mode = DELETE')
    db.pragma('foreign_keys = ON')
    migrate(db)
    db.transaction(() => fill(db!))()
    db.close()
    db = null
    if (existsSync(path)) throw new UserError('FILE_EXISTS', `文件“${name}”已存在，请换一个文件名。`)
    renameSync(tmp, path)
    syncFolder(dirname(path))
  } catch (e) {
    try {
      db?.close()
    } catch {
      /* already failing */
    }
    try {
      rmSync(tmp, { force: true })
    } catch {
      // Nothing could be made under that name (e.g. it is too long): nothing to remove.
    }
    throw mapStoreError(e, name)
  }
  return openReportDatabase(path, options)
}

/** Flush the WAL into the main file and release the lock. */
export function closeReportDatabase(db: Database.Database): void {
  if (!db.open) return
  if (db.readonly || db.memory) {
    db.close()
    return
  }
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}
