import { Extension } from '@tiptap/core'
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { LEADING_HEADING_NUMBER } from '@shared/model/numbering'
import { errorMessage } from '../../api/client'
import type { EditorEnv } from '../contribution'
import { numberingKey } from '../numbering/plugin'
import { checkImageFile, insertImageFiles, isImageFile } from '../photos/upload'
import { sanitizePastedHtml } from './sanitize'

const pasteKey = new PluginKey('reportPaste')

/** A heading pasted with a typed number ("3.2.1 质量监控", "（一）…") keeps only its text: numbers are computed. */
export function stripHeadingNumbers(slice: Slice): Slice {
  let changed = false
  const nodes: PMNode[] = []
  slice.content.forEach((node) => {
    if (node.type.name === 'heading') {
      const m = LEADING_HEADING_NUMBER.exec(node.textContent)
      if (m && m[0].length < node.textContent.length) {
        changed = true
        nodes.push(node.cut(m[0].length))
        return
      }
    }
    nodes.push(node)
  })
  return changed ? new Slice(Fragment.fromArray(nodes), slice.openStart, slice.openEnd) : slice
}

/** Copying whole headings copies their numbers as text, as a reader sees them. */
function addHeadingNumbers(slice: Slice, view: EditorView): Slice {
  const numbers = numberingKey.getState(view.state)?.headingNumbers
  if (!numbers?.size) return slice
  const { schema, selection } = view.state
  const last = slice.content.childCount - 1
  // A selection inside one heading counts as the whole heading when it covers all of its text.
  const wholeSingle =
    selection.$from.parent === selection.$to.parent &&
    selection.$from.parent.type.name === 'heading' &&
    selection.$from.parentOffset === 0 &&
    selection.$to.parentOffset === selection.$to.parent.content.size
  let changed = false
  const nodes: PMNode[] = []
  slice.content.forEach((node, _offset, i) => {
    const partial = (i === 0 && slice.openStart > 0) || (i === last && slice.openEnd > 0)
    const heading = node.type.name === 'heading' ? node : null
    if (heading && (!partial || wholeSingle)) {
      const id = heading.attrs.id as string | null
      const number = id ? numbers.get(id) : undefined
      if (number) {
        changed = true
        nodes.push(heading.type.create(heading.attrs, Fragment.from(schema.text(`${number} `)).append(heading.content), heading.marks))
        return
      }
    }
    nodes.push(node)
  })
  if (!changed) return slice
  // A single partly selected heading is copied whole, numbered.
  return wholeSingle && slice.content.childCount === 1 ? new Slice(Fragment.fromArray(nodes), 0, 0) : new Slice(Fragment.fromArray(nodes), slice.openStart, slice.openEnd)
}

function clipboardImages(data: DataTransfer | null): File[] {
  if (!data) return []
  return Array.from(data.files).filter(isImageFile)
}

/** Paste HTML that carries images as data: URLs: store each image first, then paste with photos in their place. */
async function pasteWithImages(view: EditorView, env: EditorEnv, html: string): Promise<void> {
  const clean = sanitizePastedHtml(html)
  const doc = new DOMParser().parseFromString(`<body>${clean.html}</body>`, 'text/html')
  for (const img of Array.from(doc.querySelectorAll('img[data-paste-image]'))) {
    const blob = dataUrlToBlob(clean.dataImages[Number(img.getAttribute('data-paste-image'))])
    const problem = blob ? checkImageFile(blob) : '粘贴的图片数据已损坏。'
    let figure: HTMLElement | null = null
    if (problem) env.notify('error', problem)
    else {
      try {
        const info = await env.uploadImage(blob!)
        figure = doc.createElement('figure')
        figure.setAttribute('data-type', 'photo')
        figure.setAttribute('data-asset', info.hash)
        figure.setAttribute('data-width', String(info.width))
        figure.setAttribute('data-height', String(info.height))
        const cap = doc.createElement('figcaption')
        cap.textContent = (img.getAttribute('alt') ?? '').slice(0, 200)
        figure.appendChild(cap)
      } catch (e) {
        env.notify('error', `图片未能粘贴：${errorMessage(e)}`)
      }
    }
    if (figure) img.replaceWith(figure)
    else img.remove()
  }
  if (view.isDestroyed) return
  view.pasteHTML(doc.body.innerHTML)
  notifyDropped(env, clean.droppedImages)
}

/** Decode a data: URL here (the page may not fetch data: URLs). */
function dataUrlToBlob(url: string): Blob | null {
  const m = /^data:(image\/[a-z+.-]+);base64,([\s\S]*)$/i.exec(url)
  if (!m) return null
  try {
    const bin = atob(m[2].replace(/\s+/g, ''))
    const bytes = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
    return new Blob([bytes], { type: m[1].toLowerCase() === 'image/jpg' ? 'image/jpeg' : m[1].toLowerCase() })
  } catch {
    return null
  }
}

function notifyDropped(env: EditorEnv, n: number): void {
  if (n > 0) env.notify('info', `有 ${n} 张图片无法从剪贴板读取（它们只是指向别处的链接），已略过。请把图片另存为文件后，用“插入图片”添加。`)
}

/**
 * Paste and drop: HTML is cleaned before the editor sees it (see
 * sanitize.ts); images become stored assets (never data: URLs in the
 * chapter); headings lose typed numbers. Copy adds the computed numbers.
 */
export const reportPaste = (env: EditorEnv) =>
  Extension.create({
    name: 'reportPaste',
    addProseMirrorPlugins() {
      let dragging = false
      return [
        new Plugin({
          key: pasteKey,
          props: {
            transformPastedHTML(html) {
              const clean = sanitizePastedHtml(html)
              notifyDropped(env, clean.droppedImages + clean.dataImages.length)
              return clean.html
            },
            transformPasted(slice) {
              return stripHeadingNumbers(slice)
            },
            transformCopied(slice, view) {
              return dragging ? slice : addHeadingNumbers(slice, view)
            },
            // The plain text of what was copied, numbers included (tiptap's own serializer, which reads the
            // selection instead of the copied slice, is switched off in ChapterEditor).
            clipboardTextSerializer(slice) {
              return slice.content.textBetween(0, slice.content.size, '\n\n', (leaf) => (leaf.type.name === 'hardBreak' ? '\n' : ''))
            },
            handleDOMEvents: {
              dragstart() {
                dragging = true
                setTimeout(() => (dragging = false))
                return false
              }
            },
            handlePaste(view, event) {
              const data = event.clipboardData
              const html = data?.getData('text/html') ?? ''
              const files = clipboardImages(data)
              // A copied picture (screenshot, image from a browser or Word) arrives as a file.
              const onlyPicture = files.length > 0 && (!html || !/<(p|div|table|h\d|li)\b/i.test(html))
              if (onlyPicture) {
                void insertImageFiles(view, env, files, view.state.selection.from)
                return true
              }
              if (html && /<img\b[^>]*\bsrc\s*=\s*["']?\s*data:image\//i.test(html)) {
                void pasteWithImages(view, env, html)
                return true
              }
              return false
            },
            handleDrop(view, event, _slice, moved) {
              if (moved) return false
              const files = Array.from(event.dataTransfer?.files ?? [])
              if (!files.length) return false
              const images = files.filter(isImageFile)
              if (images.length < files.length) env.notify('error', '只能把图片（PNG、JPEG、GIF、BMP、WebP）拖入正文。')
              const at = view.posAtCoords({ left: event.clientX, top: event.clientY })
              if (images.length && at) void insertImageFiles(view, env, images, at.pos)
              return true
            }
          }
        })
      ]
    }
  })
