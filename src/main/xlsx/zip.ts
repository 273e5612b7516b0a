import { type PackageWords, UntrustedZip } from '../untrusted/zip'
import { fail, XlsxFailure } from './errors'
import type { XlsxLimits } from './limits'

/** How a workbook from outside is spoken of when it is refused. */
const XLSX: PackageWords = {
  noun: '工作簿',
  ext: '.xlsx',
  refused: '已拒绝',
  unreadable: '无法读取',
  empty: '文件是空的（0 字节）。',
  tooLarge: (size, max) => `文件太大（${size}），填报表不能超过 ${max}。`,
  oldFormat: '这是旧版 Excel 工作簿（.xls）或加密的工作簿，无法读取。请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx，不加密）后再提交。',
  notPackage: '这不是 Excel 工作簿（.xlsx）：文件内容不是 Excel 2007 及以后版本的格式。',
  emptyPackage: '这不是 Excel 工作簿（.xlsx）：压缩包是空的。',
  fail: (kind, message) => fail(kind === 'old-format' ? 'old-xls' : kind === 'not-package' ? 'not-xlsx' : kind, message),
  isRefusal: (e) => e instanceof XlsxFailure
}

/**
 * A workbook's zip package, read without trusting it (src/main/untrusted/zip.ts);
 * macros and external links are refused from the listing alone, and parts
 * are inflated one at a time.
 */
export class XlsxPackage extends UntrustedZip {
  constructor(
    data: Uint8Array,
    private readonly xlsxLimits: XlsxLimits
  ) {
    super(data, xlsxLimits, XLSX)
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

  private readonly inflated = new Map<string, Uint8Array>()

  /**
   * Inflate several small entries in one pass over the package (a data kit's
   * parts are a few kilobytes each); large ones are left to part() one at a
   * time, so memory never holds more than one large part.
   */
  prefetch(names: string[]): void {
    const small = names.filter((n) => {
      const e = this.entries.get(n)
      return e && !this.inflated.has(n) && e.size <= 1024 * 1024
    })
    if (small.length < 2) return
    for (const [n, bytes] of this.read(small, () => this.xlsxLimits.maxPartBytes)) this.inflated.set(n, bytes)
  }

  /** One part's bytes (null when absent); refused when it declares more than the per-part cap. */
  part(name: string): Uint8Array | null {
    const done = this.inflated.get(name)
    if (done) {
      this.inflated.delete(name)
      return done
    }
    return this.read([name], () => this.xlsxLimits.maxPartBytes).get(name) ?? null
  }
}
