// The retention outlook of the dashboard (REQ-AUD-03): what the sweep will do in the coming days,
// as counts per action and category, from the forecast's groups. No subject id. Pure.
import type { RetentionForecast } from './sweep.ts'

export interface OutlookRow {
  readonly action: string
  /** A data category id, or `*` for people erased as a whole. */
  readonly category: string
  /** People (a person counts once per action and category within the window). */
  readonly people: number
}

const ACTION_ORDER = ['erase', 'delete', 'anonymise', 'retain']

export function retentionOutlook(forecast: Pick<RetentionForecast, 'items'>): OutlookRow[] {
  const by = new Map<string, OutlookRow>()
  for (const item of forecast.items) {
    const key = `${item.action}|${item.category}`
    const had = by.get(key)
    by.set(key, { action: item.action, category: item.category, people: (had?.people ?? 0) + item.count })
  }
  const rank = (a: string) => (ACTION_ORDER.includes(a) ? ACTION_ORDER.indexOf(a) : ACTION_ORDER.length)
  return [...by.values()].sort((a, b) => rank(a.action) - rank(b.action) || a.action.localeCompare(b.action) || a.category.localeCompare(b.category))
}
