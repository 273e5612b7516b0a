/**
 * What a formula error means, in words an editor can act on. The engine
 * reports Excel's error kinds (#DIV/0!, #REF!, a cycle…) with English
 * details; the cell shows the code and this explanation.
 */
export interface EngineError {
  type: string
  message?: string
  value?: string
}

const CODES: Record<string, string> = {
  DIV_BY_ZERO: '#DIV/0!',
  NA: '#N/A',
  NAME: '#NAME?',
  NUM: '#NUM!',
  REF: '#REF!',
  VALUE: '#VALUE!',
  CYCLE: '#CYCLE!',
  ERROR: '#ERROR!',
  SPILL: '#SPILL!',
  LIC: '#LIC!'
}

export function errorCode(e: EngineError): string {
  return CODES[e.type] ?? e.value ?? '#ERROR!'
}

export function explainError(e: EngineError): string {
  const msg = e.message ?? ''
  switch (e.type) {
    case 'DIV_BY_ZERO':
      return '除数为零（#DIV/0!）：作分母的单元格或指标为 0 或为空。'
    case 'CYCLE':
      return '循环引用（#CYCLE!）：公式直接或间接引用了它自己所在的单元格，无法计算。请检查公式中的单元格地址。'
    case 'REF':
      if (/sheet does not exist/i.test(msg)) return '引用无效（#REF!）：公式引用的表格已被删除。'
      return '引用无效（#REF!）：公式引用的单元格、表格或指标不存在，或被引用的单元格本身有错误。'
    case 'NAME': {
      const fn = /Function name (\S+) not recognized/i.exec(msg)
      if (fn) return `未知的函数“${fn[1]}”（#NAME?）：请检查函数名的拼写，函数名使用英文，如 SUM、ROUND、AVERAGE。`
      const nm = /Named expression (\S+) not recognized/i.exec(msg)
      if (nm) return `未知的名称“${nm[1]}”（#NAME?）：引用指标请写成 指标("指标名称", 本年)。`
      return '公式中有无法识别的函数或名称（#NAME?）：引用指标请写成 指标("指标名称", 本年)。'
    }
    case 'VALUE':
      return '数值类型错误（#VALUE!）：公式中有文字参与了计算，或参数类型不对。'
    case 'NUM':
      return '数值无效（#NUM!）：计算结果超出范围，或函数参数不合理。'
    case 'NA':
      return '缺少数据：公式用到的指标在该年份还没有填写数值。'
    case 'ERROR':
      if (/pars/i.test(msg)) return '公式写法有误，无法计算：请检查括号、引号是否成对，运算符和逗号是否完整。'
      return '公式无法计算（#ERROR!）。'
    case 'SPILL':
      return '结果区域被占用（#SPILL!）：请在单元格中只返回一个值。'
    default:
      return `公式无法计算（${errorCode(e)}）。`
  }
}
