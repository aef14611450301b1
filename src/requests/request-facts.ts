// What the gate needs to know of one request to decide a use of a person's data for it
// (src/gate/request-grant.ts): its right, state, scope, verification, doubt, matched people and how
// long its download lives. Never the requester's address or words.
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { RequestFacts, RequestRight } from '../gate/request-grant.ts'
import { isUuid } from '../util/ids.ts'

export async function readRequestFacts(db: Kysely<DB>, requestId: string): Promise<RequestFacts | undefined> {
  if (!isUuid(requestId)) return undefined
  const row = await db
    .selectFrom('dsr_request as r')
    .select(['r.id', 'r.type', 'r.status', 'r.tenant_id', 'r.verified_at', 'r.paused_on', 'r.subject_ids', 'r.export_expires_at'])
    .select(sql<boolean>`exists (select 1 from dsr_event e where e.request_id = r.id and e.action = 'restriction_lifted')`.as('lifted'))
    .where('r.id', '=', requestId.toLowerCase())
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    type: row.type as RequestRight,
    status: row.status,
    tenantId: row.tenant_id,
    verified: row.verified_at !== null,
    doubtOpen: row.paused_on !== null,
    subjectIds: row.subject_ids,
    exportExpiresAt: row.export_expires_at ? new Date(row.export_expires_at) : null,
    restrictionLifted: row.lifted === true,
  }
}
