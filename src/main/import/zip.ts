import { type PackageWords, UntrustedZip } from '../untrusted/zip'
import { fail, ImportFailure } from './errors'
import type { ImportLimits } from './limits'

/** How a .docx being imported is spoken of when it is refused. */
const DOCX: PackageWords = {
  noun: '文件',
  ext: '.docx',
  refused: '已拒绝导入',
  unreadable: '无法导入',
  empty: '文件是空的（0 字节），无法导入。',
  tooLarge: (size, max) => `文件太大（${size}），导入的 Word 文档不能超过 ${max}。`,
  oldFormat: '这是旧版 Word 文档（.doc）或加密的文档，无法直接导入。请在 Word 或 WPS 中“另存为”Word 文档（.docx，不加密）后再导入。',
  notPackage: '这不是 Word 文档（.docx）：文件内容不是 Word 2007 及以后版本的格式。',
  emptyPackage: '这不是 Word 文档（.docx）：压缩包是空的。',
  fail: (kind, message) => fail(kind === 'old-format' ? 'old-doc' : kind === 'not-package' ? 'not-docx' : kind, message),
  isRefusal: (e) => e instanceof ImportFailure
}

/** Last year's report (.docx) as a zip read without trusting it (src/main/untrusted/zip.ts). */
export class DocxZip extends UntrustedZip {
  constructor(data: Uint8Array, limits: ImportLimits) {
    super(data, limits, DOCX)
  }
}
