import { z } from 'zod'
import { Base64, call, Hash } from './define'

export interface AssetInfo {
  hash: string
  mime: string
  width: number
  height: number
  bytes: number
}

export const assetCalls = {
  /** Store an image (base64 of the file's bytes); the same image is stored once. */
  put: call<AssetInfo>()(z.object({ data: Base64, name: z.string().max(255).optional() }).strict()),
  info: call<AssetInfo>()(z.object({ hash: Hash }).strict())
}
