import { UserError } from '@shared/errors'

interface SqliteLikeError {
  code?: string
  message?: string
}

/**
 * Translate what SQLite and the file system say into messages an editor can
 * act on. Anything unrecognised is passed through unchanged (a bug, not a
 * user error).
 */
export function mapStoreError(e: unknown, fileName?: string): unknown {
  if (e instanceof UserError) return e
  const err = e as SqliteLikeError
  const code = typeof err?.code === 'string' ? err.code : ''
  const name = fileName ? `“${fileName}”` : '报告文件'
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE' && /full/i.test(err.message ?? '')) {
    return new UserError('DISK_FULL', `磁盘空间不足，${name}未能保存。请清理磁盘空间，编辑内容仍保留在窗口中，程序会自动重试。`)
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new UserError('READ_ONLY', `${name}是只读的或没有写入权限，无法保存。请用“另存为”保存到其他位置。`)
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY')) {
    return new UserError('FILE_LOCKED', `${name}正被另一个年报窗口或程序使用，请先在那里关闭它。`)
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new UserError('DAMAGED', `${name}已损坏，无法读取。请关闭它，改用这份报告的备份副本。`)
  }
  if (code === 'ENAMETOOLONG') return new UserError('BAD_INPUT', `${name}的文件名或所在路径太长，请换一个短一些的文件名或位置。`)
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'EIO') {
    return new UserError('IO_ERROR', `读写${name}时出错（${code}）。请检查文件所在的磁盘或网络位置是否可用。`)
  }
  return e
}

/** A chapter asked for by id is not in the report (deleted meanwhile, in this window or another). */
export function chapterGone(): UserError {
  return new UserError('NOT_FOUND', '找不到这一章，它可能已被删除。')
}
