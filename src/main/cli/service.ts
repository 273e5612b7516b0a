import type { CallInput, CallResult, Group, MethodOf } from '@shared/api'
import { UserError } from '@shared/errors'
import { AppState } from '../services/appState'
import { dispatch } from '../services/dispatch'
import type { Dialogs } from '../services/ports'
import { createService, type Service } from '../services/service'

/**
 * A command that works on a report goes through the service layer as the
 * app does: every call through dispatch (its input validated by the same
 * schemas), the report opened in the service's session. The "dialogs" of
 * the command line are its arguments (the files to read, the folder to
 * write to); a refusal becomes a UserError (exit code 1).
 */
export interface CliSession {
  service: Service
  call<G extends Group, M extends MethodOf<G>>(group: G, method: M, input?: CallInput<G, M>): Promise<CallResult<G, M>>
}

export async function withReport<T>(file: string, dialogs: Partial<Dialogs>, run: (s: CliSession) => Promise<T>): Promise<T> {
  const service = createService({
    appState: new AppState(),
    ports: {
      transport: 'browser',
      workspaceDir: process.cwd(),
      dialogs: { openReport: async () => null, saveReport: async () => null, ...dialogs }
    }
  })
  try {
    service.session.open(file)
    return await run({
      service,
      call: async (group, method, input) => {
        let internal: unknown = null
        const r = await dispatch(service.handlers, `${group}.${method}`, input, (e) => (internal = e))
        // A bug is not the user's doing: it leaves with exit code 2, not 1.
        if (!r.ok && r.error.code === 'INTERNAL') throw internal instanceof Error ? internal : new Error(r.error.message)
        if (!r.ok) throw new UserError(r.error.code, r.error.message)
        return r.result as never
      }
    })
  } finally {
    service.session.close()
  }
}
