// Sub-processor changes under general authorisation (REQ-PRC-03, Art. 28(2) and 28(4)). Pledge acts
// as a processor for its customers (the tenants of the SaaS); when the DPO announces that a
// sub-processor is added or replaced, every customer gets a notice with an objection window, tracked
// to its end: pending (no channel yet) → sent (a signed webhook to `tenant:<id>` is queued) →
// objected (the customer objected within the window) | window_closed (the window ended).
//
// Customers are the tenant ids of active API keys and of registered `tenant:*` webhook endpoints.
// Pledge keeps no customer mailbox, so the channel is the customer's webhook; a customer without an
// endpoint keeps a pending notice (shown on the console) that goes out as soon as it registers one,
// until the window ends. Company data only: ids, company names, countries, dates.
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../db/schema.ts'
import type { SubprocessorChangeKind, SubprocessorNoticeState } from '../db/schema-processors.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Policy } from '../policy/policy.ts'
import type { WebhookDelivery } from '../webhooks/webhooks.ts'
import { AppError } from '../util/app-error.ts'
import { dateInZone } from '../util/dates.ts'
import type { SubProcessor } from './entry.ts'

/** The objection window when the announcement gives none (days, inclusive of the last day). */
export const DEFAULT_OBJECTION_DAYS = 30
export const MIN_OBJECTION_DAYS = 7
export const MAX_OBJECTION_DAYS = 180
export const NOTICE_EVENT = 'subprocessor.change'
export const NOTICE_STATES: readonly SubprocessorNoticeState[] = ['pending', 'sent', 'objected', 'window_closed']

export interface SubprocessorChange {
  readonly id: string
  readonly recipientId: string
  readonly kind: SubprocessorChangeKind
  readonly subProcessor: SubProcessor
  readonly replaces: string | null
  readonly announcedAt: Date
  readonly announcedBy: string
  readonly windowEndsOn: string
}

export interface SubprocessorNotice {
  readonly id: string
  readonly changeId: string
  readonly tenantId: string
  readonly state: SubprocessorNoticeState
  readonly channel: string | null
  readonly deliveryId: string | null
  readonly windowEndsOn: string
  readonly createdAt: Date
  readonly sentAt: Date | null
  readonly objectedAt: Date | null
  readonly closedAt: Date | null
}

export interface NoticeDeps {
  readonly db: Kysely<DB>
  readonly audit: Pick<AuditLog, 'append'>
  readonly policy: () => Policy
  readonly now: () => Date
  /** The customers' tenant ids (active API keys, `tenant:*` webhook endpoints). */
  readonly customers: () => Promise<string[]>
  /** Queues a signed webhook to the owner inside the transaction; null when it has no endpoint. */
  readonly webhook: (owner: string, event: string, payload: Record<string, unknown>, tx: Kysely<DB>) => Promise<WebhookDelivery | null>
}

const NAME = /^[^@<>\u0000-\u001f]{1,200}$/
const COUNTRY = /^[A-Z]{2}$/

function bad(field: string, message: string): AppError {
  return new AppError(422, 'invalid_subprocessor_change', `${field} ${message}`, { field })
}

/** Day arithmetic on YYYY-MM-DD dates (calendar days, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export interface ChangeInput {
  readonly kind: SubprocessorChangeKind
  readonly subProcessor: SubProcessor
  readonly replaces: string | null
  readonly windowDays: number
}

/** Reads an announcement from untrusted input; 422 naming the field at fault. */
export function parseChange(input: unknown): ChangeInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw bad('body', 'must be an object')
  const o = input as Record<string, unknown>
  for (const k of Object.keys(o)) if (!['kind', 'subProcessor', 'replaces', 'windowDays'].includes(k)) throw bad(k, 'is not a field of a sub-processor change')
  if (o.kind !== 'added' && o.kind !== 'replaced') throw bad('kind', 'must be added or replaced')
  const s = o.subProcessor
  if (typeof s !== 'object' || s === null || Array.isArray(s)) throw bad('subProcessor', 'must be an object with name, country and service')
  const sp = s as Record<string, unknown>
  for (const k of Object.keys(sp)) if (!['name', 'country', 'service'].includes(k)) throw bad(`subProcessor.${k}`, 'is not a field of a sub-processor')
  if (typeof sp.name !== 'string' || !NAME.test(sp.name.trim()) || !sp.name.trim()) throw bad('subProcessor.name', 'must be a company name of 1 to 200 characters (no e-mail address)')
  if (typeof sp.country !== 'string' || !COUNTRY.test(sp.country)) throw bad('subProcessor.country', 'must be an ISO 3166-1 alpha-2 country code such as DE')
  const service = sp.service === undefined ? '' : sp.service
  if (typeof service !== 'string' || service.length > 200 || /[@<>]/.test(service)) throw bad('subProcessor.service', 'must be text of at most 200 characters (no e-mail address)')
  let replaces: string | null = null
  if (o.kind === 'replaced') {
    if (typeof o.replaces !== 'string' || !NAME.test(o.replaces.trim()) || !o.replaces.trim()) throw bad('replaces', 'must name the sub-processor that is replaced (1 to 200 characters)')
    replaces = o.replaces.trim()
  } else if (o.replaces !== undefined && o.replaces !== null) throw bad('replaces', 'is only for kind replaced')
  const windowDays = o.windowDays === undefined ? DEFAULT_OBJECTION_DAYS : o.windowDays
  if (typeof windowDays !== 'number' || !Number.isInteger(windowDays) || windowDays < MIN_OBJECTION_DAYS || windowDays > MAX_OBJECTION_DAYS) throw bad('windowDays', `must be a whole number of days from ${MIN_OBJECTION_DAYS} to ${MAX_OBJECTION_DAYS}`)
  return { kind: o.kind, subProcessor: { name: sp.name.trim(), country: sp.country, service: service.trim() }, replaces, windowDays }
}

function changeOf(r: { id: string; recipient_id: string; kind: SubprocessorChangeKind; sub_processor: string; replaces: string | null; announced_at: Date | string; announced_by: string; window_ends_on: string }): SubprocessorChange {
  return { id: r.id, recipientId: r.recipient_id, kind: r.kind, subProcessor: JSON.parse(r.sub_processor) as SubProcessor, replaces: r.replaces, announcedAt: new Date(r.announced_at), announcedBy: r.announced_by, windowEndsOn: r.window_ends_on }
}

const when = (v: Date | string | null): Date | null => (v === null ? null : new Date(v))

function noticeOf(r: { id: string; change_id: string; tenant_id: string; state: SubprocessorNoticeState; channel: string | null; delivery_id: string | null; window_ends_on: string; created_at: Date | string; sent_at: Date | string | null; objected_at: Date | string | null; closed_at: Date | string | null }): SubprocessorNotice {
  return { id: r.id, changeId: r.change_id, tenantId: r.tenant_id, state: r.state, channel: r.channel, deliveryId: r.delivery_id, windowEndsOn: r.window_ends_on, createdAt: new Date(r.created_at), sentAt: when(r.sent_at), objectedAt: when(r.objected_at), closedAt: when(r.closed_at) }
}

export class SubprocessorNotices {
  readonly #d: NoticeDeps

  constructor(deps: NoticeDeps) {
    this.#d = deps
  }

  #today(): string {
    return dateInZone(this.#d.now(), this.#d.policy().controller.timeZone)
  }

  /**
   * The DPO announces a sub-processor added or replaced for a processor of the policy: one change,
   * one notice per customer, each sent at once when the customer has a webhook endpoint. Audited
   * (`processor.subprocessor.announce`, recipient:change:kind:customers:window end).
   */
  async announce(actorId: string, recipientId: string, input: unknown): Promise<{ change: SubprocessorChange; notices: SubprocessorNotice[] }> {
    const recipient = this.#d.policy().recipient(recipientId)
    if (!recipient) throw new AppError(404, 'recipient_not_found', `the policy has no recipient ${recipientId}`)
    if (recipient.role !== 'processor' && recipient.role !== 'sub_processor') throw new AppError(422, 'not_a_processor', `${recipientId} is a ${recipient.role.replace('_', ' ')}: sub-processor changes are announced for processors and sub-processors only`)
    const change = parseChange(input)
    const customers = [...new Set(await this.#d.customers())].sort()
    const at = this.#d.now()
    const windowEndsOn = addDays(this.#today(), change.windowDays)
    const id = uuidv7()
    // Fail closed: the entry is recorded before the rows exist.
    await this.#d.audit.append({ actorId, action: 'processor.subprocessor.announce', subjectId: null, purpose: null, categories: [], decision: null, reason: `${recipientId}:${id}:${change.kind}:customers:${customers.length}:until:${windowEndsOn}` })
    await this.#d.db.transaction().execute(async (tx) => {
      await tx.insertInto('subprocessor_change').values({ id, recipient_id: recipientId, kind: change.kind, sub_processor: JSON.stringify(change.subProcessor), replaces: change.replaces, announced_at: at, announced_by: actorId, window_ends_on: windowEndsOn }).execute()
      for (const tenantId of customers) {
        await tx.insertInto('subprocessor_notice').values({ id: uuidv7(), change_id: id, tenant_id: tenantId, state: 'pending', channel: null, delivery_id: null, window_ends_on: windowEndsOn, created_at: at }).execute()
      }
    })
    await this.deliverPending(id)
    return { change: await this.change(id), notices: await this.notices({ changeId: id }) }
  }

  /** The payload a customer receives: ids, a company, a country, a date, where to object. */
  #payload(notice: { id: string; window_ends_on: string }, change: SubprocessorChange): Record<string, unknown> {
    return {
      noticeId: notice.id,
      changeId: change.id,
      recipientId: change.recipientId,
      kind: change.kind,
      subProcessor: { ...change.subProcessor },
      replaces: change.replaces,
      announcedAt: change.announcedAt.toISOString(),
      objectionWindowEndsOn: notice.window_ends_on,
      objection: `POST /v1/subprocessor-notices/${notice.id}/objection`,
    }
  }

  /**
   * Sends every pending notice whose window is still open and whose customer now has a webhook
   * endpoint (at announcement, then on each daily round). Idempotent: a notice leaves pending once.
   */
  async deliverPending(changeId?: string): Promise<number> {
    let q = this.#d.db.selectFrom('subprocessor_notice').selectAll().where('state', '=', 'pending').where('window_ends_on', '>=', this.#today())
    if (changeId) q = q.where('change_id', '=', changeId)
    const pending = await q.orderBy('created_at').execute()
    let sent = 0
    for (const n of pending) {
      const change = await this.change(n.change_id)
      const delivered = await this.#d.db.transaction().execute(async (tx) => {
        const still = await tx.selectFrom('subprocessor_notice').select('state').where('id', '=', n.id).executeTakeFirst()
        if (still?.state !== 'pending') return false
        const delivery = await this.#d.webhook(`tenant:${n.tenant_id}`, NOTICE_EVENT, this.#payload(n, change), tx)
        if (!delivery) return false
        await tx.updateTable('subprocessor_notice').set({ state: 'sent', channel: 'webhook', delivery_id: delivery.id, sent_at: this.#d.now() }).where('id', '=', n.id).where('state', '=', 'pending').execute()
        return true
      })
      if (delivered) {
        sent++
        await this.#d.audit.append({ actorId: 'system:processors', action: 'processor.subprocessor.notice_sent', subjectId: null, purpose: null, categories: [], decision: null, reason: `${n.id}:tenant:${n.tenant_id}:webhook` })
      }
    }
    return sent
  }

  /**
   * The customer objects (its own notice only; another customer's is reported as missing). Within
   * the window (its last day included, controller's time zone) it is recorded; after it, 409 with
   * the date. A second objection changes nothing.
   */
  async object(tenantId: string, noticeId: string): Promise<SubprocessorNotice> {
    const row = await this.#d.db.selectFrom('subprocessor_notice').selectAll().where('id', '=', noticeId).executeTakeFirst()
    if (!row || row.tenant_id !== tenantId) throw new AppError(404, 'not_found', 'no such sub-processor notice')
    if (row.state === 'objected') return noticeOf(row)
    const today = this.#today()
    if (row.state === 'window_closed' || today > row.window_ends_on) {
      throw new AppError(409, 'objection_window_closed', `the objection window of this notice ended on ${row.window_ends_on}`, { windowEndsOn: row.window_ends_on })
    }
    await this.#d.audit.append({ actorId: `tenant:${tenantId}`, action: 'processor.subprocessor.objection', subjectId: null, purpose: null, categories: [], decision: null, reason: `${noticeId}:${row.change_id}` })
    const at = this.#d.now()
    await this.#d.db.updateTable('subprocessor_notice').set({ state: 'objected', objected_at: at, closed_at: at }).where('id', '=', noticeId).where('state', 'in', ['pending', 'sent']).execute()
    return this.notice(noticeId)
  }

  /** Closes every notice whose window ended before today (the daily round). Idempotent. */
  async closeWindows(): Promise<number> {
    const today = this.#today()
    const due = await this.#d.db.selectFrom('subprocessor_notice').select(['id', 'state']).where('state', 'in', ['pending', 'sent']).where('window_ends_on', '<', today).execute()
    if (!due.length) return 0
    for (const n of due) await this.#d.audit.append({ actorId: 'system:processors', action: 'processor.subprocessor.window_closed', subjectId: null, purpose: null, categories: [], decision: null, reason: `${n.id}:${n.state === 'pending' ? 'never_sent' : 'sent'}` })
    const result = await this.#d.db.updateTable('subprocessor_notice').set({ state: 'window_closed', closed_at: this.#d.now() }).where('id', 'in', due.map((n) => n.id)).where('state', 'in', ['pending', 'sent']).executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  async change(id: string): Promise<SubprocessorChange> {
    const row = await this.#d.db.selectFrom('subprocessor_change').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw new AppError(404, 'not_found', 'no such sub-processor change')
    return changeOf(row)
  }

  async changes(recipientId?: string, limit = 50): Promise<SubprocessorChange[]> {
    let q = this.#d.db.selectFrom('subprocessor_change').selectAll().orderBy('announced_at', 'desc').orderBy('id', 'desc').limit(limit)
    if (recipientId) q = q.where('recipient_id', '=', recipientId)
    return (await q.execute()).map(changeOf)
  }

  async notice(id: string): Promise<SubprocessorNotice> {
    const row = await this.#d.db.selectFrom('subprocessor_notice').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw new AppError(404, 'not_found', 'no such sub-processor notice')
    return noticeOf(row)
  }

  async notices(filter: { changeId?: string; tenantId?: string; limit?: number } = {}): Promise<SubprocessorNotice[]> {
    let q = this.#d.db.selectFrom('subprocessor_notice').selectAll().orderBy('created_at', 'desc').orderBy('tenant_id').limit(Math.min(Math.max(filter.limit ?? 500, 1), 1000))
    if (filter.changeId) q = q.where('change_id', '=', filter.changeId)
    if (filter.tenantId) q = q.where('tenant_id', '=', filter.tenantId)
    return (await q.execute()).map(noticeOf)
  }
}
