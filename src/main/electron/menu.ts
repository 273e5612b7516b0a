import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { MainEvent } from '@shared/api'

type MenuCommand = Extract<MainEvent, { type: 'menu' }>['command']

/** The application menu, in Chinese; commands go to the focused window's renderer. */
export function buildMenu(send: (command: MenuCommand) => void, isDev: boolean): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '新建报告…', accelerator: 'CmdOrCtrl+N', click: () => send('new') },
        { label: '打开…', accelerator: 'CmdOrCtrl+O', click: () => send('open') },
        { type: 'separator' },
        { label: '保存', accelerator: 'CmdOrCtrl+S', click: () => send('save') },
        { label: '另存为…', accelerator: 'CmdOrCtrl+Shift+S', click: () => send('save-as') },
        { label: '报告属性…', click: () => send('properties') },
        { type: 'separator' },
        { label: '关闭报告', click: () => send('close') },
        { label: '退出', role: 'quit' }
      ]
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' }
      ]
    },
    {
      label: '视图',
      submenu: [
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(isDev ? ([{ label: '开发者工具', role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : [])
      ]
    }
  ]
  return Menu.buildFromTemplate(template)
}
