import { unzipSync } from 'fflate'

/**
 * An Office package (.docx, .xlsx) read as a zip without trusting it. The
 * central directory is listed first (nothing inflated) and refused when it
 * declares too many entries, too many bytes, an implausible compression
 * ratio, or names that try to leave the package (zip-slip). Entries are then
 * inflated into buffers of their declared size, so an entry that lies about
 * its size cannot grow past what was checked. Nothing is ever written to disk.
 */

/** The bounds every package from outside is listed under. */
export interface ZipLimits {
  /** Size of the file itself. */
  maxFileBytes: number
  /** Entries in the zip's central directory. */
  maxEntries: number
  /** Sum of the declared uncompressed sizes of all entries. */
  maxTotalBytes: number
  /** Uncompressed/compressed ratio of one entry above 64 KB (a zip bomb compresses far better than Office XML). */
  maxRatio: number
  /** Element nesting depth of an XML part. */
  maxXmlDepth: number
}

/** Why a package is refused, in the terms every reader shares; each maps them onto its own kinds. */
export type ZipRefusal = 'empty' | 'too-large' | 'old-format' | 'not-package' | 'zip-bomb' | 'unsafe-name' | 'damaged'

/** How one kind of package speaks of itself when it is refused, and how it raises a refusal. */
export interface PackageWords {
  /** What the package is called in a sentence: 文件, 工作簿. */
  noun: string
  /** The file's extension, for the damaged-package sentence: .docx, .xlsx. */
  ext: string
  /** How a refusal ends: 已拒绝导入, 已拒绝. */
  refused: string
  /** How an unreadable part ends: 无法导入, 无法读取. */
  unreadable: string
  empty: string
  tooLarge(size: string, max: string): string
  /** An old binary (OLE) file or an encrypted one. */
  oldFormat: string
  notPackage: string
  emptyPackage: string
  fail(kind: ZipRefusal, message: string): never
  /** True for a refusal this reader raised (passed on as it is, never taken for a damaged file). */
  isRefusal(e: unknown): boolean
}

export interface ZipEntryInfo {
  name: string
  compressedSize: number
  size: number
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]

export function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`
}

export class UntrustedZip {
  readonly entries = new Map<string, ZipEntryInfo>()

  constructor(
    private readonly data: Uint8Array,
    private readonly limits: ZipLimits,
    protected readonly words: PackageWords
  ) {
    const w = words
    if (data.length === 0) w.fail('empty', w.empty)
    if (data.length > limits.maxFileBytes) w.fail('too-large', w.tooLarge(mb(data.length), mb(limits.maxFileBytes)))
    if (OLE_MAGIC.every((b, i) => data[i] === b)) w.fail('old-format', w.oldFormat)
    if (!(data[0] === 0x50 && data[1] === 0x4b)) w.fail('not-package', w.notPackage)
    this.list()
  }

  private list(): void {
    const { limits: l, words: w } = this
    let count = 0
    let total = 0
    try {
      unzipSync(this.data, {
        filter: (f) => {
          const name = f.name.slice(0, 60)
          if (++count > l.maxEntries) w.fail('zip-bomb', `${w.noun}包含的部件过多（超过 ${l.maxEntries} 个），可能是恶意构造的文件，${w.refused}。`)
          this.checkName(f.name)
          if (this.entries.has(f.name)) w.fail('unsafe-name', `${w.noun}中有重名的部件“${name}”，可能是恶意构造的文件，${w.refused}。`)
          total += f.originalSize
          if (total > l.maxTotalBytes) w.fail('zip-bomb', `${w.noun}解压后超过 ${mb(l.maxTotalBytes)}，可能是“压缩炸弹”，${w.refused}。`)
          if (f.originalSize > 64 * 1024 && f.originalSize / Math.max(1, f.size) > l.maxRatio) {
            w.fail('zip-bomb', `部件“${name}”的压缩比异常（${Math.round(f.originalSize / Math.max(1, f.size))}:1），可能是“压缩炸弹”，${w.refused}。`)
          }
          if (f.compression !== 0 && f.compression !== 8) w.fail('damaged', `部件“${name}”使用了不支持的压缩方式，${w.unreadable}。`)
          this.entries.set(f.name, { name: f.name, compressedSize: f.size, size: f.originalSize })
          return false
        }
      })
    } catch (e) {
      this.rethrow(e)
    }
    if (this.entries.size === 0) w.fail('not-package', w.emptyPackage)
  }

  has(name: string): boolean {
    return this.entries.has(name)
  }

  names(): string[] {
    return [...this.entries.keys()]
  }

  /** Inflate the named entries (missing names are skipped); each must fit its cap. */
  read(names: string[], capFor: (name: string) => number): Map<string, Uint8Array> {
    const w = this.words
    const wanted = new Set<string>()
    for (const n of names) {
      const e = this.entries.get(n)
      if (!e) continue
      const cap = capFor(n)
      if (e.size > cap) w.fail('too-large', `部件“${n.slice(0, 60)}”解压后有 ${mb(e.size)}，超过 ${mb(cap)} 的上限，${w.refused}。`)
      wanted.add(n)
    }
    if (wanted.size === 0) return new Map()
    let files: Record<string, Uint8Array> = {}
    try {
      files = unzipSync(this.data, { filter: (f) => wanted.has(f.name) })
    } catch (e) {
      this.rethrow(e)
    }
    const out = new Map<string, Uint8Array>()
    for (const n of wanted) {
      const bytes = files[n]
      // fflate inflates into a buffer of the declared size; a shorter result means the entry is damaged.
      if (!bytes || bytes.length !== this.entries.get(n)!.size) w.fail('damaged', `部件“${n.slice(0, 60)}”已损坏或不完整，${w.unreadable}。`)
      out.set(n, bytes)
    }
    return out
  }

  /** Entry names that could address something outside the package are refused outright. */
  private checkName(name: string): void {
    const bad =
      name.length === 0 ||
      name.length > 1024 ||
      name.includes('\\') ||
      name.startsWith('/') ||
      /^[A-Za-z]:/.test(name) ||
      /[\u0000-\u001f]/.test(name) ||
      name.split('/').some((seg) => seg === '..' || seg === '.')
    const w = this.words
    if (bad) w.fail('unsafe-name', `${w.noun}中含有可疑的路径“${name.replace(/[\u0000-\u001f]/g, '?').slice(0, 60)}”（可能试图写到文件夹以外），${w.refused}。`)
  }

  private rethrow(e: unknown): never {
    const w = this.words
    if (w.isRefusal(e)) throw e
    return w.fail('damaged', `文件已损坏或不完整（不是有效的 ${w.ext} 压缩包），${w.unreadable}。`)
  }
}
