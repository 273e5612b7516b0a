import { unzipSync } from 'fflate'
import { fail } from './errors'
import { mb, type ImportLimits } from './limits'

/**
 * Reading a .docx as a zip without trusting it. The central directory is
 * listed first (nothing inflated) and refused when it declares too many
 * entries, too many bytes, an implausible compression ratio, or names that
 * try to leave the package (zip-slip). Entries are then inflated into
 * buffers of their declared size, so an entry that lies about its size
 * cannot grow past what was checked. Nothing is ever written to disk.
 */
export interface ZipEntryInfo {
  name: string
  compressedSize: number
  size: number
  method: number
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]

export class DocxZip {
  readonly entries = new Map<string, ZipEntryInfo>()

  constructor(
    private readonly data: Uint8Array,
    private readonly limits: ImportLimits
  ) {
    if (data.length === 0) fail('empty', '文件是空的（0 字节），无法导入。')
    if (data.length > limits.maxFileBytes) fail('too-large', `文件太大（${mb(data.length)}），导入的 Word 文档不能超过 ${mb(limits.maxFileBytes)}。`)
    if (OLE_MAGIC.every((b, i) => data[i] === b)) {
      fail('old-doc', '这是旧版 Word 文档（.doc）或加密的文档，无法直接导入。请在 Word 或 WPS 中“另存为”Word 文档（.docx，不加密）后再导入。')
    }
    if (!(data[0] === 0x50 && data[1] === 0x4b)) fail('not-docx', '这不是 Word 文档（.docx）：文件内容不是 Word 2007 及以后版本的格式。')
    this.list()
  }

  private list(): void {
    const l = this.limits
    let count = 0
    let total = 0
    try {
      unzipSync(this.data, {
        filter: (f) => {
          if (++count > l.maxEntries) fail('zip-bomb', `文件包含的部件过多（超过 ${l.maxEntries} 个），可能是恶意构造的文件，已拒绝导入。`)
          checkName(f.name)
          if (this.entries.has(f.name)) fail('unsafe-name', `文件中有重名的部件“${f.name.slice(0, 60)}”，可能是恶意构造的文件，已拒绝导入。`)
          total += f.originalSize
          if (total > l.maxTotalBytes) fail('zip-bomb', `文件解压后超过 ${mb(l.maxTotalBytes)}，可能是“压缩炸弹”，已拒绝导入。`)
          if (f.originalSize > 64 * 1024 && f.originalSize / Math.max(1, f.size) > l.maxRatio) {
            fail('zip-bomb', `部件“${f.name.slice(0, 60)}”的压缩比异常（${Math.round(f.originalSize / Math.max(1, f.size))}:1），可能是“压缩炸弹”，已拒绝导入。`)
          }
          if (f.compression !== 0 && f.compression !== 8) {
            fail('damaged', `部件“${f.name.slice(0, 60)}”使用了不支持的压缩方式，无法导入。`)
          }
          this.entries.set(f.name, { name: f.name, compressedSize: f.size, size: f.originalSize, method: f.compression })
          return false
        }
      })
    } catch (e) {
      rethrow(e)
    }
    if (this.entries.size === 0) fail('not-docx', '这不是 Word 文档（.docx）：压缩包是空的。')
  }

  has(name: string): boolean {
    return this.entries.has(name)
  }

  /** Inflate the named entries (missing names are skipped); each must fit its per-kind cap. */
  read(names: string[], capFor: (name: string) => number): Map<string, Uint8Array> {
    const wanted = new Set<string>()
    for (const n of names) {
      const e = this.entries.get(n)
      if (!e) continue
      const cap = capFor(n)
      if (e.size > cap) fail('too-large', `部件“${n.slice(0, 60)}”解压后有 ${mb(e.size)}，超过 ${mb(cap)} 的上限，已拒绝导入。`)
      wanted.add(n)
    }
    if (wanted.size === 0) return new Map()
    let files: Record<string, Uint8Array>
    try {
      files = unzipSync(this.data, { filter: (f) => wanted.has(f.name) })
    } catch (e) {
      rethrow(e)
    }
    const out = new Map<string, Uint8Array>()
    for (const [k, v] of Object.entries(files)) {
      const declared = this.entries.get(k)?.size ?? 0
      // fflate inflates into a buffer of the declared size; a shorter result means the entry is damaged.
      if (v.length !== declared) fail('damaged', `部件“${k.slice(0, 60)}”已损坏或不完整，无法导入。`)
      out.set(k, v)
    }
    return out
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
  if (bad) fail('unsafe-name', `文件中含有可疑的路径“${name.replace(/[\u0000-\u001f]/g, '?').slice(0, 60)}”（可能试图写到文件夹以外），已拒绝导入。`)
}

function rethrow(e: unknown): never {
  if (e instanceof Error && e.name === 'ImportFailure') throw e
  fail('damaged', '文件已损坏或不完整（不是有效的 .docx 压缩包），无法导入。')
}
