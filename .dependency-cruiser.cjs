/**
 * The layers of Nianbao, written down once. A layer may import its own layer
 * and the layers listed before it, never one after it; `npm test` fails on a
 * violation (`npm run layers`).
 *
 *   shared ← main, shared ← renderer (and preload); main and renderer never meet.
 *   main:     base utilities ← store ← data/model ← import/export/rollover ← services ← cli/electron/host
 *   renderer: editor core ← features ← app
 */

/** Main's layers, lowest first. Each is a list of folders (or files) under src/main. */
const main = [
  ['base', ['durable.ts', 'localFile.ts', 'paths.ts', 'security.ts', 'version.ts', 'workers.ts', 'untrusted']],
  ['store', ['store']],
  ['formats', ['xlsx']],
  ['model', ['data', 'templates', 'charts']],
  ['documents', ['chapters', 'check', 'import', 'export', 'rollover', 'intake']],
  ['services', ['services']],
  ['entry points', ['cli', 'electron', 'host', 'index.ts']]
]

/** The renderer's layers, lowest first, under src/renderer/src. */
const renderer = [
  ['editor core', ['api', 'components', 'editor', 'styles', 'panels/SidePanel.tsx', 'panels/types.ts']],
  ['features', ['data', 'charts', 'import', 'export', 'rollover', 'check', 'intake', 'panels/cases', 'panels/history']],
  ['app', ['app', 'screens', 'main.tsx']]
]

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const under = (root, parts) => `^${esc(root)}/(${parts.map((p) => (p.endsWith('.ts') || p.endsWith('.tsx') ? esc(p) + '$' : esc(p) + '/')).join('|')})`

/** One rule per layer: nothing in it imports a layer above it. */
function layerRules(root, layers, side) {
  return layers.slice(0, -1).map(([name, parts], i) => ({
    name: `${side}: ${name} imports upward`,
    comment: `${side} layer "${name}" may import only ${layers
      .slice(0, i + 1)
      .map(([n]) => `"${n}"`)
      .join(', ')} (and src/shared)`,
    severity: 'error',
    from: { path: under(root, parts) },
    to: { path: under(root, layers.slice(i + 1).flatMap(([, p]) => p)) }
  }))
}

/**
 * Imports that break the layers today, each to be removed as the code is moved
 * (issue 14). Every entry names the file that imports upward and what it
 * reaches. The renderer has none: features register themselves from the app
 * level (src/renderer/src/app/features.ts).
 */
const knownExceptions = []

module.exports = {
  forbidden: [
    {
      name: 'shared stays below main and renderer',
      comment: 'src/shared (contract, model, editor schema) runs in both processes: no Node side, no React side',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|renderer|preload)/' }
    },
    {
      name: 'renderer never imports main',
      severity: 'error',
      from: { path: '^src/(renderer|preload)/' },
      to: { path: '^src/main/' }
    },
    {
      name: 'main never imports renderer',
      severity: 'error',
      from: { path: '^src/main/' },
      to: { path: '^src/(renderer|preload)/' }
    },
    {
      name: 'only the Electron entry and the preload import electron',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(main/electron|preload)/' },
      to: { path: '^electron$|node_modules/electron/' }
    },
    {
      name: 'the CLI goes through the service layer',
      comment: 'nianbao commands call the contract through dispatch (src/main/cli/service.ts), as the app does, never the layers below the services',
      severity: 'error',
      from: { path: '^src/main/cli/' },
      to: { path: '^src/main/(store|xlsx|data|templates|charts|chapters|check|import|export|rollover|intake)/', pathNot: '^src/main/store/storeErrors\\.ts$' }
    },
    ...layerRules('src/main', main, 'main'),
    ...layerRules('src/renderer/src', renderer, 'renderer')
  ].map((rule) => ({
    ...rule,
    from: {
      ...rule.from,
      pathNot: [rule.from.pathNot, ...knownExceptions.filter((e) => e.rule === rule.name).map((e) => `^${esc(e.from)}$`)].filter(Boolean).join('|') || undefined
    }
  })),
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|native)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] }
  }
}
