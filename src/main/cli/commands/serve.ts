import { existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { UserError } from '@shared/errors'
import { AppState, defaultWorkspaceDir } from '../../services/appState'
import { createService } from '../../services/service'
import { ensureSample, prepareSample } from '../../services/sample'
import { startHost } from '../../host/server'
import { rendererDir } from '../../paths'
import { type Command, parse } from '../io'

/** The one start-up line: where the app runs and how to reach and stop it (the address follows on stdout). */
export const SERVING_MESSAGE = '年报已在浏览器中运行（仅本机可访问）：请用 Chromium、Chrome 或 Edge 打开下面的地址，按 Ctrl+C 退出。'

const USAGE = 'nianbao serve [文件.nianbao] [--port 端口] [--dir 工作文件夹]'

/**
 * Serve the app in a browser on 127.0.0.1. With a file, opens it; without,
 * reopens the last report (or, on the very first start, a sample report).
 */
export const serveCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { port: { type: 'string' }, dir: { type: 'string' } }, USAGE)
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError('BAD_INPUT', `端口号无效：${values.port}。\n用法：${USAGE}`)
  const file = positionals[0] ? resolve(positionals[0]) : null
  const workspaceDir = resolve(values.dir ?? (file ? dirname(file) : defaultWorkspaceDir()))
  mkdirSync(workspaceDir, { recursive: true })
  const renderer = rendererDir()
  if (!existsSync(resolve(renderer, 'index.html'))) throw new UserError('NOT_FOUND', '找不到界面文件，请先运行 npm run build。')

  const appState = new AppState()
  const service = createService({ appState, ports: { transport: 'browser', workspaceDir } })
  if (file) {
    service.session.open(file)
    service.handlers.app.startState(undefined)
    appState.noteOpened(file, service.session.require().store.meta().title, new Date())
  } else if (!service.reopenLast()) {
    await prepareSample(appState, workspaceDir)
    const sample = ensureSample(service.session, appState, workspaceDir)
    if (sample) appState.noteOpened(sample, service.session.require().store.meta().title, new Date())
  }

  const host = await startHost({ handlers: service.handlers, session: service.session, rendererDir: renderer, port })
  io.err(SERVING_MESSAGE)
  io.out(host.url)

  await new Promise<void>((done) => {
    const stop = () => {
      host.close().finally(() => {
        service.session.close()
        done()
      })
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  return 0
}
