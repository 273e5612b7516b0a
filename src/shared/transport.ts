import type { Api, CallInput, CallResult, Envelope, Group, MainEvent, MethodOf } from './api'

/**
 * What a transport gives the renderer: one method per contract call that
 * answers with an envelope (Electron's preload as window.nianbao, or the
 * browser host's HTTP client). The typed client in the renderer unwraps it.
 */
export type NianbaoTransport = {
  [G in Group]: { [M in MethodOf<G>]: (input?: CallInput<G, M>) => Promise<Envelope<CallResult<G, M>>> }
} & {
  /** Subscribe to main's events; returns the unsubscribe function. */
  onEvent(listener: (event: MainEvent) => void): () => void
  /** URL under which the renderer may show a stored image. */
  assetUrl(hash: string): string
  transport: 'electron' | 'browser'
}

export type { Api }
