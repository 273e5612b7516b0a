import { UserError } from '@shared/errors'
import type { ImportSource } from '../import/service'
import { decodeBase64 } from './assets'

/** A .docx the page handed over (the browser host's upload, a drop on the window), checked by its name first. */
export function uploadedDocx(upload: { name: string; data: string }): ImportSource {
  if (!/\.docx$/i.test(upload.name)) {
    throw new UserError('IMPORT_FAILED', `“${upload.name}”不是 Word 文档（.docx）。旧版 .doc 文件请先在 Word 或 WPS 中另存为 .docx。`)
  }
  return { bytes: decodeBase64(upload.data), fileName: upload.name }
}
