import { readdirSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import type { Handlers } from '@shared/api'
import { MAX_INTAKE_UPLOAD_BYTES } from '@shared/contract/intake'
import { UserError } from '@shared/errors'
import type { Intake, IntakeInput } from '../../intake'
import { readLocalFile } from '../../localFile'
import { decodeBase64 } from '../assets'
import type { ServiceContext } from '../context'
import { safeFileName } from '../files'

/**
 * 汇总: files come as uploads (browser, drag and drop), from the native
 * dialog (Electron; the CLI answers it with its arguments) or from the
 * workspace folder (browser host); kits go to a folder the user chooses
 * (the workspace in the browser). The work is src/main/intake's.
 */
const READABLE = /\.(xlsx|nianbao|docx)$/i
const MB = 1024 * 1024

/** A file named by the user (dialog, command line, workspace list): a plain file, not too large, read whole. */
function readSentFile(path: string): IntakeInput {
  return readLocalFile(path, {
    maxBytes: MAX_INTAKE_UPLOAD_BYTES,
    notAFile: (name) => `“${name}”不是文件。`,
    tooLarge: (name, size) => `文件“${name}”太大（${(size / MB).toFixed(1)} MB），报送的文件不能超过 ${MAX_INTAKE_UPLOAD_BYTES / MB} MB。`
  })
}

/** Workbooks and reports in the workspace folder (and one level of folders below it), the open report left out. */
function workspaceFiles(dir: string, open: string | null): { name: string; bytes: number; modified: string }[] {
  const out: { name: string; bytes: number; modified: string }[] = []
  const visit = (folder: string, depth: number) => {
    let entries
    try {
      entries = readdirSync(folder, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.startsWith('~$')) continue
      const p = join(folder, e.name)
      if (e.isDirectory() && depth < 2) visit(p, depth + 1)
      else if (e.isFile() && READABLE.test(e.name) && resolve(p) !== open) {
        try {
          const st = statSync(p)
          out.push({ name: relative(dir, p).split(sep).join('/'), bytes: st.size, modified: st.mtime.toISOString() })
        } catch {
          /* gone meanwhile */
        }
      }
      if (out.length >= 2000) return
    }
  }
  visit(dir, 0)
  return out.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}

export function intakeHandlers(ctx: ServiceContext, intake: Intake): Handlers['intake'] {
  const { session, ports } = ctx
  return {
    overview: () => intake.overview(session.require()),

    read: async ({ source, uploads, names }) => {
      const report = session.require()
      let inputs: IntakeInput[]
      if (source === 'upload') {
        if (!uploads?.length) throw new UserError('BAD_INPUT', '请选择要汇总的文件。')
        inputs = uploads.map((u) => ({ fileName: u.name, bytes: new Uint8Array(decodeBase64(u.data)), modified: u.modified && !Number.isNaN(Date.parse(u.modified)) ? new Date(u.modified).toISOString() : null }))
      } else if (source === 'dialog') {
        if (!ports.dialogs?.openIntakeFiles) throw new UserError('UNSUPPORTED', '浏览器模式下请上传文件，或从工作文件夹中选择。')
        const chosen = await ports.dialogs.openIntakeFiles()
        if (!chosen) return null
        inputs = chosen.map(readSentFile)
      } else {
        if (ports.transport !== 'browser') throw new UserError('UNSUPPORTED', '请在对话框中选择文件。')
        if (!names?.length) throw new UserError('BAD_INPUT', '请选择要汇总的文件。')
        const ws = resolve(ports.workspaceDir)
        inputs = names.map((n) => {
          const p = resolve(ws, n)
          if (!p.startsWith(ws + sep) || !READABLE.test(p)) throw new UserError('BAD_INPUT', `“${n.slice(0, 60)}”不在工作文件夹中。`)
          return readSentFile(p)
        })
      }
      return intake.read(report, inputs)
    },

    pending: () => intake.pending(session.require()),

    accept: ({ files }) => {
      session.store()
      return intake.accept(session.require(), files)
    },

    discard: () => {
      intake.discard()
      return intake.pending(session.require())
    },

    workspaceFiles: () => {
      if (ports.transport !== 'browser') throw new UserError('UNSUPPORTED', '请在对话框中选择文件。')
      return workspaceFiles(resolve(ports.workspaceDir), session.report ? resolve(session.report.path) : null)
    },

    kit: async ({ schools }) => {
      const report = session.require()
      session.store()
      const meta = report.store.meta()
      const suggested = safeFileName(`${meta.region}${meta.year}年度数据填报表`, '数据填报表')
      let dir: string | null
      if (ports.dialogs?.chooseFolder) dir = await ports.dialogs.chooseFolder('生成填报表：选择保存填报表的文件夹', suggested)
      else dir = join(ports.workspaceDir, '填报表', suggested)
      if (!dir) return null
      return intake.kit(report, dir, schools)
    },

    provenance: ({ indicator, year }) => intake.provenance(session.require(), indicator, year),

    withdraw: ({ name }) => {
      session.store()
      return intake.withdraw(session.require(), name)
    },

    cases: () => intake.cases(session.require()),

    pickCase: (input) => {
      session.store()
      const caseId = intake.pickCase(ctx, session.require(), input)
      return { state: ctx.state(), caseId }
    }
  }
}
