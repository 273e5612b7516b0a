import { contextBridge, ipcRenderer } from 'electron'
import { api, type MainEvent } from '@shared/api'

const CALL_CHANNEL = 'nianbao:call'
const EVENT_CHANNEL = 'nianbao:event'

/**
 * window.nianbao: one method per contract call, each forwarding to main over
 * a single invoke channel. The renderer never sees ipcRenderer itself.
 */
const transport: Record<string, unknown> = {}
for (const [group, methods] of Object.entries(api)) {
  const g: Record<string, (input?: unknown) => Promise<unknown>> = {}
  for (const method of Object.keys(methods)) {
    const name = `${group}.${method}`
    g[method] = (input?: unknown) => ipcRenderer.invoke(CALL_CHANNEL, name, input)
  }
  transport[group] = Object.freeze(g)
}

transport.onEvent = (listener: (event: MainEvent) => void) => {
  const wrapped = (_e: unknown, event: MainEvent) => listener(event)
  ipcRenderer.on(EVENT_CHANNEL, wrapped)
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, wrapped)
  }
}
transport.assetUrl = (hash: string) => `nianbao-asset://asset/${encodeURIComponent(hash)}`
transport.transport = 'electron'

contextBridge.exposeInMainWorld('nianbao', Object.freeze(transport))
