import { UserError } from '@shared/errors'
import { mapStoreError } from '../store/storeErrors'
import { APP_VERSION } from '../version'
import type { Command, CliIO } from './io'
import '@shared/zodLocale'

/**
 * `nianbao`: the command line over the same service layer as the app.
 * Exit codes: 0 done, 1 bad input or a file that cannot be used (with a
 * Chinese message on stderr, never a stack trace), 2 internal error.
 */
export const commands: Record<string, { run: Command; help: string }> = {
  new: { run: lazy(() => import('./commands/new').then((m) => m.newCommand)), help: '用模板新建报告' },
  info: { run: lazy(() => import('./commands/info').then((m) => m.infoCommand)), help: '显示报告的标题、模板、大纲和统计' },
  serve: { run: lazy(() => import('./commands/serve').then((m) => m.serveCommand)), help: '在浏览器中打开年报（仅本机）' },
  tables: { run: lazy(() => import('./commands/tables').then((m) => m.tablesCommand)), help: '列出报告中的全部表格（编号、标题、显示的数值）' },
  set: { run: lazy(() => import('./commands/set').then((m) => m.setCommand)), help: '设置一个指标某一年的数值（按中文名称或标识）' },
  data: { run: lazy(() => import('./commands/data').then((m) => m.dataCommand)), help: '列出全部数据指标及各年数值' },
  import: { run: lazy(() => import('./commands/import').then((m) => m.importCommand)), help: '导入上一年的 Word 报告（.docx），生成新报告' },
  export: { run: lazy(() => import('./commands/export').then((m) => m.exportCommand)), help: '导出 Word 文档（公文版式，含目录、案例目录、图表目录）' },
  rollover: { run: lazy(() => import('./commands/rollover').then((m) => m.rolloverCommand)), help: '从上一年的报告（.nianbao 或 .docx）新建本年度报告' },
  check: { run: lazy(() => import('./commands/check').then((m) => m.checkCommand)), help: '体检：核对正文中的数字、结构和数据，列出错误和需要核实之处' },
  kit: { run: lazy(() => import('./commands/kit').then((m) => m.kitCommand)), help: '生成填报表：为每所学校生成一份数据填报表（.xlsx）' },
  intake: { run: lazy(() => import('./commands/intake').then((m) => m.intakeCommand)), help: '汇总学校数据：读取填报表、工作簿和学校报告，汇总进本报告' }
}

/**
 * A command's code is loaded only when it runs: `nianbao import` does not pay
 * for the Word writer, the chart renderer or the browser host.
 */
function lazy(load: () => Promise<Command>): Command {
  return async (argv, io) => (await load())(argv, io)
}

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)}${c.help}`)
  return `年报 ${APP_VERSION} — 中等职业教育质量年度报告编辑器\n\n用法：nianbao <命令> [参数]\n\n命令：\n${lines.join('\n')}\n`
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage())
    return name ? 0 : 1
  }
  if (name === '--version' || name === '-v') {
    io.out(APP_VERSION)
    return 0
  }
  const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!cmd) {
    io.err(`未知的命令“${name}”。\n\n${usage()}`)
    return 1
  }
  try {
    return await cmd.run(rest, io)
  } catch (e) {
    const mapped = mapStoreError(e)
    if (mapped instanceof UserError) {
      io.err(`错误：${mapped.message}`)
      return 1
    }
    io.err(`内部错误：${e instanceof Error ? e.message : String(e)}`)
    if (io.env.NIANBAO_DEBUG && e instanceof Error) io.err(e.stack ?? '')
    return 2
  }
}

/** Entry point for bin/nianbao.js. */
export function main(): void {
  // A closed pipe (`nianbao info x | head`) ends the program quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  })
  runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    env: process.env
  }).then(
    (code) => {
      process.exitCode = code
    },
    (e) => {
      process.stderr.write(`内部错误：${String(e)}\n`)
      process.exitCode = 2
    }
  )
}
