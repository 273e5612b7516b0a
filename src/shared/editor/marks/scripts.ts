import { Mark } from '@tiptap/core'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    scripts: {
      toggleSuperscript: () => ReturnType
      toggleSubscript: () => ReturnType
    }
  }
}

/** Superscript and subscript (m², 10⁴); each excludes the other. */
export const Superscript = Mark.create({
  name: 'superscript',
  excludes: 'subscript',
  parseHTML() {
    return [{ tag: 'sup' }, { style: 'vertical-align', getAttrs: (v) => (v === 'super' ? null : false) }]
  },
  renderHTML() {
    return ['sup', 0]
  },
  addCommands() {
    return { toggleSuperscript: () => ({ commands }) => commands.toggleMark(this.name) }
  },
  addKeyboardShortcuts() {
    return { 'Mod-.': () => this.editor.commands.toggleSuperscript() }
  }
})

export const Subscript = Mark.create({
  name: 'subscript',
  excludes: 'superscript',
  parseHTML() {
    return [{ tag: 'sub' }, { style: 'vertical-align', getAttrs: (v) => (v === 'sub' ? null : false) }]
  },
  renderHTML() {
    return ['sub', 0]
  },
  addCommands() {
    return { toggleSubscript: () => ({ commands }) => commands.toggleMark(this.name) }
  },
  addKeyboardShortcuts() {
    return { 'Mod-,': () => this.editor.commands.toggleSubscript() }
  }
})
