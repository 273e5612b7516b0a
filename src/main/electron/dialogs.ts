import { dialog, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import type { Dialogs } from '../services/ports'

const FILTERS = [{ name: '年报报告', extensions: ['nianbao'] }]

/** Native open/save dialogs for one window. */
export function electronDialogs(win: BrowserWindow, defaultDir: string): Dialogs {
  return {
    async openReport() {
      const r = await dialog.showOpenDialog(win, { title: '打开报告', defaultPath: defaultDir, filters: FILTERS, properties: ['openFile'] })
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]
    },
    async saveReport(suggestedName) {
      const r = await dialog.showSaveDialog(win, { title: '保存报告', defaultPath: join(defaultDir, suggestedName), filters: FILTERS })
      return r.canceled || !r.filePath ? null : r.filePath
    },
    async saveDocx(suggestedName) {
      const r = await dialog.showSaveDialog(win, { title: '导出 Word', defaultPath: join(defaultDir, suggestedName), filters: [{ name: 'Word 文档', extensions: ['docx'] }] })
      return r.canceled || !r.filePath ? null : r.filePath
    },
    async openDocx() {
      const r = await dialog.showOpenDialog(win, { title: '导入上一年报告', defaultPath: defaultDir, filters: [{ name: 'Word 文档', extensions: ['docx'] }], properties: ['openFile'] })
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]
    },
    async openLastYear() {
      const r = await dialog.showOpenDialog(win, {
        title: '选择上一年的报告',
        defaultPath: defaultDir,
        filters: [{ name: '年报报告或 Word 文档', extensions: ['nianbao', 'docx'] }],
        properties: ['openFile']
      })
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]
    },
    async openIntakeFiles() {
      const r = await dialog.showOpenDialog(win, {
        title: '汇总学校数据：选择各单位报送的文件',
        defaultPath: defaultDir,
        filters: [
          { name: '填报表、报告或 Word 文档', extensions: ['xlsx', 'nianbao', 'docx'] },
          { name: 'Excel 工作簿', extensions: ['xlsx'] }
        ],
        properties: ['openFile', 'multiSelections']
      })
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths
    },
    async chooseFolder(title, suggestedName) {
      const r = await dialog.showOpenDialog(win, { title, defaultPath: join(defaultDir, suggestedName), properties: ['openDirectory', 'createDirectory', 'promptToCreate'] })
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]
    }
  }
}
