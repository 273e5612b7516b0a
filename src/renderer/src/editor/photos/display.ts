import type { EditorEnv } from '../contribution'

/**
 * Photos are shown scaled down; the stored original is what the export
 * uses. Big photos (a phone picture is 12 million pixels) would cost the
 * page hundreds of megabytes decoded at full size, so they are drawn from a
 * display-size copy made here, once per photo and session: decoded once,
 * resized by the browser off the main thread, kept as a small bitmap.
 */

/** Photos with more pixels than this are shown from a display-size copy. */
export const LARGE_PIXELS = 2_500_000
/** Longest side of the display-size copy, in pixels (sharp at the page width on high-density screens). */
export const DISPLAY_SIDE = 1600
const CACHE_SIZE = 60

const cache = new Map<string, Promise<ImageBitmap | null>>()

export function needsDisplayCopy(width: number, height: number): boolean {
  return width * height > LARGE_PIXELS
}

/** The URL a photo is shown from when it is small enough to be shown as it is. */
export function displayUrl(env: Pick<EditorEnv, 'assetUrl'>, hash: string): string {
  return env.assetUrl(hash)
}

/** The display-size copy of a big photo; null if the image cannot be read. */
export function displayBitmap(env: Pick<EditorEnv, 'assetUrl'>, hash: string, width: number, height: number): Promise<ImageBitmap | null> {
  const hit = cache.get(hash)
  if (hit) {
    // Most recently used last.
    cache.delete(hash)
    cache.set(hash, hit)
    return hit
  }
  const made = (async () => {
    const img = new Image()
    img.decoding = 'async'
    img.src = env.assetUrl(hash)
    try {
      await img.decode()
      const scale = Math.min(1, DISPLAY_SIDE / Math.max(width || img.naturalWidth, height || img.naturalHeight))
      return await createImageBitmap(img, {
        resizeWidth: Math.max(1, Math.round(img.naturalWidth * scale)),
        resizeHeight: Math.max(1, Math.round(img.naturalHeight * scale)),
        resizeQuality: 'high'
      })
    } catch {
      cache.delete(hash)
      return null
    } finally {
      img.src = ''
    }
  })()
  cache.set(hash, made)
  while (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value as string
    void cache.get(oldest)?.then((b) => b?.close())
    cache.delete(oldest)
  }
  return made
}
