// Material-change notices (REQ-TR-04): who a published version must be told to, and the state of
// each notice. One row per version and person, ids only: the address is read through the gate by
// the sender (./notice-sender.ts) when it writes, never stored here, never in the audit log.
//
// A notice is 'pending' until it is 'sent', 'failed' (the mail could not be delivered after the
// queue's retries) or 'no_contact' (no address any more when it was due, or the person was erased
// meanwhile). A version's notification_status is 'none' (nothing material), 'pending' (notices
// owed), 'sent' (every notice sent) or 'incomplete' (all settled, some failed or had no contact).
import type { Kysely } from 'kysely'
import type { DB, PolicyNoticeStatus } from '../db/schema.ts'
import type { Policy, Purpose } from './policy.ts'
import type { PurposeChange } from './statement-diff.ts'
import { noticeAudience } from '../vault/notice-audience.ts'

export type { PolicyNoticeStatus }

export const NOTICE_STATUSES: readonly PolicyNoticeStatus[] = ['pending', 'sent', 'failed', 'no_contact']

const PAGE = 1000

/** The purpose a change is about: as it is now, or as it was when it was removed. */
function changedPurpose(previous: Policy, next: Policy, change: PurposeChange): { purpose: Purpose; policy: Policy } | undefined {
  const now = next.purpose(change.purposeId)
  if (now) return { purpose: now, policy: next }
  const before = previous.purpose(change.purposeId)
  return before ? { purpose: before, policy: previous } : undefined
}

/**
 * The material changes that concern a person of this subject type: purposes of the controller's
 * own processing (not processing on behalf of a customer) that cover the type.
 */
export function changesFor(previous: Policy, next: Policy, changes: readonly PurposeChange[], subjectType: string): PurposeChange[] {
  return changes.filter((c) => {
    if (!c.material) return false
    const found = changedPurpose(previous, next, c)
    if (!found || found.purpose.role === 'processor') return false
    const type = next.subjectType(subjectType) ?? previous.subjectType(subjectType)
    if (!type || type.role === 'processor') return false
    return found.purpose.subjectTypes.includes(subjectType) || (previous.purpose(c.purposeId)?.subjectTypes.includes(subjectType) ?? false)
  })
}

/** The subject types a version's material changes concern (controller processing only). */
export function affectedSubjectTypes(previous: Policy, next: Policy, changes: readonly PurposeChange[]): string[] {
  const types = new Set<string>([...previous.subjectTypes, ...next.subjectTypes].map((t) => t.id))
  return [...types].filter((t) => changesFor(previous, next, changes, t).length > 0).sort()
}

/**
 * Queues one pending notice per person the changes concern who has an address on record, inside
 * the caller's transaction (the one that inserts the version). Returns how many were queued.
 */
export async function queueNotices(tx: Kysely<DB>, version: number, types: readonly string[]): Promise<number> {
  let queued = 0
  let after: string | undefined
  for (;;) {
    const ids = await noticeAudience(tx, { types, after, limit: PAGE })
    if (ids.length === 0) break
    await tx
      .insertInto('policy_notice')
      .values(ids.map((subject_id) => ({ version, subject_id })))
      .onConflict((oc) => oc.columns(['version', 'subject_id']).doNothing())
      .execute()
    queued += ids.length
    if (ids.length < PAGE) break
    after = ids[ids.length - 1]
  }
  return queued
}

export interface NoticeCounts {
  readonly total: number
  readonly pending: number
  readonly sent: number
  readonly failed: number
  readonly no_contact: number
}

export async function noticeCounts(db: Kysely<DB>, version: number): Promise<NoticeCounts> {
  const rows = await db.selectFrom('policy_notice').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('version', '=', version).groupBy('status').execute()
  const counts = { pending: 0, sent: 0, failed: 0, no_contact: 0 }
  for (const r of rows) counts[r.status] = Number(r.n)
  return { total: counts.pending + counts.sent + counts.failed + counts.no_contact, ...counts }
}

export interface NoticeRow {
  readonly version: number
  readonly subjectId: string
  readonly status: PolicyNoticeStatus
  readonly attempts: number
  readonly sentAt: string | null
}

export async function noticeOf(db: Kysely<DB>, version: number, subjectId: string): Promise<NoticeRow | undefined> {
  const r = await db.selectFrom('policy_notice').selectAll().where('version', '=', version).where('subject_id', '=', subjectId).executeTakeFirst()
  return r ? { version: r.version, subjectId: r.subject_id, status: r.status, attempts: r.attempts, sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null } : undefined
}

/** Pending notices, oldest version first, one page after (version, subjectId). */
export async function pendingNotices(db: Kysely<DB>, limit: number, after?: { version: number; subjectId: string }): Promise<{ version: number; subjectId: string }[]> {
  let q = db.selectFrom('policy_notice').select(['version', 'subject_id']).where('status', '=', 'pending').orderBy('version').orderBy('subject_id').limit(limit)
  if (after) q = q.where((eb) => eb.or([eb('version', '>', after.version), eb.and([eb('version', '=', after.version), eb('subject_id', '>', after.subjectId)])]))
  return (await q.execute()).map((r) => ({ version: r.version, subjectId: r.subject_id }))
}

/** Counts one attempt at a pending notice; false when it is no longer pending. */
export async function recordAttempt(db: Kysely<DB>, version: number, subjectId: string): Promise<boolean> {
  const r = await db
    .updateTable('policy_notice')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('version', '=', version)
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'pending')
    .returning('attempts')
    .executeTakeFirst()
  return r !== undefined
}

/** Settles a pending notice; false when another run settled it first. */
export async function settleNotice(db: Kysely<DB>, version: number, subjectId: string, status: Exclude<PolicyNoticeStatus, 'pending'>, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('policy_notice')
    .set({ status, settled_at: at, ...(status === 'sent' ? { sent_at: at } : {}) })
    .where('version', '=', version)
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'pending')
    .returning('subject_id')
    .executeTakeFirst()
  return r !== undefined
}

/**
 * Once no notice of the version is pending, its notification_status becomes 'sent' (every notice
 * sent, or none was owed) or 'incomplete' (some failed or had no contact). Returns the status.
 */
export async function settleVersion(db: Kysely<DB>, version: number): Promise<string | undefined> {
  const counts = await noticeCounts(db, version)
  if (counts.pending > 0) return 'pending'
  const status = counts.failed + counts.no_contact > 0 ? 'incomplete' : 'sent'
  const r = await db.updateTable('policy_version').set({ notification_status: status }).where('version', '=', version).where('notification_status', '=', 'pending').returning('notification_status').executeTakeFirst()
  return r?.notification_status ?? (await db.selectFrom('policy_version').select('notification_status').where('version', '=', version).executeTakeFirst())?.notification_status
}
