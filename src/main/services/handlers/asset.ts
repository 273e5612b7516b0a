import type { Handlers } from '@shared/api'
import { UserError } from '@shared/errors'
import type { ServiceContext } from '../context'
import { checkImage, decodeBase64 } from '../assets'

export function assetHandlers(ctx: ServiceContext): Handlers['asset'] {
  return {
    put: ({ data }) => {
      const asset = checkImage(decodeBase64(data))
      ctx.session.store().putAsset(asset)
      return { hash: asset.hash, mime: asset.mime, width: asset.width, height: asset.height, bytes: asset.bytes.length }
    },
    info: ({ hash }) => {
      const a = ctx.session.require().store.assetInfo(hash)
      if (!a) throw new UserError('NOT_FOUND', '找不到这张图片。')
      return { hash: a.hash, mime: a.mime, width: a.width, height: a.height, bytes: a.size }
    }
  }
}
