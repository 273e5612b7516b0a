import { api, type Envelope, type Handlers } from '@shared/api'
import { UserError, toErrorPayload } from '@shared/errors'
import { mapStoreError } from '../store/storeErrors'
import '@shared/zodLocale'

type AnyDef = { input: { safeParse: (v: unknown) => { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[]; message: string }[] } } } }
type AnyHandler = (input: unknown) => unknown

function lookup<T>(table: Record<string, Record<string, T>>, group: string, method: string): T | undefined {
  if (!Object.hasOwn(table, group)) return undefined
  const g = table[group]
  return Object.hasOwn(g, method) ? g[method] : undefined
}

/** Deeper than any chapter document nests (doc › case › list › item › paragraph › text › mark). */
export const MAX_INPUT_DEPTH = 100
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Checks every call's input before its schema does: keys that could reach an
 * object's prototype and nesting deep enough to exhaust a recursive parser
 * are refused outright. Iterative, so hostile input cannot overflow it.
 */
export function inspectInput(raw: unknown): string | null {
  const stack: [unknown, number][] = [[raw, 0]]
  while (stack.length) {
    const [value, depth] = stack.pop()!
    if (value === null || typeof value !== 'object') continue
    if (depth >= MAX_INPUT_DEPTH) return '参数无效：数据嵌套过深。'
    if (Array.isArray(value)) {
      for (const v of value) stack.push([v, depth + 1])
      continue
    }
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return `参数无效：不允许的键“${key}”。`
      stack.push([(value as Record<string, unknown>)[key], depth + 1])
    }
  }
  return null
}

/**
 * Run one contract call from outside (IPC or HTTP): look it up, validate the
 * input against its schema, run the handler, and turn every failure into an
 * envelope with a Chinese message. Nothing reaches a handler unvalidated.
 */
export async function dispatch(handlers: Handlers, name: unknown, raw: unknown, log: (e: unknown) => void = console.error): Promise<Envelope<unknown>> {
  if (typeof name !== 'string' || name.length > 64) return { ok: false, error: { code: 'BAD_INPUT', message: '未知的调用。' } }
  const [group, method, ...rest] = name.split('.')
  const def = rest.length === 0 ? lookup(api as unknown as Record<string, Record<string, AnyDef>>, group, method ?? '') : undefined
  const handler = def ? lookup(handlers as unknown as Record<string, Record<string, AnyHandler>>, group, method) : undefined
  if (!def || !handler) return { ok: false, error: { code: 'BAD_INPUT', message: `未知的调用“${name.slice(0, 40)}”。` } }

  const refused = inspectInput(raw)
  if (refused) return { ok: false, error: { code: 'BAD_INPUT', message: refused } }
  let parsed
  try {
    parsed = def.input.safeParse(raw === null ? undefined : raw)
  } catch {
    // Deeply nested input can exhaust the validator's stack.
    return { ok: false, error: { code: 'BAD_INPUT', message: '参数无效：数据嵌套过深。' } }
  }
  if (!parsed.success) {
    const issue = parsed.error?.issues[0]
    const where = issue && issue.path.length ? `（${issue.path.map(String).join('.')}）` : ''
    return { ok: false, error: { code: 'BAD_INPUT', message: `参数无效${where}：${issue?.message ?? '格式不正确'}` } }
  }
  try {
    const result = await handler(parsed.data)
    return { ok: true, result }
  } catch (e) {
    const mapped = mapStoreError(e)
    if (!(mapped instanceof UserError)) log(e)
    return { ok: false, error: toErrorPayload(mapped) }
  }
}
