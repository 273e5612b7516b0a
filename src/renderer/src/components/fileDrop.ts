/**
 * Files dropped on the window go to one feature. The window-wide drop
 * target (import's) asks the features that registered here first: a
 * feature that takes the files (汇总 takes workbooks and school reports
 * while a city report is open) says so, and the drop goes no further.
 * A feature may also say what the drop will do, for the hint shown while
 * files are dragged over the window.
 */
export interface DropClaim {
  /** True when the feature takes these files (it then handles them). */
  take(files: File[]): boolean
  /** What dropping will do, for the hint; null when this feature has nothing to say now. */
  hint(): string | null
}

const claims = new Set<DropClaim>()

export function claimFileDrops(claim: DropClaim): () => void {
  claims.add(claim)
  return () => claims.delete(claim)
}

/** Offer dropped files to the registered features; true when one took them. */
export function offerDrop(files: File[]): boolean {
  for (const c of claims) if (c.take(files)) return true
  return false
}

export function dropHint(): string | null {
  for (const c of claims) {
    const h = c.hint()
    if (h) return h
  }
  return null
}
