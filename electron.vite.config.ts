import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import pkg from './package.json'

const alias = { '@shared': resolve(__dirname, 'src/shared') }
const define = { __APP_VERSION__: JSON.stringify(pkg.version) }

// One build produces the Electron app (main, preload, renderer) and the Node
// programs that share its service layer: the CLI and the browser host.
export default defineConfig({
  main: {
    resolve: { alias },
    define,
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          // The .docx import runs in a worker thread with a heap cap (src/main/import/runner.ts).
          importWorker: resolve(__dirname, 'src/main/import/worker.ts'),
          // 汇总 reads the files schools send in a worker thread with a heap cap (src/main/intake/runner.ts).
          intakeWorker: resolve(__dirname, 'src/main/intake/worker.ts'),
          // The Word export draws charts and packs the document in a worker thread (src/main/export/runner.ts).
          exportWorker: resolve(__dirname, 'src/main/export/worker.ts'),
          // Charts for Word are drawn by a pool of worker threads that stay loaded between exports (src/main/charts/pool.ts).
          chartWorker: resolve(__dirname, 'src/main/charts/worker.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias },
    build: {
      // Sandboxed preload scripts must be CommonJS and self-contained.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') }
    }
  }
})
