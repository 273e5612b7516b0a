import { Dialog } from '../components/Dialog'
import { importController } from '../import/controller'
import { intakeController } from './controller'

/** A Word document dropped on a city report: a school's report to compile, or last year's report to import as a new one? */
export function DocxChoiceDialog({ file }: { file: File }) {
  return (
    <Dialog title="这份 Word 文档是…" onClose={() => intakeController.close()} width={520} testId="docx-choice">
      <p className="dialog-message">“{file.name}”</p>
      <div className="intake-choice">
        <button
          type="button"
          className="action-card"
          onClick={() => {
            intakeController.close()
            void intakeController.readFiles([file])
          }}
          data-testid="docx-choice-intake"
        >
          <span className="action-title">学校（或下级单位）报送的质量报告</span>
          <span className="action-desc">读取其中的数据和案例，汇总进本报告</span>
        </button>
        <button
          type="button"
          className="action-card"
          onClick={() => {
            intakeController.close()
            void importController.importDocx(file)
          }}
          data-testid="docx-choice-import"
        >
          <span className="action-title">上一年的报告</span>
          <span className="action-desc">导入为一份新的报告（本报告不变）</span>
        </button>
      </div>
    </Dialog>
  )
}
