// Who a material change of the statement must be told to (REQ-TR-04), as ids: the controller's own
// living people (not the people held for a customer: the customer is their controller and tells
// them) of the given subject types, who have an e-mail address on record. No value is read; the
// sender opens the address through the gate when it writes. Takes the caller's transaction, so the
// notices are queued with the version that needs them.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export const NOTICE_CONTACT_CATEGORY = 'contact.email'

/** One page of ids (ordered, after `after`), at most `limit`. */
export async function noticeAudience(db: Kysely<DB>, options: { types: readonly string[]; after?: string | undefined; limit: number }): Promise<string[]> {
  if (options.types.length === 0) return []
  let q = db
    .selectFrom('subject')
    .select('subject.id')
    .where('subject.tenant_id', 'is', null)
    .where('subject.erased_at', 'is', null)
    .where('subject.type', 'in', [...options.types])
    .where((eb) => eb.exists(eb.selectFrom('personal_data').select('personal_data.subject_id').whereRef('personal_data.subject_id', '=', 'subject.id').where('personal_data.category', '=', NOTICE_CONTACT_CATEGORY)))
    .orderBy('subject.id')
    .limit(options.limit)
  if (options.after) q = q.where('subject.id', '>', options.after)
  return (await q.execute()).map((r) => r.id)
}
