import { ApiError } from '../../../src/renderer/src/api/errors'
import { FormProblem, FormSubmitter } from '../../../src/renderer/src/components/formSubmit'

/**
 * Every form dialog (报告属性, 新建报告, 插入数据表, 指标, 移动案例…)
 * submits through one FormSubmitter: what was typed is checked before
 * anything is sent, one submission runs at a time, and a refusal becomes
 * the dialog's message.
 */
describe('a form dialog submission', () => {
  it('says what is wrong with what was typed and sends nothing', async () => {
    const f = new FormSubmitter()
    let sent = 0
    const ok = await f.submit(
      () => sent++,
      () => '请填写地区名称。'
    )
    expect(ok).toBe(false)
    expect(sent).toBe(0)
    expect(f.getSnapshot()).toEqual({ busy: false, error: '请填写地区名称。' })
  })

  it('clears the previous message once what was typed is right, and reports busy while it runs', async () => {
    const f = new FormSubmitter()
    f.fail('请选择文件。')
    let release!: () => void
    const seen: boolean[] = []
    f.subscribe(() => seen.push(f.getSnapshot().busy))
    const running = f.submit(() => new Promise<void>((r) => (release = r)), () => null)
    expect(f.getSnapshot()).toEqual({ busy: true, error: null })
    // A second click while the first submission runs sends nothing.
    let second = 0
    expect(await f.submit(() => second++)).toBe(false)
    expect(second).toBe(0)
    release()
    expect(await running).toBe(true)
    expect(f.getSnapshot()).toEqual({ busy: false, error: null })
    expect(seen).toContain(true)
    expect(seen.at(-1)).toBe(false)
  })

  it("shows main's message for a refused call, the dialog's own for a FormProblem, a general one otherwise", async () => {
    const f = new FormSubmitter()
    await f.submit(() => Promise.reject(new ApiError('CONFLICT', '这一年度的报告已存在。')))
    expect(f.getSnapshot()).toEqual({ busy: false, error: '这一年度的报告已存在。' })
    await f.submit(() => {
      throw new FormProblem('当前内容还没有保存成功，请稍后再试。')
    })
    expect(f.getSnapshot().error).toBe('当前内容还没有保存成功，请稍后再试。')
    // An internal error's text (English, a stack) never reaches the user.
    await f.submit(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')")
    })
    expect(f.getSnapshot().error).toBe('操作失败，请重试。')
  })

  it('answers false when the action was refused and said elsewhere, and keeps no message', async () => {
    const f = new FormSubmitter()
    expect(await f.submit(async () => false)).toBe(false)
    expect(f.getSnapshot()).toEqual({ busy: false, error: null })
    expect(await f.submit(async () => undefined)).toBe(true)
  })
})
