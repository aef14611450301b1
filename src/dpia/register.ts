// The DPIA register over the database (REQ-DPIA-01..03): one file per purpose of the policy, with
// the in-memory copy the gate reads on every use. The set of purposes held back (a high residual
// risk without a recorded prior consultation, or a required DPIA not on file) is computed when the
// copy is loaded at start and at once after every change made through this instance; another
// instance sees a change after its own refresh (refresh(), or a restart), as for the processor
// register. Every change is audited (ids and codes) before the row changes: fail closed.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Policy, Purpose } from '../policy/policy.ts'
import { AppError } from '../util/app-error.ts'
import { dateInZone } from '../util/dates.ts'
import {
  dpiaRequired,
  holdOf,
  parseConsultation,
  parseDpia,
  parseScreening,
  statusOf,
  triggersOf,
  type DpiaEntry,
  type DpiaStatus,
  type HoldReason,
  type ScreeningBasis,
} from './entry.ts'

/** The file next to the policy whose screenings are entered at first start (an empty register). */
export const DPIA_SEED_FILE = 'dpia-register.json'

export interface DpiaRow {
  readonly purpose: Purpose
  readonly entry: DpiaEntry | undefined
  readonly status: DpiaStatus
  readonly required: boolean | undefined
  /** Re-screening triggers since the screening (REQ-DPIA-02); empty: the screening fits. */
  readonly triggers: readonly string[]
  readonly hold: { readonly reason: HoldReason; readonly message: string } | undefined
  readonly updatedAt: Date | undefined
  readonly updatedBy: string | undefined
}

export type PurposeHolds = ReadonlyMap<string, { readonly reason: HoldReason; readonly message: string }>

/** The countries outside the EEA a recipient processes in or is reached from (the processor register's view). */
export type ThirdCountries = (recipientId: string) => readonly string[]

export class DpiaRegister {
  readonly #db: Kysely<DB>
  readonly #audit: Pick<AuditLog, 'append'>
  readonly #policy: () => Policy
  readonly #now: () => Date
  readonly #thirdCountries: ThirdCountries
  #cache = new Map<string, { entry: DpiaEntry; updatedAt: Date; updatedBy: string }>()
  #holds: PurposeHolds = new Map()
  #generation = 0
  #listeners: ((actorId: string, purposeId: string) => Promise<unknown>)[] = []

  constructor(options: { db: Kysely<DB>; audit: Pick<AuditLog, 'append'>; policy: () => Policy; now: () => Date; thirdCountries: ThirdCountries }) {
    this.#db = options.db
    this.#audit = options.audit
    this.#policy = options.policy
    this.#now = options.now
    this.#thirdCountries = options.thirdCountries
  }

  /** Reads every row into memory (at start, and after a change made elsewhere) and recomputes the holds. */
  async refresh(): Promise<void> {
    // A refresh that started earlier (the periodic one) never overwrites a later one's fresher copy.
    const generation = ++this.#generation
    const rows = await this.#db.selectFrom('dpia_register').selectAll().execute()
    if (generation !== this.#generation) return
    this.#cache = new Map(rows.map((r) => [r.purpose_id, { entry: JSON.parse(r.entry) as DpiaEntry, updatedAt: new Date(r.updated_at), updatedBy: r.updated_by }]))
    const holds = new Map<string, { reason: HoldReason; message: string }>()
    for (const [purposeId, { entry }] of this.#cache) {
      const hold = holdOf(purposeId, entry)
      if (hold) holds.set(purposeId, hold)
    }
    this.#holds = holds
  }

  /** The purposes the gate holds back, from memory (the gate's hot path: no query). */
  holds(): PurposeHolds {
    return this.#holds
  }

  /**
   * First start: an empty register takes the seed file next to the policy (the example's
   * screenings), for the purposes the policy declares. Audited as dpia.seed per purpose. The
   * caller refreshes the memory copy after (the runtime does it once at start).
   */
  async seed(policyPath: string): Promise<number> {
    const file = join(dirname(policyPath), DPIA_SEED_FILE)
    if (!existsSync(file)) return 0
    const any = await this.#db.selectFrom('dpia_register').select('purpose_id').limit(1).executeTakeFirst()
    if (any) return 0
    const seed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { screening: unknown; dpia?: unknown; consultation?: unknown }>
    let n = 0
    for (const [purposeId, raw] of Object.entries(seed)) {
      const purpose = this.#policy().purpose(purposeId)
      if (!purpose) continue
      const entry: DpiaEntry = {
        screening: { ...parseScreening(raw.screening), basis: this.basisOf(purpose) },
        ...(raw.dpia ? { dpia: parseDpia(raw.dpia) } : {}),
        ...(raw.consultation ? { consultation: parseConsultation(raw.consultation) } : {}),
      }
      await this.#audit.append({ actorId: 'system:dpia', action: 'dpia.seed', subjectId: null, purpose: purposeId, categories: [], decision: null, reason: `${purposeId}:${statusOf(entry)}` })
      const inserted = await this.#db.insertInto('dpia_register').values({ purpose_id: purposeId, entry: JSON.stringify(entry), updated_at: this.#now(), updated_by: 'system:dpia' }).onConflict((oc) => oc.column('purpose_id').doNothing()).executeTakeFirst()
      n += Number(inserted.numInsertedOrUpdatedRows ?? 0n)
    }
    return n
  }

  /** The purpose as it is now, in the terms a screening is compared with. */
  basisOf(purpose: Purpose): ScreeningBasis {
    return {
      categories: purpose.categories.map((c) => c.id),
      thirdCountryRecipients: purpose.recipients.filter((r) => this.#thirdCountries(r).length > 0),
      automatedDecisions: purpose.automatedDecisions,
    }
  }

  #special(category: string): boolean {
    const c = this.#policy().categories.find((x) => x.id === category)
    // A photo can become biometric data once used for recognition (Art. 9, Recital 51).
    return c?.special === true || /photo|biometric|face/.test(category)
  }

  today(): string {
    return dateInZone(this.#now(), this.#policy().controller.timeZone)
  }

  /**
   * Every controller purpose of the policy in force with its file, status, triggers and hold.
   * Processing on a customer's behalf is screened by that customer (Art. 28(3)(f): we assist).
   */
  list(): DpiaRow[] {
    return this.#policy().purposes.filter((p) => p.role === 'controller').map((p) => this.#row(p))
  }

  row(purposeId: string): DpiaRow {
    const purpose = this.#policy().purpose(purposeId)
    if (!purpose) throw new AppError(404, 'purpose_not_found', `the policy has no purpose ${purposeId}`)
    return this.#row(purpose)
  }

  #row(purpose: Purpose): DpiaRow {
    const cached = this.#cache.get(purpose.id)
    const entry = cached?.entry
    const triggers = entry?.screening ? triggersOf(entry.screening.basis, this.basisOf(purpose), (c) => this.#special(c)) : []
    return {
      purpose,
      entry,
      status: statusOf(entry),
      required: entry?.screening ? dpiaRequired(entry.screening) : undefined,
      triggers,
      hold: holdOf(purpose.id, entry),
      updatedAt: cached?.updatedAt,
      updatedBy: cached?.updatedBy,
    }
  }

  /** The ROPA's DPIA reference for a purpose (src/policy/ropa.ts RopaOptions.dpia). */
  ropaFacts(purposeId: string): { status: DpiaStatus; screenedOn?: string; reference?: string; completedOn?: string; reviewOn?: string } {
    const entry = this.#cache.get(purposeId)?.entry
    const d = entry?.dpia
    return { status: statusOf(entry), ...(entry?.screening ? { screenedOn: entry.screening.screenedOn } : {}), ...(d ? { reference: d.reference, completedOn: d.completedOn, reviewOn: d.reviewOn } : {}) }
  }

  /** Called after every change made through this register (e.g. to resolve re-screening reminders). */
  onChange(listener: (actorId: string, purposeId: string) => Promise<unknown>): void {
    this.#listeners.push(listener)
  }

  async #write(actorId: string, purposeId: string, action: string, change: (before: DpiaEntry) => DpiaEntry): Promise<DpiaRow> {
    const purpose = this.#policy().purpose(purposeId)
    if (!purpose) throw new AppError(404, 'purpose_not_found', `the policy has no purpose ${purposeId}`)
    const before = this.#cache.get(purposeId)?.entry ?? {}
    const after = change(before)
    const at = this.#now()
    const hold = holdOf(purposeId, after)
    // Fail closed: the entry is recorded before the row changes. Ids and codes only.
    await this.#audit.append({ actorId, action, subjectId: null, purpose: purposeId, categories: [], decision: null, reason: `${purposeId}:${statusOf(after)}${hold ? `:${hold.reason}` : ''}` })
    const row = { purpose_id: purposeId, entry: JSON.stringify(after), updated_at: at, updated_by: actorId }
    await this.#db.insertInto('dpia_register').values(row).onConflict((oc) => oc.column('purpose_id').doUpdateSet({ entry: row.entry, updated_at: at, updated_by: actorId })).execute()
    await this.refresh()
    for (const listener of this.#listeners) await listener(actorId, purposeId)
    return this.row(purposeId)
  }

  /** Records (or replaces) the screening; the purpose as it is now becomes its basis (clears the triggers). */
  async setScreening(actorId: string, purposeId: string, input: unknown): Promise<DpiaRow> {
    const screening = parseScreening(input)
    const purpose = this.#policy().purpose(purposeId)
    if (!purpose) throw new AppError(404, 'purpose_not_found', `the policy has no purpose ${purposeId}`)
    return this.#write(actorId, purposeId, 'dpia.screening.set', (before) => ({ ...before, screening: { ...screening, basis: this.basisOf(purpose) } }))
  }

  /** Records (or replaces) the DPIA; a screening must come first. */
  async setDpia(actorId: string, purposeId: string, input: unknown): Promise<DpiaRow> {
    const dpia = parseDpia(input)
    if (!this.#cache.get(purposeId)?.entry.screening) throw new AppError(409, 'screening_missing', `screen ${purposeId} before recording its DPIA`)
    return this.#write(actorId, purposeId, 'dpia.record.set', (before) => ({ ...before, dpia }))
  }

  /** Records the prior consultation of the supervisory authority (Art. 36); only after a DPIA with a high residual risk. */
  async setConsultation(actorId: string, purposeId: string, input: unknown): Promise<DpiaRow> {
    const consultation = parseConsultation(input)
    if (!this.#cache.get(purposeId)?.entry.dpia?.residualHighRisk) throw new AppError(409, 'no_residual_high_risk', `the DPIA of ${purposeId} records no high residual risk: no prior consultation is needed`)
    return this.#write(actorId, purposeId, 'dpia.consultation.set', (before) => ({ ...before, consultation }))
  }
}
