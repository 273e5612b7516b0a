import { api, callNames, type Handlers } from '../../src/shared/api'
import { dispatch, MAX_INPUT_DEPTH } from '../../src/main/services/dispatch'

/**
 * Everything that crosses from the renderer (IPC or HTTP) is hostile until
 * checked: every call of the contract — including calls other domains add
 * later, found through `api` — must refuse a malformed argument in dispatch(),
 * with code BAD_INPUT and a Chinese message, before any handler runs.
 */

type Schema = { safeParse: (v: unknown) => { success: boolean }; _zod: { def: Record<string, unknown> & { type: string } } }

const CHINESE = /[\u4e00-\u9fff]/

/** A handler table where every handler records that it was reached. */
function spyHandlers() {
  const reached: string[] = []
  const table: Record<string, Record<string, () => unknown>> = {}
  for (const [group, methods] of Object.entries(api)) {
    table[group] = {}
    for (const method of Object.keys(methods)) table[group][method] = () => (reached.push(`${group}.${method}`), { ok: true })
  }
  return { handlers: table as unknown as Handlers, reached }
}

function schemaOf(name: string): Schema {
  const [group, method] = name.split('.')
  return (api as unknown as Record<string, Record<string, { input: Schema }>>)[group][method].input
}

/** Look through optional/default/pipe/lazy wrappers to the schema that does the checking. */
function core(schema: Schema): Schema {
  let s = schema
  for (let i = 0; i < 20; i++) {
    const def = s._zod.def
    if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) s = def.innerType as Schema
    else if (def.type === 'pipe') s = def.in as Schema
    else if (def.type === 'lazy') s = (def.getter as () => Schema)()
    else break
  }
  return s
}

const CANDIDATES: unknown[] = [{ nested: ['值'] }, '文本', -12345.5, true, [[['x']]], '', 0]

/** A value this schema refuses (a field of the wrong kind), or undefined if it takes anything. */
function wrongValue(schema: Schema): unknown {
  return CANDIDATES.find((v) => !schema.safeParse(v).success)
}

/** Malformed arguments for one call: wrong kinds of argument, unknown keys, each field of the wrong kind. */
function malformedInputs(name: string): { label: string; input: unknown }[] {
  const inputs: { label: string; input: unknown }[] = [
    { label: 'a number', input: 42 },
    { label: 'a string', input: 'report' },
    { label: 'true', input: true },
    { label: 'an array', input: [{}] },
    { label: 'an unknown key', input: { 未知字段: 1 } }
  ]
  const c = core(schemaOf(name))
  if (c._zod.def.type === 'object') {
    const shape = c._zod.def.shape as Record<string, Schema>
    for (const [key, field] of Object.entries(shape)) {
      const bad = wrongValue(core(field))
      if (bad !== undefined) inputs.push({ label: `${key} of the wrong kind`, input: { [key]: bad } })
    }
  }
  return inputs
}

describe('contract validation', () => {
  it('the contract has calls and every one is listed in callNames', () => {
    expect(callNames.length).toBeGreaterThan(10)
    for (const name of callNames) expect(schemaOf(name)).toBeDefined()
  })

  it('a valid call reaches its handler (the spies below can see it)', async () => {
    const { handlers, reached } = spyHandlers()
    expect(await dispatch(handlers, 'app.info', undefined)).toEqual({ ok: true, result: { ok: true } })
    expect(reached).toEqual(['app.info'])
  })

  describe.each(callNames)('%s', (name) => {
    it.each(malformedInputs(name).map((m) => [m.label, m.input] as const))('refuses %s with BAD_INPUT before any handler runs', async (_label, input) => {
      const { handlers, reached } = spyHandlers()
      const r = await dispatch(handlers, name, input, () => {})
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.error.code).toBe('BAD_INPUT')
      expect(r.error.message).toMatch(CHINESE)
      expect(r.error.message).toMatch(/^参数无效/)
      expect(reached).toEqual([])
    })

    it('refuses prototype keys at any depth', async () => {
      const { handlers, reached } = spyHandlers()
      for (const json of [
        '{"__proto__": {"polluted": true}}',
        '{"constructor": {"prototype": {"polluted": true}}}',
        '{"doc": {"type": "doc", "attrs": {"__proto__": {"polluted": true}}}}',
        '[{"a": [{"prototype": 1}]}]'
      ]) {
        const r = await dispatch(handlers, name, JSON.parse(json), () => {})
        expect(r).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/^参数无效：不允许的键“(__proto__|constructor|prototype)”/) } })
      }
      expect(reached).toEqual([])
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })

    it('refuses nesting deeper than any document, without overflowing the stack', async () => {
      const { handlers, reached } = spyHandlers()
      let deep: unknown = { type: 'text', text: '底' }
      for (let i = 0; i < 100_000; i++) deep = { type: 'paragraph', content: [deep] }
      const r = await dispatch(handlers, name, { id: 'ch_1', doc: deep }, () => {})
      expect(r).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: '参数无效：数据嵌套过深。' } })
      expect(reached).toEqual([])
    })
  })

  it('nesting up to the limit is left to the schema', async () => {
    const { handlers, reached } = spyHandlers()
    let doc: Record<string, unknown> = { type: 'text', text: '字' }
    // Each level is an object and its content array: stay just under the limit.
    for (let i = 0; i < MAX_INPUT_DEPTH / 2 - 3; i++) doc = { type: 'paragraph', content: [doc] }
    const r = await dispatch(handlers, 'chapter.save', { id: 'ch_1', doc: { type: 'doc', content: [doc] } })
    expect(r.ok).toBe(true)
    expect(reached).toEqual(['chapter.save'])
  })

  it.each([
    ['a call that does not exist', 'report.destroy'],
    ['a domain that does not exist', 'nope.info'],
    ['a group without a method', 'report'],
    ['too many parts', 'report.open.extra'],
    ['an inherited method', 'report.hasOwnProperty'],
    ['a prototype key as group', '__proto__.info'],
    ['a prototype key as method', 'report.__proto__'],
    ['constructor', 'app.constructor'],
    ['toString', 'toString.call'],
    ['an empty name', ''],
    ['a very long name', `report.${'x'.repeat(5000)}`]
  ])('refuses %s', async (_label, name) => {
    const { handlers, reached } = spyHandlers()
    const r = await dispatch(handlers, name, {}, () => {})
    expect(r).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/^未知的调用/) } })
    expect(reached).toEqual([])
  })

  it.each([[42], [null], [undefined], [{ name: 'app.info' }], [['app', 'info']]])('refuses a call name that is not a string: %j', async (name) => {
    const { handlers, reached } = spyHandlers()
    const r = await dispatch(handlers, name, undefined, () => {})
    expect(r).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: '未知的调用。' } })
    expect(reached).toEqual([])
  })

  it('a handler that fails unexpectedly answers INTERNAL in Chinese, without its details', async () => {
    const { handlers } = spyHandlers()
    ;(handlers.app as Record<string, unknown>).info = () => {
      throw new Error('secret path /home/user/x')
    }
    const logged: unknown[] = []
    const r = await dispatch(handlers, 'app.info', undefined, (e) => logged.push(e))
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(CHINESE) } })
    expect(JSON.stringify(r)).not.toContain('secret')
    expect(logged).toHaveLength(1)
  })
})
