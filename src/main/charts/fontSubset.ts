import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A small font holding only the characters a chart uses, cut from the
 * machine's CJK font with HarfBuzz's subsetter (harfbuzzjs, WebAssembly).
 * resvg reads the whole font file again for every run of text, and a CJK
 * font is 10–20 MB: with a subset a chart renders in milliseconds instead of
 * a second. The subset keeps the family name, so the SVG's font-family still
 * finds it.
 */
interface HbExports {
  memory: WebAssembly.Memory
  malloc(size: number): number
  free(ptr: number): void
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number
  hb_blob_destroy(blob: number): void
  hb_blob_get_length(blob: number): number
  hb_blob_get_data(blob: number, length: number): number
  hb_face_create(blob: number, index: number): number
  hb_face_destroy(face: number): void
  hb_face_reference_blob(face: number): number
  hb_set_add(set: number, codepoint: number): void
  hb_subset_input_create_or_fail(): number
  hb_subset_input_destroy(input: number): void
  hb_subset_input_unicode_set(input: number): number
  hb_subset_or_fail(face: number, input: number): number
}

let hb: HbExports | null = null

function harfbuzz(): HbExports {
  if (!hb) {
    const req = createRequire(__filename)
    const wasm = readFileSync(req.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'))
    // Synchronous on purpose: chart rendering is synchronous, and Node allows it for a module of this size.
    hb = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports as unknown as HbExports
  }
  return hb
}

/** Faces kept loaded in HarfBuzz's memory, by font file and family. */
const faces = new Map<string, number>()
const subsets = new Map<string, string>()
let dir: string | null = null

/** Subsets are handed to resvg as files: it reads a file far faster than a font buffer passed from JavaScript. */
function subsetDir(): string {
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-fonts-'))
    const d = dir
    process.once('exit', () => rmSync(d, { recursive: true, force: true }))
  }
  return dir
}

function loadFace(path: string, family: string): number {
  const key = `${path}\u0000${family}`
  let face = faces.get(key)
  if (face !== undefined) return face
  const h = harfbuzz()
  const bytes = readFileSync(path)
  const index = faceIndex(bytes, family)
  const ptr = h.malloc(bytes.byteLength)
  new Uint8Array(h.memory.buffer).set(bytes, ptr)
  // HB_MEMORY_MODE_WRITABLE: HarfBuzz owns the copy; it stays for the life of the process.
  const blob = h.hb_blob_create(ptr, bytes.byteLength, 2, 0, 0)
  face = h.hb_face_create(blob, index)
  h.hb_blob_destroy(blob)
  faces.set(key, face)
  return face
}

/** A font file with the subset of `family` (from the font file at `path`) holding the characters of `text`; null if it cannot be made. */
export function fontSubset(path: string, family: string, text: string): string | null {
  const chars = [...new Set([...text, ...'0123456789.,:%-+ '])].sort().join('')
  const key = `${path}\u0000${family}\u0000${chars}`
  const hit = subsets.get(key)
  if (hit) return hit
  try {
    const h = harfbuzz()
    const face = loadFace(path, family)
    const input = h.hb_subset_input_create_or_fail()
    if (!input) return null
    const unicodes = h.hb_subset_input_unicode_set(input)
    for (const ch of chars) h.hb_set_add(unicodes, ch.codePointAt(0)!)
    const subset = h.hb_subset_or_fail(face, input)
    h.hb_subset_input_destroy(input)
    if (!subset) return null
    const blob = h.hb_face_reference_blob(subset)
    const data = h.hb_blob_get_data(blob, 0)
    const length = h.hb_blob_get_length(blob)
    const bytes = Buffer.from(new Uint8Array(h.memory.buffer, data, length))
    h.hb_blob_destroy(blob)
    h.hb_face_destroy(subset)
    if (length === 0) return null
    const file = join(subsetDir(), `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.otf`)
    writeFileSync(file, bytes)
    if (subsets.size > 500) subsets.clear()
    subsets.set(key, file)
    return file
  } catch {
    return null
  }
}

/** In a font collection (.ttc), the face whose family is `family`; 0 for a single font or when none matches. */
export function faceIndex(bytes: Buffer, family: string): number {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== 'ttcf') return 0
  const count = bytes.readUInt32BE(8)
  for (let i = 0; i < Math.min(count, 64); i++) {
    const offset = bytes.readUInt32BE(12 + i * 4)
    if (familyNames(bytes, offset).includes(family)) return i
  }
  return 0
}

/** Family names (name IDs 1 and 16) of the face whose table directory is at `offset`. */
function familyNames(b: Buffer, offset: number): string[] {
  const out: string[] = []
  if (offset + 12 > b.length) return out
  const numTables = b.readUInt16BE(offset + 4)
  for (let t = 0; t < numTables; t++) {
    const rec = offset + 12 + t * 16
    if (rec + 16 > b.length) break
    if (b.toString('latin1', rec, rec + 4) !== 'name') continue
    const name = b.readUInt32BE(rec + 8)
    if (name + 6 > b.length) break
    const count = b.readUInt16BE(name + 2)
    const strings = name + b.readUInt16BE(name + 4)
    for (let r = 0; r < count; r++) {
      const nr = name + 6 + r * 12
      if (nr + 12 > b.length) break
      const platform = b.readUInt16BE(nr)
      const nameId = b.readUInt16BE(nr + 6)
      const length = b.readUInt16BE(nr + 8)
      const start = strings + b.readUInt16BE(nr + 10)
      if ((nameId !== 1 && nameId !== 16) || start + length > b.length) continue
      // Windows (3) and Unicode (0) names are UTF-16BE.
      if (platform === 3 || platform === 0) out.push(Buffer.from(b.subarray(start, start + length)).swap16().toString('utf16le'))
    }
  }
  return out
}
