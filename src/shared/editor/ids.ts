/** Stable ids for headings, cases, tables and figures: short, random, URL-safe. */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(9)
  globalThis.crypto.getRandomValues(bytes)
  let s = ''
  for (const b of bytes) s += 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]
  return `${prefix}_${s}`
}
