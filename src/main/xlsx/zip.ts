import { unzipSync } from 'fflate'
import { fail, mb, XlsxFailure } from './errors'
import type { XlsxLimits } from './limits'

/**
 * A workbook's zip package, read without trusting it: the central directory
 * is listed first (nothing inflated) and refused when it declares too many
 * entries or bytes, an implausible compression ratio, or names that try to
 * leave the package; macros and external links are refused from the listing
 * alone. Entries are then inflated one at a time into buffers of their
 * declared size, so an entry that lies about its size cannot grow past
 * what was checked.
 */
interface EntryInfo {
  name: string
  size: number
  compressedSize: number
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]

export class XlsxPackage {
  private readonly entries = new Map<string, EntryInfo>()

  constructor(
    private readonly data: Uint8Array,
    private readonly limits: XlsxLimits
  ) {
    if (data.length === 0) fail('empty', '文件是空的（0 字节）。')
    if (data.length > limits.maxFileBytes) fail('too-large', `文件太大（${mb(data.length)}），填报表不能超过 ${mb(limits.maxFileBytes)}。`)
    if (OLE_MAGIC.every((b, i) => data[i] === b)) {
      fail('old-xls', '这是旧版 Excel 工作簿（.xls）或加密的工作簿，无法读取。请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx，不加密）后再提交。')
    }
    if (!(data[0] === 0x50 && data[1] === 0x4b)) fail('not-xlsx', '这不是 Excel 工作簿（.xlsx）：文件内容不是 Excel 2007 及以后版本的格式。')
    this.list()
  }

  private list(): void {
    const l = this.limits
    let count = 0
    let total = 0
    try {
      unzipSync(this.data, {
        filter: (f) => {
          if (++count > l.maxEntries) fail('zip-bomb', `工作簿包含的部件过多（超过 ${l.maxEntries} 个），可能是恶意构造的文件，已拒绝。`)
          checkName(f.name)
          if (this.entries.has(f.name)) fail('unsafe-name', `工作簿中有重名的部件“${f.name.slice(0, 60)}”，可能是恶意构造的文件，已拒绝。`)
          total += f.originalSize
          if (total > l.maxTotalBytes) fail('zip-bomb', `工作簿解压后超过 ${mb(l.maxTotalBytes)}，可能是“压缩炸弹”，已拒绝。`)
          if (f.originalSize > 64 * 1024 && f.originalSize / Math.max(1, f.size) > l.maxRatio) {
            fail('zip-bomb', `部件“${f.name.slice(0, 60)}”的压缩比异常（${Math.round(f.originalSize / Math.max(1, f.size))}:1），可能是“压缩炸弹”，已拒绝。`)
          }
          if (f.compression !== 0 && f.compression !== 8) fail('damaged', `部件“${f.name.slice(0, 60)}”使用了不支持的压缩方式，无法读取。`)
          this.entries.set(f.name, { name: f.name, size: f.originalSize, compressedSize: f.size })
          return false
        }
      })
    } catch (e) {
      rethrow(e)
    }
    if (this.entries.size === 0) fail('not-xlsx', '这不是 Excel 工作簿（.xlsx）：压缩包是空的。')
    for (const name of this.entries.keys()) {
      const lower = name.toLowerCase()
      if (lower.endsWith('vbaproject.bin') || lower.endsWith('.bin') && lower.includes('vba')) {
        fail('macro', '工作簿含有宏（VBA 代码，.xlsm），为安全起见已拒绝。请在 Excel 或 WPS 中“另存为”不含宏的 Excel 工作簿（.xlsx）后再提交。')
      }
      if (lower.startsWith('xl/externallinks/')) {
        fail('external-link', '工作簿含有指向其他文件的外部链接，数值可能来自本文件以外，已拒绝。请在 Excel 中“编辑链接 → 断开链接”后再提交。')
      }
    }
  }

  has(name: string): boolean {
    return this.entries.has(name)
  }

  names(): string[] {
    return [...this.entries.keys()]
  }

  private readonly inflated = new Map<string, Uint8Array>()

  /**
   * Inflate several small entries in one pass over the package (a data kit's
   * parts are a few kilobytes each); large ones are left to read() one at a
   * time, so memory never holds more than one large part.
   */
  prefetch(names: string[]): void {
    const small = names.filter((n) => {
      const e = this.entries.get(n)
      return e && !this.inflated.has(n) && e.size <= 1024 * 1024
    })
    if (small.length < 2) return
    const wanted = new Set(small)
    let files: Record<string, Uint8Array>
    try {
      files = unzipSync(this.data, { filter: (f) => wanted.has(f.name) })
    } catch (err) {
      rethrow(err)
    }
    for (const n of small) {
      const bytes = files[n]
      if (!bytes || bytes.length !== this.entries.get(n)!.size) fail('damaged', `部件“${n.slice(0, 60)}”已损坏或不完整，无法读取。`)
      this.inflated.set(n, bytes)
    }
  }

  /** One entry's bytes (null when absent); refused when it declares more than the per-part cap. */
  read(name: string): Uint8Array | null {
    const e = this.entries.get(name)
    if (!e) return null
    const done = this.inflated.get(name)
    if (done) {
      // Handed over once: the package keeps no copy of what its reader holds.
      this.inflated.delete(name)
      return done
    }
    if (e.size > this.limits.maxPartBytes) fail('too-large', `部件“${name.slice(0, 60)}”解压后有 ${mb(e.size)}，超过 ${mb(this.limits.maxPartBytes)} 的上限，已拒绝。`)
    let files: Record<string, Uint8Array>
    try {
      files = unzipSync(this.data, { filter: (f) => f.name === name })
    } catch (err) {
      rethrow(err)
    }
    const bytes = files[name]
    // fflate inflates into a buffer of the declared size; a shorter result means the entry is damaged.
    if (!bytes || bytes.length !== e.size) fail('damaged', `部件“${name.slice(0, 60)}”已损坏或不完整，无法读取。`)
    return bytes
  }
}

/** Entry names that could address something outside the package are refused outright. */
function checkName(name: string): void {
  const bad =
    name.length === 0 ||
    name.length > 1024 ||
    name.includes('\\') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    /[\u0000-\u001f]/.test(name) ||
    name.split('/').some((seg) => seg === '..' || seg === '.')
  if (bad) fail('unsafe-name', `工作簿中含有可疑的路径“${name.replace(/[\u0000-\u001f]/g, '?').slice(0, 60)}”（可能试图写到文件夹以外），已拒绝。`)
}

function rethrow(e: unknown): never {
  if (e instanceof XlsxFailure) throw e
  fail('damaged', '文件已损坏或不完整（不是有效的 .xlsx 压缩包），无法读取。')
}
