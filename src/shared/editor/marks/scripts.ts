import { type CommandProps, Mark } from '@tiptap/core'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    scripts: {
      toggleSuperscript: () => ReturnType
      toggleSubscript: () => ReturnType
    }
  }
}

type Script = 'superscript' | 'subscript'

/**
 * One of the two scripts: written as <sup>/<sub> or by CSS vertical-align,
 * toggled by its command and shortcut, and excluding the other script.
 */
function scriptMark(name: Script, other: Script, tag: 'sup' | 'sub', align: 'super' | 'sub', command: 'toggleSuperscript' | 'toggleSubscript', shortcut: string) {
  return Mark.create({
    name,
    excludes: other,
    parseHTML() {
      return [{ tag }, { style: 'vertical-align', getAttrs: (v) => (v === align ? null : false) }]
    },
    renderHTML() {
      return [tag, 0]
    },
    addCommands() {
      return { [command]: () => ({ commands }: CommandProps) => commands.toggleMark(this.name) }
    },
    addKeyboardShortcuts() {
      return { [shortcut]: () => this.editor.commands[command]() }
    }
  })
}

/** Superscript and subscript (m², 10⁴); each excludes the other. */
export const Superscript = scriptMark('superscript', 'subscript', 'sup', 'super', 'toggleSuperscript', 'Mod-.')

export const Subscript = scriptMark('subscript', 'superscript', 'sub', 'sub', 'toggleSubscript', 'Mod-,')
