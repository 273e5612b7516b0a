import { join } from 'node:path'
import { callNames } from '../../src/shared/api'
import { createFakeElectron, installFake } from '../helpers/fakeElectron'
import { tempDir } from '../helpers/reports'

vi.mock('electron', async () => (await import('../helpers/fakeElectron')).electronModule())

/** window.nianbao: one method per contract call and nothing that reaches ipcRenderer itself. */
describe('preload bridge', () => {
  async function load() {
    vi.resetModules()
    const fake = installFake(createFakeElectron({ appPath: tempDir(), home: join(tempDir(), 'home') }))
    await import('../../src/preload/index')
    const bridge = fake.exposed.get('nianbao') as Record<string, any>
    return { fake, bridge }
  }

  it('exposes exactly the contract’s calls, frozen, plus events, image URLs and the transport', async () => {
    const { fake, bridge } = await load()
    expect([...fake.exposed.keys()]).toEqual(['nianbao'])
    expect(Object.isFrozen(bridge)).toBe(true)
    const groups = [...new Set(callNames.map((n) => n.split('.')[0]))]
    expect(Object.keys(bridge).sort()).toEqual([...groups, 'assetUrl', 'onEvent', 'transport'].sort())
    const exposedCalls = groups.flatMap((g) => {
      expect(Object.isFrozen(bridge[g])).toBe(true)
      return Object.keys(bridge[g]).map((m) => `${g}.${m}`)
    })
    expect(exposedCalls.sort()).toEqual([...callNames].sort())
    expect(bridge.transport).toBe('electron')
    expect(bridge.assetUrl('ab'.repeat(32))).toBe(`nianbao-asset://asset/${'ab'.repeat(32)}`)
    expect(JSON.stringify(Object.keys(bridge))).not.toMatch(/ipc|invoke|send|require/i)
  })

  it('each method forwards its call name and argument over the one invoke channel', async () => {
    const { fake, bridge } = await load()
    for (const name of callNames) {
      const [g, m] = name.split('.')
      await bridge[g][m]({ probe: name })
      expect(fake.ipcRendererInvoke).toHaveBeenLastCalledWith('nianbao:call', name, { probe: name })
    }
    expect(fake.ipcRendererInvoke).toHaveBeenCalledTimes(callNames.length)
  })

  it('passes main’s events to a listener without the IPC event object, and unsubscribes', async () => {
    const { fake, bridge } = await load()
    const seen: unknown[] = []
    const off = bridge.onEvent((e: unknown) => seen.push(e))
    const ipc = fake.module.ipcRenderer as { emit: (channel: string, ...args: unknown[]) => void }
    ipc.emit('nianbao:event', { sender: 'secret' }, { type: 'flush-request', requestId: 3 })
    off()
    ipc.emit('nianbao:event', { sender: 'secret' }, { type: 'flush-request', requestId: 4 })
    expect(seen).toEqual([{ type: 'flush-request', requestId: 3 }])
  })
})
