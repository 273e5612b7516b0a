import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { collectContributions, type Feature } from '../../../src/renderer/src/editor/feature'

/**
 * Features register themselves from the app level: each declares a Feature
 * in its own folder, app/features.ts lists them, and the editor core draws
 * what they add in the order of that list.
 */
const panel = (id: string) => ({ id, title: id, component: () => null })
const item = (id: string) => ({ id, component: () => null })

describe('renderer features', () => {
  it('gathers what the features add by kind, in the order of the list', () => {
    const features: Feature[] = [
      { id: 'cases', panels: [panel('cases')] },
      { id: 'live-data', editor: [{ name: 'live-data' }], toolbar: [item('live-data')], panels: [panel('data')], reportHosts: [item('live-data')] },
      { id: 'check', panels: [panel('check')], toolbar: [item('check')], header: [item('check')] },
      { id: 'import', editor: [{ name: 'import-drafts' }], windowHosts: [item('import')] }
    ]
    const c = collectContributions(features)
    expect(c.panels.map((p) => p.id)).toEqual(['cases', 'data', 'check'])
    expect(c.toolbar.map((t) => t.id)).toEqual(['live-data', 'check'])
    expect(c.editor.map((e) => (typeof e === 'function' ? '?' : e.name))).toEqual(['live-data', 'import-drafts'])
    expect(c.header.map((h) => h.id)).toEqual(['check'])
    expect(c.reportHosts.map((h) => h.id)).toEqual(['live-data'])
    expect(c.windowHosts.map((h) => h.id)).toEqual(['import'])
  })

  it('refuses two features, or two panels, with one id (a tab would be lost)', () => {
    expect(() => collectContributions([{ id: 'a' }, { id: 'a' }])).toThrow('feature "a" registered twice')
    expect(() => collectContributions([{ id: 'a', panels: [panel('p')] }, { id: 'b', panels: [panel('p')] }])).toThrow('panel "p" registered twice')
  })

  it('every feature declared in a contribution.ts is listed in app/features.ts, and nothing else lists features', () => {
    const src = resolve(import.meta.dirname, '..', '..', '..', 'src', 'renderer', 'src')
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (/\.tsx?$/.test(name)) files.push(path)
      }
    }
    walk(src)
    const list = readFileSync(join(src, 'app', 'features.ts'), 'utf8')
    const declared = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/export const (\w+): Feature =/g)].map((m) => ({ name: m[1], file: relative(src, f) })))
    expect(declared.length).toBeGreaterThanOrEqual(6)
    for (const d of declared) {
      expect(d.file, `${d.name} is declared in a contribution.ts`).toMatch(/(^|\/)contribution\.ts$/)
      expect(list, `${d.name} (${d.file}) is listed in app/features.ts`).toMatch(new RegExp(`^  ${d.name},?$`, 'm'))
    }
    // Only the app level composes the list.
    const composers = files.filter((f) => readFileSync(f, 'utf8').includes('collectContributions(')).map((f) => relative(src, f))
    expect(composers.sort()).toEqual(['app/features.ts', 'editor/feature.ts'])
  })
})
