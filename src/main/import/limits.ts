import type { ZipLimits } from '../untrusted/zip'

export { mb } from '../untrusted/zip'

/**
 * Every bound an import enforces. A .docx is hostile until checked: these
 * caps are applied to what the zip's central directory declares before any
 * entry is inflated, to the XML while it is parsed, and to the worker that
 * does the parsing (heap and wall-clock time).
 */
export interface ImportLimits extends ZipLimits {
  /** Declared uncompressed size of any one XML part. */
  maxXmlBytes: number
  /** Declared uncompressed size of any one image. */
  maxImageBytes: number
  /** Elements in one XML part. */
  maxXmlElements: number
  /** Pixels of one image (width × height as its header declares). */
  maxImagePixels: number
  /** Images in one document. */
  maxImages: number
  /** Worker heap cap (MB). */
  workerHeapMb: number
  /** Worker wall-clock limit (ms). */
  timeoutMs: number
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxEntries: 5000,
  maxTotalBytes: 400 * 1024 * 1024,
  maxXmlBytes: 64 * 1024 * 1024,
  maxImageBytes: 30 * 1024 * 1024,
  maxRatio: 200,
  maxXmlDepth: 200,
  maxXmlElements: 4_000_000,
  maxImagePixels: 80_000_000,
  maxImages: 2000,
  workerHeapMb: 1024,
  timeoutMs: 120_000
}

export function withLimits(patch?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_LIMITS, ...patch }
}
