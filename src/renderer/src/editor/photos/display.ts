import type { EditorEnv } from '../contribution'

/** The URL a photo is shown from. */
export function displayUrl(env: EditorEnv, hash: string, _width: number, _height: number): string {
  return env.assetUrl(hash)
}
