import type { Handlers } from '@shared/api'

/**
 * Handlers that answer only once `ready` has settled: a window can open at
 * once while its first report is still being made (the sample, imported in
 * the import worker on the very first start); the page's first calls simply
 * wait for it instead of seeing no report.
 */
export function gateHandlers(handlers: Handlers, ready: Promise<unknown>): Handlers {
  const settled = ready.then(
    () => undefined,
    () => undefined
  )
  const out: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const [group, methods] of Object.entries(handlers as unknown as Record<string, Record<string, (input: unknown) => unknown>>)) {
    out[group] = {}
    for (const [name, fn] of Object.entries(methods)) out[group][name] = async (input) => (await settled, fn(input))
  }
  return out as unknown as Handlers
}
