import { MAX_UPLOAD_BYTES } from '@shared/contract/import'

/**
 * Files the user hands the browser (a file picker or a drop on the window):
 * read to base64 for the contract, refused early when they cannot be what
 * we want. Main checks everything again.
 */
export class FileProblem extends Error {}

export function isDocx(file: File): boolean {
  return /\.docx$/i.test(file.name)
}

export function checkDocx(file: File): void {
  if (/\.doc$/i.test(file.name)) throw new FileProblem(`“${file.name}”是旧版 Word 文档（.doc），请先在 Word 或 WPS 中另存为 .docx 再导入。`)
  if (!isDocx(file)) throw new FileProblem(`“${file.name}”不是 Word 文档（.docx）。`)
  if (file.size === 0) throw new FileProblem(`“${file.name}”是空文件。`)
  if (file.size > MAX_UPLOAD_BYTES) throw new FileProblem(`“${file.name}”太大（${(file.size / 1048576).toFixed(1)} MB），导入的文档不能超过 ${MAX_UPLOAD_BYTES / 1048576} MB。`)
}

export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => {
      const url = String(r.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    r.onerror = () => reject(new FileProblem('无法读取这个文件。'))
    r.readAsDataURL(file)
  })
}

/** Ask for one file through the browser's own picker; null when cancelled. */
export function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    input.dataset.testid = 'import-file-input'
    const done = (f: File | null) => {
      input.remove()
      resolve(f)
    }
    input.addEventListener('change', () => done(input.files?.[0] ?? null))
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}
