import { fieldFormula } from '../model/fields'
import type { IndicatorWithValues } from '../model/indicator'
import type { DataValue } from './types'

/**
 * The indicators' values for the report's year and the year before, as 体检
 * compares sentences with them and proposes fields for them: each quoted as
 * 指标("key", 本年) (or 上年), so a field follows the data year on rollover.
 */
export function indicatorValues(indicators: Pick<IndicatorWithValues, 'id' | 'name' | 'unit' | 'values'>[], year: number, sourceOf: (key: string) => string): DataValue[] {
  const out: DataValue[] = []
  for (const ind of indicators) {
    for (const yr of [year, year - 1]) {
      const v = ind.values[String(yr)]
      if (v === undefined) continue
      const prev = ind.values[String(yr - 1)]
      out.push({
        name: ind.name,
        unit: ind.unit,
        year: yr,
        value: v,
        ref: fieldFormula({ kind: 'value', indicator: ind.id, year: { rel: year - yr } }),
        source: sourceOf(ind.id),
        indicator: ind.id,
        ...(prev !== undefined ? { previous: prev } : {})
      })
    }
  }
  return out
}
