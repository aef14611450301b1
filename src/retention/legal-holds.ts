// Legal holds (Art. 17(3)(e), REQ-RT-04): a pending or expected dispute keeps named categories of one
// person for a legal-claims purpose (a purpose with `legalClaims: true`), with a reason and a review
// date, until the hold is released. An erasure keeps held categories (reason legal_claims, until
// released); a hold placed after erasure keeps what is still kept; releasing a hold ends that, and
// the daily expireRetained then erases what nothing else requires. Every step is audited, ids only.
import { sql, type Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../db/schema.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Actor } from '../gate/actor.ts'
import { isUuid } from '../util/ids.ts'
import type { Gate } from '../gate/gate.ts'
import type { Vault } from '../vault/vault.ts'
import type { HoldFacts } from './erasure-plan.ts'

export interface LegalHold {
  readonly id: string
  readonly subjectId: string
  /** The legal-claims purpose the held categories stay restricted to. */
  readonly purpose: string
  /** Why the data are held; sealed under the person's retention key, null once the hold is released. */
  readonly reason: string | null
  readonly categories: readonly string[]
  /** YYYY-MM-DD: when the hold must be reviewed. */
  readonly reviewDate: string
  readonly createdBy: string
  readonly createdAt: string
  readonly releasedAt: string | null
  readonly releasedBy: string | null
  readonly active: boolean
}

export type LegalHoldErrorCode = 'hold_not_found' | 'no_legal_claims_purpose' | 'categories_not_in_purpose' | 'invalid_review_date' | 'invalid_reason' | 'subject_erased' | 'already_released'

export class LegalHoldError extends Error {
  readonly code: LegalHoldErrorCode
  readonly status: 403 | 404 | 409 | 422
  readonly details: unknown
  constructor(code: LegalHoldErrorCode, status: LegalHoldError['status'], message: string, details?: unknown) {
    super(message)
    this.name = 'LegalHoldError'
    this.code = code
    this.status = status
    this.details = details
  }
}

export interface PlaceHold {
  readonly reason: string
  /** Categories to keep; default: every category of the legal-claims purpose. */
  readonly categories?: readonly string[] | undefined
  /** YYYY-MM-DD; default: one year from today. */
  readonly reviewDate?: string | undefined
  /** The legal-claims purpose; default: the first one the actor may use for this person. */
  readonly purpose?: string | undefined
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

type HoldRow = { subject_id: string; id: string; purpose: string; reason_sealed: Uint8Array | null; categories: string[]; review_date: string; created_by: string; created_at: Date; released_at: Date | null; released_by: string | null }

function toHold(r: HoldRow, reason: string | null): LegalHold {
  return {
    id: r.id,
    subjectId: r.subject_id,
    purpose: r.purpose,
    reason,
    categories: r.categories,
    reviewDate: r.review_date,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    releasedAt: r.released_at ? new Date(r.released_at).toISOString() : null,
    releasedBy: r.released_by,
    active: r.released_at === null,
  }
}

export class LegalHolds {
  readonly #db: Kysely<DB>
  readonly #vault: Vault
  readonly #gate: Gate
  readonly #audit: AuditLog
  readonly #now: () => Date

  // Who may hold whose data is the gate's to decide (legalClaimsAccess); this room keeps the holds.
  constructor(options: { db: Kysely<DB>; vault: Vault; gate: Gate; audit: AuditLog; now?: () => Date }) {
    this.#db = options.db
    this.#vault = options.vault
    this.#gate = options.gate
    this.#audit = options.audit
    this.#now = options.now ?? (() => new Date())
  }

  #subject(actor: Actor, subjectId: string, action: string) {
    return this.#gate.legalClaimsAccess(actor, subjectId, action)
  }

  async place(actor: Actor, subjectId: string, input: PlaceHold): Promise<LegalHold> {
    const { subject, purposes } = await this.#subject(actor, subjectId, 'legal_hold.place')
    const purpose = input.purpose === undefined ? purposes[0]! : purposes.find((p) => p.id === input.purpose)
    if (!purpose) {
      // The purpose the caller named is not one it may use: recorded as none, never as the caller's text.
      await this.#audit.append({ actorId: actor.id, action: 'legal_hold.place', subjectId, purpose: null, categories: [], decision: 'deny', reason: 'no_legal_claims_purpose' })
      throw new LegalHoldError('no_legal_claims_purpose', 403, `use one of the legal-claims purposes ${purposes.map((p) => p.id).join(', ')}`)
    }
    const reason = input.reason.trim()
    if (reason.length < 3 || reason.length > 500) throw new LegalHoldError('invalid_reason', 422, 'give the reason for the hold (3 to 500 characters), e.g. the dispute or case reference')
    const allowed = purpose.categories.map((c) => c.id)
    const categories = [...new Set(input.categories ?? allowed)].sort()
    const outside = categories.filter((c) => !allowed.includes(c))
    if (outside.length || categories.length === 0) {
      throw new LegalHoldError('categories_not_in_purpose', 422, `a hold under ${purpose.id} can keep only ${allowed.join(', ')}`, { categories: outside })
    }
    const now = this.#now()
    const reviewDate = input.reviewDate ?? new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), now.getUTCDate())).toISOString().slice(0, 10)
    if (!DATE.test(reviewDate) || Number.isNaN(Date.parse(`${reviewDate}T00:00:00Z`)) || new Date(`${reviewDate}T00:00:00Z`).toISOString().slice(0, 10) !== reviewDate) {
      throw new LegalHoldError('invalid_review_date', 422, 'reviewDate must be a calendar date YYYY-MM-DD')
    }
    if (reviewDate <= now.toISOString().slice(0, 10)) throw new LegalHoldError('invalid_review_date', 422, 'reviewDate must be after today')
    const id = uuidv7()
    await this.#db.transaction().execute(async (tx) => {
      if (subject.erased) {
        // After erasure only what is still kept can be held; the hold keeps it past its legal duty.
        const kept = await this.#vault.holdKept(subjectId, purpose.id, categories, tx)
        if (kept.length === 0) throw new LegalHoldError('subject_erased', 409, 'this person has been erased and none of these categories is kept')
      }
      // The reason names a dispute (often a person, an amount): sealed under the person's retention key.
      const sealed = await this.#vault.sealHoldReason(subjectId, id, reason, tx)
      await tx.insertInto('legal_hold').values({ subject_id: subjectId, id, purpose: purpose.id, reason: null, reason_sealed: sealed, categories: JSON.stringify(categories), review_date: reviewDate, created_by: actor.id, created_at: now }).execute()
    }).catch(async (err: unknown) => {
      if (err instanceof LegalHoldError) await this.#audit.append({ actorId: actor.id, action: 'legal_hold.place', subjectId, purpose: purpose.id, categories, decision: 'deny', reason: err.code })
      throw err
    })
    await this.#audit.append({ actorId: actor.id, action: 'legal_hold.place', subjectId, purpose: purpose.id, categories, decision: 'allow', reason: `hold:${id}` })
    return (await this.#get(subjectId, id))!
  }

  async list(actor: Actor, subjectId: string): Promise<LegalHold[]> {
    await this.#subject(actor, subjectId, 'legal_hold.list')
    const rows = await this.#db.selectFrom('legal_hold').selectAll().where('subject_id', '=', subjectId).orderBy('created_at').orderBy('id').execute()
    await this.#audit.append({ actorId: actor.id, action: 'legal_hold.list', subjectId, purpose: null, categories: [], decision: 'allow', reason: null })
    return Promise.all(rows.map(async (r) => toHold(r as HoldRow, await this.#vault.openHoldReason(r.subject_id, r.id, r.reason_sealed))))
  }

  /**
   * Releases a hold. For an erased person, what only this hold kept gets its end set to now, and
   * the next expireRetained erases it (unless another hold or a legal duty still requires it).
   */
  async release(actor: Actor, subjectId: string, holdId: string): Promise<LegalHold> {
    const { subject } = await this.#subject(actor, subjectId, 'legal_hold.release')
    const hold = isUuid(holdId) ? await this.#get(subjectId, holdId) : undefined
    if (!hold) throw new LegalHoldError('hold_not_found', 404, 'no legal hold with this id for this person')
    if (!hold.active) throw new LegalHoldError('already_released', 409, `this hold was released on ${hold.releasedAt}`)
    const now = this.#now()
    await this.#db.transaction().execute(async (tx) => {
      // Released: its reason is destroyed; the record of the hold (who, when, what) stays.
      await tx.updateTable('legal_hold').set({ released_at: now, released_by: actor.id, reason_sealed: null, reason: null }).where('subject_id', '=', subjectId).where('id', '=', holdId).where('released_at', 'is', null).execute()
      if (subject.erased) {
        // What another active hold of the same purpose still keeps stays kept.
        const others = await tx.selectFrom('legal_hold').select('categories').where('subject_id', '=', subjectId).where('purpose', '=', hold.purpose).where('released_at', 'is', null).execute()
        await this.#vault.endHeld(subjectId, hold.purpose, [...new Set(others.flatMap((o) => o.categories))], now, tx)
      }
    })
    await this.#audit.append({ actorId: actor.id, action: 'legal_hold.release', subjectId, purpose: hold.purpose, categories: [...hold.categories], decision: 'allow', reason: `hold:${holdId}` })
    return (await this.#get(subjectId, holdId))!
  }

  async #get(subjectId: string, id: string): Promise<LegalHold | undefined> {
    const row = await this.#db.selectFrom('legal_hold').selectAll().where('subject_id', '=', subjectId).where('id', '=', id).executeTakeFirst()
    return row ? toHold(row as HoldRow, await this.#vault.openHoldReason(row.subject_id, row.id, row.reason_sealed)) : undefined
  }

  /** Reasons written in the clear before they were sealed: sealed now, the clear text cleared (at start). */
  async sealClearReasons(): Promise<number> {
    const rows = await this.#db.selectFrom('legal_hold').select(['subject_id', 'id', 'reason', 'released_at']).where('reason', 'is not', null).execute()
    for (const r of rows) {
      await this.#db.transaction().execute(async (tx) => {
        const sealed = r.released_at ? null : await this.#vault.sealHoldReason(r.subject_id, r.id, r.reason!, tx)
        await tx.updateTable('legal_hold').set({ reason: null, reason_sealed: sealed }).where('subject_id', '=', r.subject_id).where('id', '=', r.id).execute()
      })
    }
    return rows.length
  }
}

/** A person's active legal holds, as an erasure plans with them (the gate asks through this). */
export async function activeHolds(db: Kysely<DB>, subjectId: string): Promise<HoldFacts[]> {
  const rows = await db.selectFrom('legal_hold').select(['id', 'purpose', 'categories']).where('subject_id', '=', subjectId).where('released_at', 'is', null).orderBy('created_at').execute()
  return rows.map((h) => ({ id: h.id, purpose: h.purpose, categories: h.categories }))
}

/** The active holds of many people at once, for the retention sweep (one query per batch). */
export async function activeHoldsFor(db: Kysely<DB>, subjectIds: readonly string[]): Promise<Map<string, HoldFacts[]>> {
  const out = new Map<string, HoldFacts[]>()
  if (subjectIds.length === 0) return out
  const rows = await db.selectFrom('legal_hold').select(['id', 'subject_id', 'purpose', 'categories']).where('subject_id', 'in', [...subjectIds]).where('released_at', 'is', null).orderBy('created_at').execute()
  for (const h of rows) {
    const list = out.get(h.subject_id) ?? []
    list.push({ id: h.id, purpose: h.purpose, categories: h.categories })
    out.set(h.subject_id, list)
  }
  return out
}
