import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { UserError } from '../../src/shared/errors'
import { importToFile } from '../../src/main/import/service'
import { runImport } from '../../src/main/import/runner'
import { makeDocx, para, pngHeader, picture, QINGYUAN_DOCX, tinyPng, W_NS } from '../helpers/docx'
import { tempDir } from '../helpers/reports'

/**
 * Every .docx is hostile until checked. Each kind of hostile or broken file
 * ends in one clear Chinese sentence, nothing is created, and the worker's
 * limits (heap, time) are what bound the cost.
 */
async function refused(bytes: Uint8Array, pattern: RegExp, limits = {}): Promise<string> {
  const dir = tempDir('nianbao-hostile-')
  const out = join(dir, '新报告.nianbao')
  let error: unknown = null
  try {
    await importToFile({ bytes, fileName: 'evil.docx' }, out, { limits })
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(UserError)
  const message = (error as UserError).message
  expect(message).toMatch(pattern)
  // One plain Chinese sentence: no stack, no English error text leaking through.
  expect(message).toMatch(/[\u4e00-\u9fff]/)
  expect(message).not.toMatch(/\bat .+:\d+|Error:|undefined|\[object/)
  expect(message).toContain('没有生成新报告')
  // Nothing left behind, not even a temporary file.
  expect(readdirSync(dir)).toEqual([])
  return message
}

function withDocument(xml: string): Uint8Array {
  return makeDocx({ body: '', extra: { 'word/document.xml': strToU8(xml) } })
}

describe('hostile and broken .docx files', () => {
  it('a file that is not a zip at all', async () => {
    await refused(strToU8('这不是压缩包，只是一段文字。'.repeat(20)), /不是 Word 文档/)
  })

  it('an old binary .doc (or an encrypted document)', async () => {
    const ole = new Uint8Array(4096)
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    await refused(ole, /旧版 Word 文档（\.doc）或加密/)
  })

  it('a truncated file', async () => {
    const whole = readFileSync(QINGYUAN_DOCX)
    await refused(whole.subarray(0, Math.floor(whole.length / 2)), /损坏或不完整/)
  })

  it('an empty file', async () => {
    await refused(new Uint8Array(0), /空的/)
  })

  it('a zip that is not a Word document', async () => {
    await refused(zipSync({ 'readme.txt': strToU8('hello') }), /找不到文档正文|不是 Word 文档/)
  })

  it('a zip bomb: an entry that expands far more than Word XML ever does (refused before inflating)', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024)
    const bytes = makeDocx({ body: para('正文'), extra: { 'word/media/bomb.bin': zeros } })
    await refused(bytes, /压缩比异常.*压缩炸弹/)
  })

  it('a zip bomb: entries declaring more bytes in total than the cap', async () => {
    const bytes = makeDocx({ body: para('正文'), extra: { 'word/a.bin': new Uint8Array(300_000), 'word/b.bin': new Uint8Array(300_000) } })
    await refused(bytes, /解压后超过.*压缩炸弹/, { maxTotalBytes: 400_000, maxRatio: 100_000 })
  })

  it('a zip bomb: a size field that lies (the central directory claims gigabytes)', async () => {
    const bytes = Buffer.from(makeDocx({ body: para('正文') }))
    // Patch the uncompressed size of the first central directory entry to 3.9 GB.
    const cd = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    bytes.writeUInt32LE(0xf0000000, cd + 24)
    await refused(bytes, /压缩炸弹|超过/)
  })

  it('too many entries', async () => {
    const extra: Record<string, Uint8Array> = {}
    for (let i = 0; i < 60; i++) extra[`word/x${i}.xml`] = strToU8('<a/>')
    await refused(makeDocx({ body: para('正文'), extra }), /部件过多/, { maxEntries: 50 })
  })

  it('zip-slip entry names', async () => {
    await refused(makeDocx({ body: para('正文'), extra: { '../../outside.xml': strToU8('<a/>') } }), /可疑的路径/)
    await refused(makeDocx({ body: para('正文'), extra: { 'word/../../../etc/passwd': strToU8('x') } }), /可疑的路径/)
  })

  it('a relationship that points outside the package', async () => {
    await refused(makeDocx({ body: picture('rIdX'), rels: { rIdX: { type: 'image', target: '../../../secret.png' } } }), /指向压缩包以外/)
  })

  it('a document part that is not well-formed XML: which part, in Chinese (not the parser’s English)', async () => {
    const message = await refused(withDocument(`<w:document ${W_NS}><w:body><w:p><w:r><w:t>正文</w:r></w:p></w:body></w:document>`), /文档部件“word\/document\.xml”不是有效的 XML，文件可能已损坏/)
    expect(message).not.toMatch(/unexpected|close tag|\d+:\d+/)
  })

  it('deeply nested XML', async () => {
    const depth = 5000
    const body = '<w:sdt><w:sdtContent>'.repeat(depth) + para('深处') + '</w:sdtContent></w:sdt>'.repeat(depth)
    // (Such nesting also compresses suspiciously well; the ratio check is lifted to reach the depth check.)
    await refused(makeDocx({ body }), /嵌套层数超过/, { maxRatio: 1e6 })
  })

  it('a DOCTYPE with an external entity (XXE)', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document ${W_NS}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`
    await refused(withDocument(xml), /DOCTYPE/)
  })

  it('entity expansion (billion laughs)', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document ${W_NS}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>`
    await refused(withDocument(xml), /DOCTYPE/)
  })

  it('an image linked from outside the document (file: and http:)', async () => {
    const linked = (target: string) =>
      makeDocx({
        body: `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:link="rIdL"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
        rels: { rIdL: { type: 'image', target, external: true } }
      })
    await refused(linked('file:///etc/passwd'), /图片链接到文档以外的位置（file:\/\/\/etc\/passwd）/)
    await refused(linked('http://tracker.example/pixel.png'), /图片链接到文档以外的位置（http:/)
    // An embedded reference whose relationship is external is the same thing.
    await refused(makeDocx({ body: picture('rIdE'), rels: { rIdE: { type: 'image', target: '\\\\server\\share\\a.png', external: true } } }), /图片链接到文档以外/)
  })

  it('a javascript: link', async () => {
    const body = `<w:p><w:hyperlink r:id="rIdJ"><w:r><w:t>点这里</w:t></w:r></w:hyperlink></w:p>`
    await refused(makeDocx({ body, rels: { rIdJ: { type: 'hyperlink', target: 'javascript:alert(document.cookie)', external: true } } }), /可执行脚本的链接/)
    const field = `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "vbscript:msgbox(1)" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>点这里</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
    await refused(makeDocx({ body: field }), /可执行脚本的链接/)
  })

  it('a huge image (a pixel bomb: the header claims 100000 × 100000)', async () => {
    const body = para('1 基本情况', { bold: true }) + picture('rIdP')
    await refused(makeDocx({ body, rels: { rIdP: { type: 'image', target: 'media/huge.png' } }, media: { 'huge.png': pngHeader(100_000, 100_000) } }), /像素过多（100000×100000/)
  })

  it('an image too large in bytes', async () => {
    const body = para('1 基本情况', { bold: true }) + picture('rIdP')
    const big = new Uint8Array(400_000)
    big.set(tinyPng())
    for (let i = tinyPng().length; i < big.length; i++) big[i] = (i * 2654435761) >>> 24
    await refused(makeDocx({ body, rels: { rIdP: { type: 'image', target: 'media/big.png' } }, media: { 'big.png': big } }), /超过.*上限/, { maxImageBytes: 100_000 })
  })

  it('a document with no report in it', async () => {
    await refused(makeDocx({ body: para('只有一句话。') }), /没有找到任何章节标题/)
  })

  it('a document that takes too long is stopped by the time limit', async () => {
    await refused(readFileSync(QINGYUAN_DOCX), /导入超时/, { timeoutMs: 1 })
  })

  it('a document that needs too much memory is stopped by the heap cap', async () => {
    // A legitimate but large body, analysed under a heap cap far below what it needs.
    const body = Array.from({ length: 4000 }, (_, i) => para(`${'清远市中等职业学校'.repeat(40)}${i}`)).join('')
    const bytes = makeDocx({ body: para('1 基本情况', { bold: true }) + body })
    await refused(bytes, /内存超过了 4 MB 的上限/, { workerHeapMb: 4, timeoutMs: 60_000 })
  })

  it('keeps the app responsive while a document is read', async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    try {
      const r = await runImport(readFileSync(QINGYUAN_DOCX), 'report.docx')
      expect(r.report.counts.chapters).toBe(9)
    } finally {
      clearInterval(timer)
    }
    // The main thread kept running its timers while the worker parsed.
    expect(ticks).toBeGreaterThan(3)
  })
})
