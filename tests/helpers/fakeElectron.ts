import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

/**
 * A stand-in for the `electron` module (whose binary cannot run here), with
 * just enough behaviour for src/main/electron and src/preload: it records
 * what the app asks of Electron and lets a test play the user and the
 * renderer (close a window, send an IPC call, answer a flush request).
 * Tests install it with vi.mock('electron', () => currentFake().module).
 */

let nextId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  readonly sent: { channel: string; payload: unknown }[] = []
  readonly mainFrame: { processId: number; routingId: number; url: string }
  constructor(url: string) {
    super()
    this.mainFrame = { processId: 7, routingId: this.id, url }
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload })
    this.emit('sent', channel, payload)
  }
}

export interface FakeElectron {
  module: Record<string, unknown>
  app: EventEmitter & { quit: ReturnType<typeof vi.fn>; isPackaged: boolean }
  windows: FakeBrowserWindow[]
  ipcHandlers: Map<string, (...args: unknown[]) => unknown>
  ipcRendererInvoke: ReturnType<typeof vi.fn>
  exposed: Map<string, unknown>
  protocolHandlers: Map<string, (request: { url: string }) => Response | Promise<Response>>
  headerListeners: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)[]
  permissionHandlers: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void)[]
  openExternal: ReturnType<typeof vi.fn>
  singleInstanceLock: boolean
  ready: () => void
  /** The URL every window's page has (set before windows are created). */
  pageUrl: string
}

export interface FakeBrowserWindow extends EventEmitter {
  id: number
  options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>
  webContents: FakeWebContents
  loadFile: ReturnType<typeof vi.fn>
  loadURL: ReturnType<typeof vi.fn>
  destroy: ReturnType<typeof vi.fn>
  focus: ReturnType<typeof vi.fn>
  destroyed: boolean
}

export function createFakeElectron(paths: { appPath: string; home: string }): FakeElectron {
  let resolveReady!: () => void
  const readyPromise = new Promise<void>((r) => (resolveReady = r))

  const fake = {} as FakeElectron
  const app = Object.assign(new EventEmitter(), {
    quit: vi.fn(),
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => fake.singleInstanceLock),
    getAppPath: () => paths.appPath,
    getPath: (name: string) => `${paths.home}/${name}`,
    whenReady: () => readyPromise
  })

  class BrowserWindow extends EventEmitter {
    static getFocusedWindow = () => fake.windows.find((w) => !w.destroyed) ?? null
    readonly id = nextId++
    readonly webContents = new FakeWebContents(fake.pageUrl)
    loadFile = vi.fn(async () => {})
    loadURL = vi.fn(async () => {})
    destroyed = false
    destroy = vi.fn(() => {
      this.destroyed = true
      this.emit('closed')
      if (fake.windows.every((w) => w.destroyed)) app.emit('window-all-closed')
    })
    constructor(readonly options: FakeBrowserWindow['options']) {
      super()
      fake.windows.push(this as unknown as FakeBrowserWindow)
      app.emit('web-contents-created', {}, this.webContents)
    }
    isDestroyed() {
      return this.destroyed
    }
    isMinimized() {
      return false
    }
    restore() {}
    focus = vi.fn()
    show = vi.fn()
  }

  Object.assign(fake, {
    app,
    windows: [],
    ipcHandlers: new Map(),
    ipcRendererInvoke: vi.fn(async () => ({ ok: true, result: null })),
    exposed: new Map(),
    protocolHandlers: new Map(),
    headerListeners: [],
    permissionHandlers: [],
    openExternal: vi.fn(async () => {}),
    singleInstanceLock: true,
    ready: resolveReady,
    pageUrl: ''
  })

  const ipcRendererEmitter = new EventEmitter()
  fake.module = {
    app,
    BrowserWindow,
    ipcMain: { handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => fake.ipcHandlers.set(channel, fn)) },
    ipcRenderer: {
      invoke: fake.ipcRendererInvoke,
      on: (channel: string, fn: (...args: unknown[]) => void) => ipcRendererEmitter.on(channel, fn),
      removeListener: (channel: string, fn: (...args: unknown[]) => void) => ipcRendererEmitter.removeListener(channel, fn),
      emit: (channel: string, ...args: unknown[]) => ipcRendererEmitter.emit(channel, ...args)
    },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, value: unknown) => fake.exposed.set(key, value)) },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, fn: (request: { url: string }) => Response) => fake.protocolHandlers.set(scheme, fn))
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn((fn: FakeElectron['headerListeners'][number]) => fake.headerListeners.push(fn)) },
        setPermissionRequestHandler: vi.fn((fn: FakeElectron['permissionHandlers'][number]) => fake.permissionHandlers.push(fn))
      }
    },
    shell: { openExternal: fake.openExternal },
    dialog: {
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      showSaveDialog: vi.fn(async () => ({ canceled: true })),
      /** The user's answer to a message box: the index of the button (0 unless a test says otherwise). */
      showMessageBox: vi.fn(async () => ({ response: 0 }))
    }
  }
  return fake
}

const KEY = '__nianbaoFakeElectron'

export function installFake(fake: FakeElectron): FakeElectron {
  ;(globalThis as Record<string, unknown>)[KEY] = fake
  return fake
}

export function currentFake(): FakeElectron {
  const fake = (globalThis as Record<string, unknown>)[KEY] as FakeElectron | undefined
  if (!fake) throw new Error('installFake() before importing code that uses electron')
  return fake
}

/**
 * The module vi.mock('electron') returns: each export is looked up in the
 * current fake when used, so a test that restarts the app (vi.resetModules)
 * with a new fake reaches the new one (vitest keeps mocked modules cached).
 */
export function electronModule(): Record<string, unknown> {
  const names = ['app', 'BrowserWindow', 'ipcMain', 'ipcRenderer', 'contextBridge', 'Menu', 'protocol', 'session', 'shell', 'dialog']
  const module: Record<string, unknown> = {}
  for (const name of names) Object.defineProperty(module, name, { enumerable: true, get: () => currentFake().module[name] })
  return module
}
