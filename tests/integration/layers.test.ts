import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

/**
 * `npm run layers` (dependency-cruiser with .dependency-cruiser.cjs) fails on
 * an import that points up a layer. The rules run here on small trees laid
 * out like src/, with the project's own configuration: a tree that keeps to
 * the layers passes, and each kind of upward import is refused with the
 * rule's name, so the check in `npm test` cannot pass by matching nothing.
 */
const root = resolve(import.meta.dirname, '..', '..')
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs')

let dir: string

/** A tree of source files (path → text) with the project's layer rules; the exit code and what dependency-cruiser says. */
function cruise(files: Record<string, string>): { status: number | null; out: string } {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-layers-'))
  copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'))
  copyFileSync(join(root, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  const r = spawnSync(process.execPath, [depcruise, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: dir, encoding: 'utf8' })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** The renderer's three layers, each importing the one below it, as the real tree does. */
const renderer = {
  'src/shared/model/numbering.ts': 'export const numberReport = () => 1\n',
  'src/renderer/src/editor/feature.ts': "import { numberReport } from '../../../shared/model/numbering'\nexport interface Feature { id: string }\nexport const n = numberReport()\n",
  'src/renderer/src/data/contribution.ts': "import type { Feature } from '../editor/feature'\nexport const liveDataFeature: Feature = { id: 'live-data' }\n",
  'src/renderer/src/app/features.ts': "import { liveDataFeature } from '../data/contribution'\nexport const features = [liveDataFeature]\n"
}

describe('layer rules (npm run layers)', () => {
  it('pass a tree whose imports only point down: editor core ← features ← app, shared below', () => {
    const r = cruise(renderer)
    expect(r.out).toContain('no dependency violations found')
    expect(r.status).toBe(0)
  })

  it('refuse the editor core importing a feature (a registry listing the panels above it)', () => {
    const r = cruise({ ...renderer, 'src/renderer/src/panels/SidePanel.tsx': "import { liveDataFeature } from '../data/contribution'\nexport const panels = [liveDataFeature]\n" })
    expect(r.status).not.toBe(0)
    expect(r.out).toContain('renderer: editor core imports upward')
    expect(r.out).toContain('src/renderer/src/panels/SidePanel.tsx → src/renderer/src/data/contribution.ts')
  })

  it('refuse a feature importing the app level, and a type-only import counts too', () => {
    const r = cruise({ ...renderer, 'src/renderer/src/import/contribution.ts': "import type { features } from '../app/features'\nexport type F = typeof features\n" })
    expect(r.status).not.toBe(0)
    expect(r.out).toContain('renderer: features imports upward')
  })

  it("refuse shared reaching into the renderer, and main's store reaching into its services", () => {
    const r = cruise({
      ...renderer,
      'src/shared/model/chart.ts': "import { features } from '../../renderer/src/app/features'\nexport const x = features\n",
      'src/main/services/dispatch.ts': 'export const dispatch = 1\n',
      'src/main/store/reportStore.ts': "import { dispatch } from '../services/dispatch'\nexport const y = dispatch\n"
    })
    expect(r.status).not.toBe(0)
    expect(r.out).toContain('shared stays below main and renderer')
    expect(r.out).toContain('main: store imports upward')
  })
})
