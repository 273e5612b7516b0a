import type { NodeViewRenderer } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorEnv } from '../contribution'
import { DISPLAY_SIDE, displayBitmap, displayUrl, needsDisplayCopy } from './display'

let observer: IntersectionObserver | null = null
const pending = new WeakMap<Element, () => void>()

/** Run `f` once `el` is within a screen or so of the visible part of the page. */
function whenNearScreen(el: Element, f: () => void): void {
  if (typeof IntersectionObserver === 'undefined') return f()
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue
        observer!.unobserve(e.target)
        pending.get(e.target)?.()
        pending.delete(e.target)
      }
    },
    { rootMargin: '100% 0px' }
  )
  pending.set(el, f)
  observer.observe(el)
}

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

    let canvas: HTMLCanvasElement | null = null
    let shown: string | null = null
    const fail = (text: string) => {
      img.hidden = true
      if (canvas) canvas.hidden = true
      broken.hidden = false
      broken.textContent = text
    }
    const show = () => {
      const asset = node.attrs.asset as string | null
      const w = Number(node.attrs.width) || 0
      const h = Number(node.attrs.height) || 0
      dom.toggleAttribute('data-empty-caption', node.content.size === 0)
      if (!asset) return fail('图片缺失：这张图片没有保存在报告中，请删除后重新插入。')
      if (asset === shown) return
      shown = asset
      broken.hidden = true
      if (!needsDisplayCopy(w, h)) {
        canvas?.remove()
        canvas = null
        if (w && h) img.style.aspectRatio = `${w} / ${h}`
        img.hidden = false
        img.src = displayUrl(env, asset)
        return
      }
      // A big photo: drawn from its display-size copy.
      img.hidden = true
      img.removeAttribute('src')
      if (!canvas) {
        canvas = document.createElement('canvas')
        canvas.className = 'photo-display'
        frame.insertBefore(canvas, broken)
      }
      const target = canvas
      target.hidden = false
      target.setAttribute('role', 'img')
      target.setAttribute('aria-label', '图片')
      // Laid out at its final size at once; drawn when it comes near the screen.
      const scale = Math.min(1, DISPLAY_SIDE / Math.max(w, h))
      target.width = Math.round(w * scale)
      target.height = Math.round(h * scale)
      whenNearScreen(dom, () => {
        void displayBitmap(env, asset, w, h).then((bitmap) => {
          if (shown !== asset || target !== canvas) return
          if (!bitmap) return fail('图片无法显示：文件可能已损坏或不在报告中。请删除后重新插入。')
          target.width = bitmap.width
          target.height = bitmap.height
          target.getContext('2d')?.drawImage(bitmap, 0, 0)
        })
      })
    }
    img.onerror = () => {
      if (img.getAttribute('src')) fail('图片无法显示：文件可能已损坏或不在报告中。请删除后重新插入。')
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
      destroy() {
        observer?.unobserve(dom)
        pending.delete(dom)
      },
      ignoreMutation(m) {
        // Only the caption is ProseMirror's; changes to the image frame are ours.
        return !caption.contains(m.target) && m.type !== 'selection'
      },
      stopEvent: () => false
    }
  }
}
