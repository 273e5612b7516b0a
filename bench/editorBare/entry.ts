// The floor for the editor bench: a bare tiptap editor (StarterKit and
// tables), no app around it, holding the same document. Bundled by
// bench/editor.ts with esbuild and served on its own page.
import { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { TableKit } from '@tiptap/extension-table'

declare global {
  interface Window {
    __DOC: unknown
    __editor: Editor
    __mount: (doc: unknown) => Editor
  }
}

window.__mount = (doc: unknown) => {
  window.__editor?.destroy()
  const root = document.querySelector('.page')!
  root.innerHTML = ''
  window.__editor = new Editor({
    element: root,
    extensions: [StarterKit, TableKit.configure({ table: { resizable: false } })],
    content: doc as object,
    editorProps: { attributes: { class: 'chapter-doc', spellcheck: 'false' } }
  })
  return window.__editor
}
window.__mount(window.__DOC)
