/**
 * The one contract between the renderer and main: every call, its input
 * schema (validated by main before anything else runs) and its result type.
 * Each domain declares its calls in src/shared/contract/<domain>.ts; this
 * file puts them together. Electron binds the contract over IPC (preload
 * exposes window.nianbao), the browser host over HTTP; the renderer sees the
 * same typed client either way.
 */
import type { z } from 'zod'
import type { ErrorPayload } from './errors'
import type { CallDef } from './contract/define'
import { appCalls } from './contract/app'
import { reportCalls } from './contract/report'
import { chapterCalls } from './contract/chapter'
import { assetCalls } from './contract/asset'
import { revisionCalls } from './contract/revision'
import { dataCalls } from './contract/data'
import { searchCalls } from './contract/search'
import { exportCalls } from './contract/export'
import { importCalls } from './contract/import'
import { intakeCalls } from './contract/intake'
import { rolloverCalls } from './contract/rollover'
import { checkCalls } from './contract/check'

export const api = {
  app: appCalls,
  report: reportCalls,
  chapter: chapterCalls,
  asset: assetCalls,
  revision: revisionCalls,
  data: dataCalls,
  search: searchCalls,
  export: exportCalls,
  import: importCalls,
  intake: intakeCalls,
  rollover: rolloverCalls,
  check: checkCalls
} as const

export type { AppInfo, StartState } from './contract/app'
export type { SaveResult } from './contract/chapter'
export type { AssetInfo } from './contract/asset'
export type { RevisionInfo, RevisionRecord, DeletedChapterInfo } from './contract/revision'
export { NewReportInput, MetaPatch } from './contract/report'

// Derived types: the typed client and the handler table ---------------------

export type Api = typeof api
export type Group = keyof Api
export type MethodOf<G extends Group> = keyof Api[G] & string

type DefOf<G extends Group, M extends MethodOf<G>> = Api[G][M]
export type CallInput<G extends Group, M extends MethodOf<G>> = DefOf<G, M> extends CallDef<infer I, unknown> ? z.input<I> : never
export type ParsedInput<G extends Group, M extends MethodOf<G>> = DefOf<G, M> extends CallDef<infer I, unknown> ? z.output<I> : never
export type CallResult<G extends Group, M extends MethodOf<G>> = DefOf<G, M> extends CallDef<z.ZodType, infer R> ? R : never

/** What the renderer calls: api.report.create({...}). */
export type NianbaoApi = {
  [G in Group]: { [M in MethodOf<G>]: (input?: CallInput<G, M>) => Promise<CallResult<G, M>> }
}

/** What main implements, one handler per call, receiving validated input. */
export type Handlers = {
  [G in Group]: { [M in MethodOf<G>]: (input: ParsedInput<G, M>) => Promise<CallResult<G, M>> | CallResult<G, M> }
}

/** Every call's wire name ("report.create"), for bindings and tests that need a list. */
export const callNames: string[] = Object.entries(api).flatMap(([g, methods]) => Object.keys(methods).map((m) => `${g}.${m}`))

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorPayload }

/** Events main sends to the renderer (Electron only). */
export type MainEvent =
  | { type: 'flush-request'; requestId: number }
  | { type: 'menu'; command: 'new' | 'open' | 'save' | 'save-as' | 'properties' | 'close' }
