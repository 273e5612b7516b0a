import type { NodeViewRenderer } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorEnv } from '../contribution'
import { displayUrl } from './display'

/**
 * A photo as plain DOM (no React): the image, scaled down by CSS and shown
 * from a display-size copy when one exists, and the editable caption line
 * under it (the node's own text).
 */
export function photoView(env: EditorEnv): NodeViewRenderer {
  return ({ node: initial }) => {
    let node: PMNode = initial
    const dom = document.createElement('figure')
    dom.className = 'photo'
    dom.setAttribute('data-type', 'photo')
    const frame = document.createElement('div')
    frame.className = 'photo-frame'
    frame.contentEditable = 'false'
    const img = document.createElement('img')
    img.decoding = 'async'
    img.loading = 'lazy'
    img.draggable = false
    img.alt = ''
    const broken = document.createElement('div')
    broken.className = 'photo-broken'
    broken.hidden = true
    frame.append(img, broken)
    const caption = document.createElement('figcaption')
    dom.append(frame, caption)

    const show = () => {
      const asset = node.attrs.asset as string | null
      const w = Number(node.attrs.width) || 0
      const h = Number(node.attrs.height) || 0
      if (w && h) img.style.aspectRatio = `${w} / ${h}`
      dom.toggleAttribute('data-empty-caption', node.content.size === 0)
      if (!asset) {
        img.hidden = true
        broken.hidden = false
        broken.textContent = '图片缺失：这张图片没有保存在报告中，请删除后重新插入。'
        return
      }
      broken.hidden = true
      img.hidden = false
      const src = displayUrl(env, asset, w, h)
      if (img.getAttribute('src') !== src) img.src = src
    }
    img.onerror = () => {
      img.hidden = true
      broken.hidden = false
      broken.textContent = '图片无法显示：文件可能已损坏或不在报告中。请删除后重新插入。'
    }
    img.onload = () => {
      broken.hidden = true
      img.hidden = false
    }
    show()

    return {
      dom,
      contentDOM: caption,
      update(next) {
        if (next.type !== node.type) return false
        node = next
        show()
        return true
      },
      ignoreMutation(m) {
        // Only the caption is ProseMirror's; changes to the image frame are ours.
        return !caption.contains(m.target) && m.type !== 'selection'
      },
      stopEvent: () => false
    }
  }
}
