/**
 * Write a file so that whoever looks at `path` sees the previous file or the
 * new one, never a part: write a temporary file beside it, flush it to the
 * disk, rename it over the old one, then flush the folder. A crash or a full
 * disk before the rename leaves the previous file untouched.
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { UserError } from '@shared/errors'
import { removeStaleTemps, syncFolder, tempPathFor } from '../durable'

export interface AtomicWriteOptions {
  /** Called between chunks with the bytes written so far. */
  onProgress?: (written: number, total: number) => void
}

const CHUNK = 1 << 20

export async function writeFileAtomic(path: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  removeStaleTemps(path)
  const temp = tempPathFor(path)
  let handle: FileHandle | null = null
  try {
    handle = await open(temp, 'wx', 0o644)
    // In chunks, so the app stays responsive and shows the progress.
    for (let at = 0; at < data.length; ) {
      const { bytesWritten } = await handle.write(data, at, Math.min(CHUNK, data.length - at))
      at += bytesWritten
      options.onProgress?.(at, data.length)
    }
    await handle.sync()
    await handle.close()
    handle = null
    await rename(temp, path)
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined)
    await rm(temp, { force: true }).catch(() => undefined)
    throw writeError(e, path)
  }
  syncFolder(dirname(path))
}

export function writeError(e: unknown, path: string): UserError {
  if (e instanceof UserError) return e
  const code = (e as NodeJS.ErrnoException)?.code ?? ''
  const name = `“${basename(path)}”`
  if (code === 'ENOSPC' || code === 'EDQUOT') return new UserError('DISK_FULL', `磁盘空间不足，未能导出${name}。原有文件没有改动；请清理磁盘空间后重试。`)
  if (code === 'EBUSY' || (process.platform === 'win32' && code === 'EPERM')) {
    return new UserError('FILE_LOCKED', `${name}正被 Word 或其他程序打开，无法覆盖。请先关闭它再导出。`)
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new UserError('READ_ONLY', `没有权限写入${name}所在的文件夹，请换一个位置导出。`)
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UserError('FILE_NOT_FOUND', `找不到要保存${name}的文件夹，请换一个位置导出。`)
  if (code === 'EISDIR') return new UserError('BAD_INPUT', `${name}是一个文件夹，请换一个文件名。`)
  if (code === 'ENAMETOOLONG') return new UserError('BAD_INPUT', '文件名或路径太长，请换一个短一些的文件名。')
  return new UserError('IO_ERROR', `写入${name}时出错（${code || '未知错误'}），原有文件没有改动。`)
}
