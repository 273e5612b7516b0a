import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import type { AssetInfo } from '@shared/api'
import { errorMessage } from '../../api/client'
import type { EditorEnv } from '../contribution'
import { needsDisplayCopy } from './display'

/** main refuses larger images (services/assets.ts); checking here spares a long upload. */
export const MAX_IMAGE_BYTES = 30 * 1024 * 1024
const IMAGE_TYPES = /^image\/(png|jpeg|gif|bmp|webp)$/

interface Placeholder {
  id: number
  pos: number
}

type Action = { add: Placeholder } | { remove: number }

export const uploadKey = new PluginKey<DecorationSet>('photoUpload')
let nextId = 1

/** Shows where photos being stored will appear, and keeps that place as the text around it changes. */
export function uploadPlaceholderPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: uploadKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr: Transaction, set: DecorationSet) {
        set = set.map(tr.mapping, tr.doc)
        const action = tr.getMeta(uploadKey) as Action | undefined
        if (action && 'add' in action) {
          const el = document.createElement('span')
          el.className = 'photo-uploading'
          el.textContent = '正在插入图片…'
          set = set.add(tr.doc, [Decoration.widget(action.add.pos, el, { id: action.add.id })])
        } else if (action && 'remove' in action) {
          set = set.remove(set.find(undefined, undefined, (spec) => spec.id === action.remove))
        }
        return set
      }
    },
    props: {
      decorations(state) {
        return uploadKey.getState(state)
      }
    }
  })
}

function placeholderPos(state: EditorState, id: number): number | null {
  const found = uploadKey.getState(state)?.find(undefined, undefined, (spec) => spec.id === id)
  return found?.length ? found[0].from : null
}

export function isImageFile(f: File | Blob): boolean {
  return IMAGE_TYPES.test(f.type)
}

/** Check a file before it is sent: a clear message instead of a long wait for a refusal. */
export function checkImageFile(f: File | Blob): string | null {
  const name = f instanceof File && f.name ? `“${f.name}”` : '这张图片'
  if (!isImageFile(f)) return `${name}不是支持的图片格式。支持 PNG、JPEG、GIF、BMP 和 WebP 格式。`
  if (f.size === 0) return `${name}是空文件。`
  if (f.size > MAX_IMAGE_BYTES) {
    return `${name}太大（${(f.size / 1048576).toFixed(1)} MB），单张图片不能超过 ${MAX_IMAGE_BYTES / 1048576} MB。请先压缩后再插入。`
  }
  return null
}

/**
 * Whether the browser can draw the image. A damaged file can have a valid
 * header (main reads only that) and nothing readable behind it: it would be
 * shown as an empty frame. Big photos are decoded by their display copy,
 * which says so in place when it fails.
 */
async function drawable(f: File | Blob): Promise<boolean> {
  if (typeof createImageBitmap !== 'function') return true
  try {
    const bitmap = await createImageBitmap(f)
    bitmap.close()
    return true
  } catch {
    return false
  }
}

/** A photo node for a stored image, with an empty caption line. */
export function photoNode(state: EditorState, info: AssetInfo, caption = '') {
  const type = state.schema.nodes.photo
  return type.create({ asset: info.hash, width: info.width, height: info.height }, caption ? state.schema.text(caption) : null)
}

/**
 * Store image files as assets and insert a photo for each at `pos` (in
 * order). Refused files get a message; the rest still go in.
 */
export async function insertImageFiles(view: EditorView, env: Pick<EditorEnv, 'notify' | 'uploadImage'>, files: (File | Blob)[], pos: number): Promise<void> {
  const ok: (File | Blob)[] = []
  for (const f of files) {
    const problem = checkImageFile(f)
    if (problem) env.notify('error', problem)
    else ok.push(f)
  }
  if (!ok.length) return
  const id = nextId++
  view.dispatch(view.state.tr.setMeta(uploadKey, { add: { id, pos } } satisfies Action))
  const stored: AssetInfo[] = []
  for (const f of ok) {
    try {
      const info = await env.uploadImage(f, f instanceof File ? f.name : undefined)
      if (!needsDisplayCopy(info.width, info.height) && !(await drawable(f))) {
        env.notify('error', `图片未能插入：${f instanceof File && f.name ? `“${f.name}”` : '这张图片'}无法显示，文件可能已损坏。请换一张图片。`)
        continue
      }
      stored.push(info)
    } catch (e) {
      env.notify('error', `图片未能插入：${errorMessage(e)}`)
    }
  }
  if (view.isDestroyed) return
  const at = placeholderPos(view.state, id)
  const tr = view.state.tr.setMeta(uploadKey, { remove: id } satisfies Action)
  if (at !== null && stored.length) {
    const nodes = stored.map((info) => photoNode(view.state, info))
    tr.replaceWith(at, at, nodes)
    // The caption line of the (last) new photo is where one writes next.
    const last = nodes[nodes.length - 1]
    const lastStart = at + nodes.slice(0, -1).reduce((n, x) => n + x.nodeSize, 0)
    if (tr.doc.nodeAt(lastStart)?.type === last.type) tr.setSelection(TextSelection.create(tr.doc, lastStart + 1))
  }
  view.dispatch(tr)
  if (at !== null && stored.length) view.focus()
}
