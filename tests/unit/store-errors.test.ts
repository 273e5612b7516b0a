import { join } from 'node:path'
import { ReportSession } from '../../src/main/services/reportSession'
import { templateChapters, templateMeta } from '../../src/main/templates/outline'
import { tempDir } from '../helpers/reports'

/** A name the file system refuses as too long is the user's to change: a Chinese message, not an internal error. */
it('a report name longer than the file system allows gets a Chinese message', () => {
  const session = new ReportSession({ now: () => new Date() })
  const path = join(tempDir('nianbao-long-name-'), `${'很长的名字'.repeat(20)}.nianbao`)
  let error: unknown
  try {
    session.create(path, templateMeta('school', { region: '某校', year: 2024 }), templateChapters('school'))
  } catch (e) {
    error = e
  }
  expect(error).toMatchObject({ name: 'UserError', code: 'BAD_INPUT', message: expect.stringMatching(/文件名或所在路径太长/) })
})
