/**
 * Child process of save-as-crash.test.ts: opens a report and makes a copy of
 * it with 另存为 (the session's saveAs), printing "start" just before, so the
 * parent can kill it while the copy is being written.
 */
import { ReportSession } from '../../../src/main/services/reportSession'

const [file, target] = process.argv.slice(2)
const session = new ReportSession({ now: () => new Date() })
session.open(file)
process.stdout.write('start\n')
void session.saveAs(target).then(() => process.stdout.write('done\n'))
