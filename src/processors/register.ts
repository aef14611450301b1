// The processor and transfer register over the database (REQ-PRC-02, REQ-TF-01), with the in-memory
// copy the gate reads on every disclosure (REQ-PRC-01). The copy is loaded at start and refreshed
// after every change made through this instance; another instance sees a change only after its
// own refresh (refresh(), or a restart) — see the README.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../db/schema.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import { EEA_COUNTRIES, type Policy } from '../policy/policy.ts'
import type { RecipientDocument } from '../policy/schema.ts'
import { AppError } from '../util/app-error.ts'
import { dateInZone } from '../util/dates.ts'
import { gapsOf, parseEntry, type Gap, type RegisterEntry } from './entry.ts'

/** The file next to the policy whose rows are entered at first start (an empty register). */
export const SEED_FILE = 'processor-register.json'

export interface RegisterRow {
  readonly recipient: RecipientDocument
  readonly entry: RegisterEntry | undefined
  readonly updatedAt: Date | undefined
  readonly updatedBy: string | undefined
  readonly gaps: readonly Gap[]
}

export interface UncoveredNotice {
  readonly id: string
  readonly recipientId: string
  readonly event: string
  readonly missing: readonly Gap[]
  readonly sentAt: Date
}

export class ProcessorRegister {
  readonly #db: Kysely<DB>
  readonly #audit: Pick<AuditLog, 'append'>
  readonly #policy: () => Policy
  readonly #now: () => Date
  #cache = new Map<string, { entry: RegisterEntry; updatedAt: Date; updatedBy: string }>()
  #listeners: ((actorId: string, recipientId: string, before: RegisterEntry | undefined, after: RegisterEntry) => Promise<unknown>)[] = []

  constructor(options: { db: Kysely<DB>; audit: Pick<AuditLog, 'append'>; policy: () => Policy; now: () => Date }) {
    this.#db = options.db
    this.#audit = options.audit
    this.#policy = options.policy
    this.#now = options.now
  }

  /** Reads every row into memory (at start, and after a change made elsewhere). */
  async refresh(): Promise<void> {
    const rows = await this.#db.selectFrom('processor_register').selectAll().execute()
    this.#cache = new Map(rows.map((r) => [r.recipient_id, { entry: JSON.parse(r.entry) as RegisterEntry, updatedAt: new Date(r.updated_at), updatedBy: r.updated_by }]))
  }

  /**
   * First start: an empty register takes the seed file next to the policy (the example's
   * processors), for the recipients the policy declares. Audited as processor.seed per row.
   */
  async seed(policyPath: string): Promise<number> {
    const file = join(dirname(policyPath), SEED_FILE)
    if (!existsSync(file)) return 0
    const any = await this.#db.selectFrom('processor_register').select('recipient_id').limit(1).executeTakeFirst()
    if (any) return 0
    const seed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    let n = 0
    for (const [recipientId, raw] of Object.entries(seed)) {
      if (!this.#policy().recipient(recipientId)) continue
      const entry = parseEntry(raw)
      await this.#audit.append({ actorId: 'system:processors', action: 'processor.seed', subjectId: null, purpose: null, categories: [], decision: null, reason: recipientId })
      const inserted = await this.#db.insertInto('processor_register').values({ recipient_id: recipientId, entry: JSON.stringify(entry), updated_at: this.#now(), updated_by: 'system:processors' }).onConflict((oc) => oc.column('recipient_id').doNothing()).executeTakeFirst()
      n += Number(inserted.numInsertedOrUpdatedRows ?? 0n)
    }
    await this.refresh()
    return n
  }

  #today(): string {
    return dateInZone(this.#now(), this.#policy().controller.timeZone)
  }

  /** What the recipient lacks today, from memory (the gate's hot path). Unknown recipient: undefined. */
  gaps(recipientId: string): { recipient: RecipientDocument; gaps: Gap[] } | undefined {
    const recipient = this.#policy().recipient(recipientId)
    if (!recipient) return undefined
    return { recipient, gaps: gapsOf(recipient, this.#cache.get(recipientId)?.entry, this.#today()) }
  }

  /**
   * The countries outside the EEA a recipient is in, processes in, is supported from or has a
   * sub-processor in (from memory): the DPIA register's re-screening trigger (REQ-DPIA-02).
   */
  thirdCountries(recipientId: string): string[] {
    const recipient = this.#policy().recipient(recipientId)
    if (!recipient) return []
    const e = this.#cache.get(recipientId)?.entry
    const all = [recipient.country, ...(e?.processingLocations ?? []), ...(e?.supportLocations ?? []), ...(e?.subProcessors ?? []).map((s) => s.country)]
    return [...new Set(all)].filter((c) => !EEA_COUNTRIES.has(c)).sort()
  }

  /** Every recipient of the policy with its row (if any) and its gaps. */
  list(): RegisterRow[] {
    return this.#policy().recipients.map((r) => this.#row(r))
  }

  row(recipientId: string): RegisterRow {
    const recipient = this.#policy().recipient(recipientId)
    if (!recipient) throw new AppError(404, 'recipient_not_found', `the policy has no recipient ${recipientId}`)
    return this.#row(recipient)
  }

  #row(recipient: RecipientDocument): RegisterRow {
    const cached = this.#cache.get(recipient.id)
    return { recipient, entry: cached?.entry, updatedAt: cached?.updatedAt, updatedBy: cached?.updatedBy, gaps: gapsOf(recipient, cached?.entry, this.#today()) }
  }

  /** Called after every change made through set() (re-validation reminders, REQ-TF-03). */
  onChange(listener: (actorId: string, recipientId: string, before: RegisterEntry | undefined, after: RegisterEntry) => Promise<unknown>): void {
    this.#listeners.push(listener)
  }

  /** Enters or replaces a recipient's row; audited (ids and codes), then the memory copy refreshed. */
  async set(actorId: string, recipientId: string, input: unknown): Promise<RegisterRow> {
    const recipient = this.#policy().recipient(recipientId)
    if (!recipient) throw new AppError(404, 'recipient_not_found', `the policy has no recipient ${recipientId}`)
    const entry = parseEntry(input)
    const before = this.#cache.get(recipientId)?.entry
    const gaps = gapsOf(recipient, entry, this.#today())
    const at = this.#now()
    // Fail closed: the entry is recorded before the row changes.
    await this.#audit.append({ actorId, action: 'processor.register.set', subjectId: null, purpose: null, categories: [], decision: null, reason: `${recipientId}:${gaps.length ? gaps.join(',') : 'covered'}` })
    const row = { recipient_id: recipientId, entry: JSON.stringify(entry), updated_at: at, updated_by: actorId }
    await this.#db.insertInto('processor_register').values(row).onConflict((oc) => oc.column('recipient_id').doUpdateSet({ entry: row.entry, updated_at: at, updated_by: actorId })).execute()
    await this.refresh()
    for (const listener of this.#listeners) await listener(actorId, recipientId, before, entry)
    return this.row(recipientId)
  }

  /** Removes a recipient's row (the gate then refuses it, for a processor); audited. */
  async remove(actorId: string, recipientId: string): Promise<boolean> {
    if (!this.#policy().recipient(recipientId)) throw new AppError(404, 'recipient_not_found', `the policy has no recipient ${recipientId}`)
    await this.#audit.append({ actorId, action: 'processor.register.remove', subjectId: null, purpose: null, categories: [], decision: null, reason: recipientId })
    const result = await this.#db.deleteFrom('processor_register').where('recipient_id', '=', recipientId).executeTakeFirst()
    await this.refresh()
    return Number(result.numDeletedRows) > 0
  }

  /**
   * A notice the law requires (Art. 19, a processor's deletion instruction) went to a recipient the
   * register does not cover: it went out, and staff see it flagged on the register page.
   */
  async flagNotice(recipientId: string, event: string, missing: readonly Gap[]): Promise<void> {
    await this.#audit.append({ actorId: 'system:processors', action: 'processor.uncovered_notice', subjectId: null, purpose: null, categories: [], decision: null, reason: `${recipientId}:${event}:${missing.join(',')}` })
    await this.#db.insertInto('processor_uncovered_notice').values({ id: uuidv7(), recipient_id: recipientId, event, missing: missing.join(','), sent_at: this.#now() }).execute()
  }

  async uncoveredNotices(recipientId?: string, limit = 50): Promise<UncoveredNotice[]> {
    let q = this.#db.selectFrom('processor_uncovered_notice').selectAll().orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(limit)
    if (recipientId) q = q.where('recipient_id', '=', recipientId)
    const rows = await q.execute()
    return rows.map((r) => ({ id: r.id, recipientId: r.recipient_id, event: r.event, missing: r.missing.split(',').filter(Boolean), sentAt: new Date(r.sent_at) }))
  }
}
