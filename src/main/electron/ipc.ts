import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Handlers } from '@shared/api'
import { dispatch } from '../services/dispatch'

export const CALL_CHANNEL = 'nianbao:call'
export const EVENT_CHANNEL = 'nianbao:event'

/**
 * The IPC binding: one channel carries every contract call. A call is
 * answered only for a window this app created, showing the app's own page;
 * its input is validated by dispatch() before any handler runs.
 */
export function bindIpc(
  ipcMain: IpcMain,
  handlersFor: (event: IpcMainInvokeEvent) => Handlers | null,
  isTrustedUrl: (url: string) => boolean
): void {
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, input: unknown) => {
    const frame = event.senderFrame
    const url = frame?.url ?? ''
    const handlers = handlersFor(event)
    if (!handlers || !frame || !isMainFrame(event) || !isTrustedUrl(url)) {
      return { ok: false, error: { code: 'BAD_INPUT', message: '拒绝来自未知页面的请求。' } }
    }
    return dispatch(handlers, name, input)
  })
}

/** Only the window's own top-level page may call; never an embedded frame. */
function isMainFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  const main = event.sender.mainFrame
  return Boolean(frame && main && frame.processId === main.processId && frame.routingId === main.routingId)
}
