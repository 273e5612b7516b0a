import { pointerBlock } from './pointer'

/** 表 N-M: a numbered report table: caption, cells, formulas and note live in the report_table row. */
export const ReportTableNode = pointerBlock('reportTable', 'report-table')
