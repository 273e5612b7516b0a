import { createHash } from 'node:crypto'
import { imageSize } from 'image-size'
import { UserError } from '@shared/errors'
import type { StoredAsset } from '../store/reportStore'

/** Limits for a photo inserted into a report. */
export const MAX_IMAGE_BYTES = 30 * 1024 * 1024
export const MAX_IMAGE_PIXELS = 80_000_000

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp', webp: 'image/webp' }
const IMAGE_TYPES = new Set(Object.values(MIME))

/**
 * The type a stored image is served with: its own when it is one of ours,
 * otherwise plain bytes. A report file comes from outside; an asset row
 * claiming text/html must never be shown as a page.
 */
export function servedImageType(mime: string): string {
  return IMAGE_TYPES.has(mime) ? mime : 'application/octet-stream'
}

/** Response header for stored images: nothing in them may run or load anything. */
export const ASSET_CSP = "default-src 'none'; sandbox"

/**
 * Check an image from outside (file, paste, drop, import) and describe it.
 * Only formats Word and the editor both show are accepted.
 */
export function checkImage(bytes: Buffer): StoredAsset {
  if (bytes.length === 0) throw new UserError('BAD_IMAGE', '图片文件是空的。')
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new UserError('TOO_LARGE', `图片太大（${(bytes.length / 1048576).toFixed(1)} MB），单张图片不能超过 ${MAX_IMAGE_BYTES / 1048576} MB。请先压缩后再插入。`)
  }
  let info
  try {
    info = imageSize(bytes)
  } catch {
    throw new UserError('BAD_IMAGE', '无法识别这张图片，文件可能已损坏。支持 PNG、JPEG、GIF、BMP 和 WebP 格式。')
  }
  const mime = info.type ? MIME[info.type] : undefined
  if (!mime) throw new UserError('BAD_IMAGE', `不支持的图片格式（${info.type ?? '未知'}）。支持 PNG、JPEG、GIF、BMP 和 WebP 格式。`)
  let { width = 0, height = 0 } = info
  if (info.orientation && info.orientation >= 5) [width, height] = [height, width]
  if (!width || !height) throw new UserError('BAD_IMAGE', '图片尺寸无效，文件可能已损坏。')
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new UserError('TOO_LARGE', `图片像素过多（${width}×${height}），请缩小到 8000 万像素以内再插入。`)
  }
  const hash = createHash('sha256').update(bytes).digest('hex')
  return { hash, mime, width, height, bytes }
}

export function decodeBase64(data: string): Buffer {
  return Buffer.from(data, 'base64')
}
