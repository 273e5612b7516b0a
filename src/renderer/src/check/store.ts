import type { CheckResult } from '@shared/check/types'
import { api, errorMessage } from '../api/client'

/**
 * The renderer's copy of the last 体检 of the open report. A check is asked
 * for after a save (or a change of the data), never while typing: main
 * recomputes only the chapters that changed. Requests made while one runs
 * are folded into one more run afterwards.
 */
export interface CheckState {
  result: CheckResult | null
  running: boolean
  error: string | null
}

type Listener = () => void

class CheckStore {
  private state: CheckState = { result: null, running: false, error: null }
  private listeners = new Set<Listener>()
  private queued = false
  private report: string | null = null
  private generation = 0

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  getSnapshot = (): CheckState => this.state

  private set(next: Partial<CheckState>): void {
    this.state = { ...this.state, ...next }
    for (const l of this.listeners) l()
  }

  /** The report on screen: another file starts with no result. */
  noteReport(path: string): void {
    if (this.report === path) return
    this.report = path
    this.generation++
    this.queued = false
    this.set({ result: null, running: false, error: null })
  }

  /** A result given by another call (a fix, 已核实, a binding). */
  adopt(result: CheckResult): void {
    this.set({ result, error: null })
  }

  /** Check now, or once more after the check that is running. */
  async request(): Promise<void> {
    if (this.state.running) {
      this.queued = true
      return
    }
    const gen = this.generation
    this.set({ running: true })
    try {
      const result = await api.check.run()
      if (gen === this.generation) this.set({ result, error: null })
    } catch (e) {
      if (gen === this.generation) this.set({ error: errorMessage(e) })
    } finally {
      if (gen === this.generation) this.set({ running: false })
    }
    if (this.queued && gen === this.generation) {
      this.queued = false
      await this.request()
    }
  }
}

export const checkStore = new CheckStore()
