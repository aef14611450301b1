// The gate's view of a person, from the row the state queries return (one person in Vault.state,
// a whole batch in the retention sweep): ids, lifecycle facts and consents, never a value.
import type { SubjectState } from '../gate/decide.ts'
import type { ConsentReader } from './vault.ts'

export interface SubjectStateRow {
  id: string
  type: string
  tenant_id: string | null
  source: string | null
  created_at: Date | string
  restricted_at: Date | string | null
  /** Latest occurrence per event, as [event, at]. */
  events: [string, string][] | null
  objections: Record<string, 'pending' | 'upheld' | 'rejected'> | null
  suppressed: boolean
  /** Latest consent event per purpose, as [purpose, granted, statement version]. */
  consents: [string, boolean, number][] | null
}

export function subjectStateOf(row: SubjectStateRow, consent: ConsentReader, erased: boolean): SubjectState {
  return {
    id: row.id,
    type: row.type,
    tenantId: row.tenant_id,
    source: row.source,
    createdAt: new Date(row.created_at),
    restricted: row.restricted_at !== null,
    erased,
    lastEvent: new Map((row.events ?? []).map(([event, at]) => [event, new Date(at)])),
    objections: new Map(Object.entries(row.objections ?? {})),
    consents: consent.consents((row.consents ?? []).map(([purpose, granted, statementVersion]) => ({ purpose, granted, statementVersion }))),
    suppressed: row.suppressed === true,
  }
}
