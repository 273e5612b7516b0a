import { cellPlace } from '@shared/model/cellPlace'
import { columnIndex } from '@shared/model/cellAddress'
import { useTableView } from '../store'
import { address, mergeMap } from '../table/grid'
import '../dialogs.css'

/** "C6" → its row and column (zero-based), or null. */
function parseCell(a: string): { r: number; c: number } | null {
  const m = /^([A-Za-z]{1,2})(\d{1,4})$/.exec(a.trim())
  return m ? { r: Number(m[2]) - 1, c: columnIndex(m[1]) } : null
}

/**
 * The chosen table as it reads, to click the cell to quote: a report table
 * shows no column letters, so nobody should have to type an address. The
 * chosen cell is named by its row and column (“双师型教师比”的“2021 年”).
 */
export function CellPicker({ tableId, cell, onPick }: { tableId: string; cell: string; onPick: (address: string) => void }) {
  const { view, missing } = useTableView(tableId)
  if (missing) return <p className="hint">这张表格找不到了。</p>
  if (!view) return <p className="hint">正在载入表格…</p>
  const { resolved } = view
  const merges = mergeMap(resolved.merges)
  const picked = parseCell(cell)
  return (
    <div className="field">
      <span>点击要引用的单元格{picked && <b className="cell-picked">（已选：{cellPlace(resolved.rows, resolved.headerRows, picked.r, picked.c)}）</b>}</span>
      <div className="cell-picker" data-testid="cell-picker">
        <table>
          <tbody>
            {resolved.rows.map((row, r) => (
              <tr key={r}>
                {row.map((c, k) => {
                  const m = merges.get(`${r},${k}`)
                  if (m === 'covered') return null
                  const on = picked?.r === r && picked?.c === k
                  const Tag = r < resolved.headerRows ? 'th' : 'td'
                  return (
                    <Tag
                      key={k}
                      rowSpan={m?.rowSpan}
                      colSpan={m?.colSpan}
                      className={`${on ? 'on' : ''}${typeof c.value === 'number' ? ' num' : ''}`}
                      onClick={() => onPick(address({ r, c: k }))}
                      aria-selected={on}
                      title={cellPlace(resolved.rows, resolved.headerRows, r, k)}
                    >
                      {c.text}
                    </Tag>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
