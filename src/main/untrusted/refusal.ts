/** A file from outside refused: one Chinese sentence for the user, and a kind for the callers and tests that react to it. */
export class Refusal<K extends string> extends Error {
  constructor(
    readonly kind: K,
    message: string
  ) {
    super(message)
  }
}
