import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type IpcMainInvokeEvent } from 'electron'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Handlers, MainEvent } from '@shared/api'
import { AppState } from '../services/appState'
import { createService, type Service } from '../services/service'
import { ensureSample, prepareSample } from '../services/sample'
import { gateHandlers } from '../services/gate'
import { ASSET_CSP, servedImageType } from '../services/assets'
import { contentSecurityPolicy } from '../security'
import { bindIpc, EVENT_CHANNEL } from './ipc'
import { electronDialogs } from './dialogs'
import { buildMenu } from './menu'
import { devNativeBinding } from './native'
import { resourcesDir } from '../paths'
import { createMainWindow, rendererPaths } from './window'

export const ASSET_SCHEME = 'nianbao-asset'
/** How long a closing window waits for its renderer to save pending edits. */
export const FLUSH_TIMEOUT_MS = 4000

interface WindowEntry {
  win: BrowserWindow
  service: Service
  closing: boolean
  flushWaiters: Map<number, (saved: boolean) => void>
}

/**
 * The Electron app: windows, IPC, the asset protocol and the quit sequence.
 * Everything below this folder (services, store, model) runs under plain Node.
 */
export function startElectronApp(outDir: string = join(__dirname, '..')): void {
  if (!app.requestSingleInstanceLock()) {
    // A second start hands its arguments to the running app and leaves.
    app.quit()
    return
  }

  const isDev = !app.isPackaged
  const nativeBinding = devNativeBinding(app.getAppPath(), app.isPackaged)
  const workspaceDir = join(app.getPath('documents'), '年报')
  const appState = new AppState(app.getPath('userData'))
  const { preload, rendererFile } = rendererPaths(outDir)
  const rendererUrl = isDev ? process.env.ELECTRON_RENDERER_URL : undefined
  const windows = new Map<number, WindowEntry>()
  let nextFlushId = 1

  protocol.registerSchemesAsPrivileged([{ scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])

  const isTrustedUrl = (url: string): boolean => {
    if (rendererUrl) return url.startsWith(rendererUrl)
    return url.startsWith(pathToFileURL(rendererFile).href)
  }

  const entryFor = (event: IpcMainInvokeEvent): WindowEntry | null => {
    for (const e of windows.values()) if (e.win.webContents.id === event.sender.id) return e
    return null
  }

  const send = (win: BrowserWindow, event: MainEvent) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event)
  }

  /**
   * Ask the renderer to save what it holds (including an unfinished IME
   * composition) and wait for it: false when it said some text could not be
   * stored; true too when it never answered (a hung page cannot be saved from).
   */
  const flush = (entry: WindowEntry): Promise<boolean> =>
    new Promise<boolean>((done) => {
      const requestId = nextFlushId++
      const timer = setTimeout(() => {
        entry.flushWaiters.delete(requestId)
        done(true)
      }, FLUSH_TIMEOUT_MS)
      entry.flushWaiters.set(requestId, (saved) => {
        entry.flushWaiters.delete(requestId)
        clearTimeout(timer)
        done(saved)
      })
      send(entry.win, { type: 'flush-request', requestId })
    })

  /** Some text is only in the window: closing loses it unless the user says so. */
  const closeUnsaved = async (win: BrowserWindow): Promise<boolean> => {
    const { response } = await dialog.showMessageBox(win, {
      type: 'warning',
      title: '有内容未能保存',
      message: '有内容未能保存到报告文件，关闭后这些内容将会丢失。',
      detail: '保存失败的原因显示在窗口底部的状态栏中（例如磁盘已满或文件已被移动）。可以先取消，解决问题或用“另存为”保存到其他位置后再关闭。',
      buttons: ['取消', '仍然关闭'],
      defaultId: 0,
      cancelId: 0,
      noLink: true
    })
    return response === 1
  }

  const openWindow = (first: boolean, file?: string): void => {
    mkdirSync(workspaceDir, { recursive: true })
    const win = createMainWindow({ preload, rendererFile, rendererUrl, icon: join(resourcesDir(), 'icon.png') })
    const entry: WindowEntry = { win, service: undefined as unknown as Service, closing: false, flushWaiters: new Map() }
    entry.service = createService({
      appState,
      ports: {
        transport: 'electron',
        dialogs: electronDialogs(win, workspaceDir),
        workspaceDir,
        nativeBinding,
        onFlushed: (id, saved) => entry.flushWaiters.get(id)?.(saved)
      }
    })
    windows.set(win.id, entry)

    try {
      // Whatever opens here is remembered as the last report, so the next start reopens it.
      if (file) {
        entry.service.session.open(resolve(file))
        entry.service.context.opened()
      } else if (first && !entry.service.reopenLast()) {
        // The sample is imported from the Qingyuan .docx in the import worker; the page's first calls wait for it.
        const ready = prepareSample(appState, workspaceDir).then(() => {
          if (ensureSample(entry.service.session, appState, workspaceDir)) entry.service.context.opened()
        })
        entry.service.handlers = gateHandlers(entry.service.handlers, ready)
      }
    } catch {
      // The start screen shows; the file stays in 最近使用的文件 with its problem explained on open.
    }

    win.on('close', (event) => {
      if (entry.closing) return
      event.preventDefault()
      entry.closing = true
      void flush(entry)
        .then((saved) => saved || closeUnsaved(win))
        .catch(() => true)
        .then((close) => {
          if (!close) {
            // The window stays, with its text; the next close asks again.
            entry.closing = false
            return
          }
          entry.service.session.close()
          windows.delete(win.id)
          win.destroy()
        })
    })
  }

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = argv.find((a) => a.toLowerCase().endsWith('.nianbao'))
    // A relative path is relative to where the second start was made, not to this process.
    if (file) openWindow(false, resolve(workingDirectory || process.cwd(), file))
    else {
      const first = windows.values().next().value as WindowEntry | undefined
      if (first) {
        if (first.win.isMinimized()) first.win.restore()
        first.win.focus()
      }
    }
  })

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })

  app.on('window-all-closed', () => app.quit())

  void app.whenReady().then(() => {
    const csp = contentSecurityPolicy(`${ASSET_SCHEME}:`)
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
    })
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))

    protocol.handle(ASSET_SCHEME, (request) => {
      const hash = new URL(request.url).pathname.replace(/^\//, '')
      if (/^[a-f0-9]{64}$/.test(hash)) {
        for (const e of windows.values()) {
          const asset = e.service.session.report?.store.getAsset(hash)
          if (asset) return new Response(new Uint8Array(asset.bytes), { headers: { 'Content-Type': servedImageType(asset.mime), 'Content-Security-Policy': ASSET_CSP } })
        }
      }
      return new Response('找不到图片', { status: 404 })
    })

    bindIpc(ipcMain, (event): Handlers | null => entryFor(event)?.service.handlers ?? null, isTrustedUrl)

    Menu.setApplicationMenu(
      buildMenu((command) => {
        const win = BrowserWindow.getFocusedWindow()
        if (win) send(win, { type: 'menu', command })
      }, isDev)
    )

    const file = process.argv.slice(1).find((a) => a.toLowerCase().endsWith('.nianbao'))
    openWindow(true, file)
  })
}
