import { BrowserWindow, shell } from 'electron'
import { join } from 'node:path'
import { isAllowedHref } from '@shared/editor/schema'

export interface WindowOptions {
  preload: string
  rendererUrl?: string
  rendererFile: string
  icon?: string
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: '年报',
    icon: opts.icon,
    backgroundColor: '#f5f6f8',
    // Electron's security checklist. Written out here, not built by a helper,
    // so that electronegativity (tests/unit/electronegativity.test.ts) sees them.
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // A middle click on a link would otherwise try to open it in a new window.
      disableBlinkFeatures: 'Auxclick'
    }
  })
  const contents = win.webContents

  // The window only ever shows the app's own page: no navigation, no new windows.
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedHref(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())

  win.once('ready-to-show', () => win.show())
  if (opts.rendererUrl) void win.loadURL(opts.rendererUrl)
  else void win.loadFile(opts.rendererFile)
  return win
}

export function rendererPaths(outDir: string): { preload: string; rendererFile: string } {
  return { preload: join(outDir, 'preload', 'index.cjs'), rendererFile: join(outDir, 'renderer', 'index.html') }
}
