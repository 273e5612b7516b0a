import { errorMessage } from '../api/errors'
import { Store } from './store'

/** A problem with what was typed or chosen, said to the user as it is (a Chinese sentence). */
export class FormProblem extends Error {
  override readonly name = 'FormProblem'
}

/** The message a dialog shows for a failed submission: main's own (ApiError), a FormProblem's, or a general one. */
export function problemMessage(e: unknown): string {
  return e instanceof FormProblem ? e.message : errorMessage(e)
}

export interface FormState {
  /** The submission is running: the confirm button waits. */
  busy: boolean
  /** Why the last submission was refused, in Chinese; null when none was. */
  error: string | null
}

/**
 * One dialog's submissions, the same for every form dialog: what was typed
 * is checked first (a message, nothing sent), one submission runs at a time
 * (a second click waits for nothing), and a failure becomes the dialog's
 * message instead of an exception. useFormDialog() gives it to a component.
 */
export class FormSubmitter extends Store<FormState> {
  constructor() {
    super()
    this.state = { busy: false, error: null }
  }

  /**
   * Check, then run. `check` returns a message for what was typed (or null);
   * `run` may throw (ApiError, FormProblem) or answer false (refused, already
   * said elsewhere). True when it ran to the end.
   */
  submit = async (run: () => Promise<unknown> | unknown, check?: () => string | null): Promise<boolean> => {
    if (this.getSnapshot().busy) return false
    const problem = check?.() ?? null
    this.set({ error: problem })
    if (problem) return false
    this.set({ busy: true })
    try {
      return (await run()) !== false
    } catch (e) {
      this.set({ error: problemMessage(e) })
      return false
    } finally {
      this.set({ busy: false })
    }
  }

  /** Say what is wrong without submitting (a file that is not a .docx). */
  fail = (message: string | null): void => {
    this.set({ error: message })
  }
}
