#!/usr/bin/env node
'use strict'
// The `nianbao` command: runs the built CLI (out/main/cli.js) under Node.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

// NIANBAO_OUT picks another build folder inside the project (parallel work, tests).
const cli = join(__dirname, '..', process.env.NIANBAO_OUT || 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('错误：年报尚未构建，请先在项目目录运行 npm run build。\n')
  process.exit(1)
}
require(cli).main()
