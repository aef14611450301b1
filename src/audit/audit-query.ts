// Reading the audit log back, for the DPO's console: entries by actor, subject id, purpose, action
// and time, newest first. Entries hold identifiers and codes only, so what this returns is no
// personal data; who reads it is itself audited by the caller (the console appends `audit.read`).
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { AuditFields } from './chain.ts'
import type { AuditLog } from './audit-log.ts'

export interface AuditFilter {
  readonly actor?: string | undefined
  readonly subjectId?: string | undefined
  readonly purpose?: string | undefined
  /** An action, or a family of them with a trailing `.*` (`request.*`). */
  readonly action?: string | undefined
  /** Inclusive bounds, ISO instants. */
  readonly from?: Date | undefined
  readonly to?: Date | undefined
}

/** An entry as stored, without its chain links. */
export type AuditRow = AuditFields

export const AUDIT_PAGE_LIMIT = 200

/** At most `limit` entries matching every given filter, newest first, before `beforeSeq` when given. */
export async function findAuditEntries(db: Kysely<DB>, filter: AuditFilter, options: { limit?: number; beforeSeq?: number } = {}): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_entry').select(['seq', 'at', 'actor_id', 'action', 'subject_id', 'purpose', 'categories', 'decision', 'reason']).orderBy('seq', 'desc').limit(options.limit ?? AUDIT_PAGE_LIMIT)
  if (filter.actor) q = q.where('actor_id', '=', filter.actor)
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId)
  if (filter.purpose) q = q.where('purpose', '=', filter.purpose)
  if (filter.action) q = filter.action.endsWith('.*') ? q.where('action', 'like', `${filter.action.slice(0, -1).replace(/[%_\\]/g, '\\$&')}%`) : q.where('action', '=', filter.action)
  if (filter.from) q = q.where('at', '>=', filter.from.toISOString())
  if (filter.to) q = q.where('at', '<=', filter.to.toISOString())
  if (options.beforeSeq !== undefined) q = q.where('seq', '<', options.beforeSeq)
  const rows = await q.execute()
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    action: r.action,
    subjectId: r.subject_id,
    purpose: r.purpose,
    categories: r.categories ?? [],
    decision: r.decision,
    reason: r.reason,
  }))
}

/** The filters as an audit reason: which fields were used and their codes (ids, purposes, actions, times). */
function readReason(f: AuditFilter): string {
  const parts = Object.entries({ actor: f.actor, subject: f.subjectId, purpose: f.purpose, action: f.action, from: f.from?.toISOString(), to: f.to?.toISOString() }).filter(([, v]) => v)
  return parts.length ? parts.map(([k, v]) => `${k}=${v}`).join(';').slice(0, 500) : 'all'
}

/**
 * The log read back by someone, recorded first (fail closed, like every other use): an
 * `audit.read` entry naming the filters, then the entries.
 */
export async function readAuditLog(log: AuditLog, db: Kysely<DB>, readerId: string, filter: AuditFilter, options: { limit?: number; beforeSeq?: number } = {}): Promise<AuditRow[]> {
  await log.append({ actorId: readerId, action: 'audit.read', subjectId: null, purpose: null, categories: [], decision: 'allow', reason: readReason(filter) })
  return findAuditEntries(db, filter, options)
}

/** The hash of the entry with this sequence number (a chain head a certificate can name), if it is there. */
export async function entryHash(db: Kysely<DB>, seq: number): Promise<string | undefined> {
  const row = await db.selectFrom('audit_entry').select('hash').where('seq', '=', seq).executeTakeFirst()
  return row?.hash
}
