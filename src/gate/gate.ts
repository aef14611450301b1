// The gate as a service: loads the subject's state, asks decide(), appends the decision to the audit
// log, and only then lets the vault touch plaintext, through a grant narrowed to what was allowed.
// Every route, export, sweep and import uses personal data through here.
import { v7 as uuidv7 } from 'uuid'
import type { Policy, Purpose } from '../policy/policy.ts'
import type { AuditLog, AuditRecord } from '../audit/audit-log.ts'
import { assertActor, type Actor, type Capability } from './actor.ts'
import { decide, legalClaimsPurposes, type Decision, type DenyReason, type GateQuestion, type Operation, type SubjectState } from './decide.ts'
import { mintGrant, type Grant } from '../vault/grant.ts'
import type { RetentionApplied, RetentionBatch, RetentionChange } from '../vault/retention-store.ts'
import type { CategoryAction, RetentionPlan } from '../retention/plan.ts'
import { partsInZone } from '../util/dates.ts'
import type { LanguageChange, PersonalData, PersonalValue, SealedUse, Vault } from '../vault/vault.ts'
import type { Language } from '../policy/schema.ts'
import type { BlindIndexKind } from '../vault/blind-index.ts'
import type { ConsentEvent, ConsentEvidence } from '../consent/ledger.ts'
import type { ConsentAct, ConsentChannel } from '../consent/vocabulary.ts'
import { confirmationOf, planErasure, type ErasureConfirmation, type ErasurePlan, type HoldFacts } from '../retention/erasure-plan.ts'
import type { ExpireResult, ShredResult } from '../vault/erasure.ts'
import type { SubjectFacts } from '../vault/vault.ts'
import type { Dossier } from '../requests/dossier.ts'
import { BUILTIN_PURPOSES, NEWSLETTER_PURPOSE, NOTICE_PURPOSE } from '../policy/builtin.ts'
import { REQUEST_PURPOSE, decideRequestHandling, decideRequestUse, type RequestAccess, type RequestDenyReason, type RequestFacts, type RequestOperation } from './request-grant.ts'
import { declaredSystemActor, importActor, operatorActor, ImportPurposeError, type SystemActorName } from './system-actors.ts'
import { staffActor } from './staff-actors.ts'
import type { StaffSession } from '../staff/sessions.ts'

export type GateDenyReason = DenyReason | RequestDenyReason | 'subject_not_found' | 'unknown_event' | 'not_a_consent_purpose' | 'capability_missing' | 'unknown_category' | 'purpose_not_declared' | 'not_for_customers' | 'recipient_not_covered'

const NO_HOLDS: NonNullable<GateQuestion['holds']> = new Map()

const NOT_FOUND = new Set<string>(['subject_not_found', 'subject_not_visible', 'request_not_found', 'subject_not_in_request'])
const UNPROCESSABLE = new Set<string>(['categories_not_in_purpose', 'unknown_event', 'not_a_consent_purpose', 'unknown_category', 'purpose_not_declared'])
const CONFLICT = new Set<string>(['request_refused', 'request_not_verified', 'request_doubt_open', 'request_closed', 'export_expired', 'operation_not_for_right'])

export class GateDenied extends Error {
  readonly reason: GateDenyReason
  readonly status: 403 | 404 | 409 | 422
  readonly categories: readonly string[] | undefined
  constructor(reason: GateDenyReason, message: string, categories?: readonly string[]) {
    super(message)
    this.name = 'GateDenied'
    this.reason = reason
    this.categories = categories
    this.status = NOT_FOUND.has(reason) ? 404 : UNPROCESSABLE.has(reason) ? 422 : CONFLICT.has(reason) ? 409 : 403
  }
}

/** The facts of one request, as the requests room reads them (src/requests/request-facts.ts). */
export type RequestFactsReader = (requestId: string) => Promise<RequestFacts | undefined>

/** A live staff session for a cookie's token, as the staff room reads it (src/staff/sessions.ts). */
export type StaffSessionReader = (token: string) => Promise<StaffSession | undefined>

/**
 * What a recipient lacks before data may be disclosed to it (REQ-PRC-01, REQ-TF-01), from the
 * processor register's memory copy (src/processors/register.ts): codes and the refusal's words.
 */
/** The purposes held back by their DPIA file (REQ-DPIA-03), from the DPIA register's memory copy. */
export type PurposeHoldsReader = () => NonNullable<GateQuestion['holds']>

export type CoverageReader = (recipientId: string) => { readonly gaps: readonly string[]; readonly message: string } | undefined

/** A person's active legal holds, as the retention room keeps them (src/retention/legal-holds.ts). */
export type HoldsReader = (subjectId: string) => Promise<HoldFacts[]>

/**
 * Told after a direct-marketing consent is withdrawn or an objection to direct marketing upheld,
 * whatever the path (API, privacy center, request, one-click): the newsletter room passes it on to
 * the mailing providers (REQ-CON-07). Ids only.
 */
export type OptOutListener = (subjectId: string, purposes: readonly string[], reason: 'withdrawn' | 'objected' | 'unsubscribed') => Promise<unknown>

/** A requester's sealed address and words as the request row keeps them. */
export interface SealedRequester {
  readonly requestId: string
  readonly address: Uint8Array
  readonly details: Uint8Array | null
}

/** Why a requester's address or words are opened. */
export type RequesterUse = 'mail' | 'push' | 'staff'

/** Where consent events are kept (src/consent/ledger.ts over the database). */
export interface ConsentStore {
  /** Records one consent event, carrying the sequence number of its audit entry. */
  record(subjectId: string, evidence: ConsentEvidence, auditSeq: number): Promise<string>
  history(subjectId: string): Promise<ConsentEvent[]>
  current(history: readonly ConsentEvent[]): Map<string, boolean>
  statementVersion(): number
}

/** A person's lifecycle events and the disclosures under one purpose (ids, dates and categories). */
export interface SubjectHistory {
  readonly events: readonly { readonly event: string; readonly at: Date }[]
  readonly disclosures: readonly { readonly recipientId: string; readonly at: Date; readonly categories: readonly string[] }[]
}

export interface ReadResult {
  readonly id: string
  readonly type: string
  readonly data: Record<string, PersonalValue>
  /** Categories asked for that the purpose may not use (data minimisation). */
  readonly withheld: readonly string[]
  /** The language the person is written to in (null: none stored, the controller's). */
  readonly language: Language | null
}

export class Gate {
  readonly #vault: Vault
  readonly #audit: AuditLog
  readonly #policy: () => Policy
  readonly #now: () => Date
  readonly #consent: ConsentStore
  readonly #requests: RequestFactsReader
  readonly #holds: HoldsReader
  readonly #staffSessions: StaffSessionReader | undefined
  #coverage: CoverageReader | undefined
  #purposeHolds: PurposeHoldsReader = () => NO_HOLDS
  readonly #optOut: OptOutListener | undefined

  constructor(options: { vault: Vault; audit: AuditLog; policy: () => Policy; consent: ConsentStore; requests: RequestFactsReader; holds: HoldsReader; staffSessions?: StaffSessionReader; coverage?: CoverageReader; now?: () => Date; optOut?: OptOutListener }) {
    this.#coverage = options.coverage
    this.#optOut = options.optOut
    this.#holds = options.holds
    this.#staffSessions = options.staffSessions
    this.#consent = options.consent
    this.#vault = options.vault
    this.#audit = idsOnly(options.audit, options.policy)
    this.#policy = options.policy
    this.#requests = options.requests
    this.#now = options.now ?? (() => new Date())
  }

  /** Connects the DPIA register's held purposes (built after the gate, over the same audit log). */
  usePurposeHolds(holds: PurposeHoldsReader): void {
    this.#purposeHolds = holds
  }

  /** Connects the processor register (built after the gate, over the same audit log). */
  useCoverage(coverage: CoverageReader): void {
    this.#coverage = coverage
  }

  /** A declared system actor (src/gate/system-actors.ts), with its purposes from the policy in force. */
  /** The command line's actor for one purpose of the policy (see operatorActor). */
  operatorActor(purposeId: string): Actor {
    try {
      return operatorActor(this.#policy(), purposeId)
    } catch (err) {
      if (err instanceof ImportPurposeError) throw new GateDenied('purpose_not_declared', err.message)
      throw err
    }
  }

  /**
   * The actor of a signed-in staff member, from their session token only: the staff room reads the
   * live session and the roles in effect, the gate gives those roles' purposes from the policy in
   * force. No room can ask for a staff actor with roles of its choosing.
   */
  async staffCaller(token: string): Promise<{ actor: Actor; session: StaffSession } | undefined> {
    const session = await this.#staffSessions?.(token)
    if (!session) return undefined
    return { actor: staffActor(this.#policy(), session.accountId, session.roles), session }
  }

  systemActor(name: SystemActorName): Actor {
    return declaredSystemActor(this.#policy(), name)
  }

  /** The importer's actor for the purpose named on its command line, checked against the policy. */
  importActor(purposeId: string): Actor {
    return importActor(this.#policy(), purposeId)
  }

  async #decideAbout(actor: Actor, purposeId: string, operation: Operation, subjectId: string, categories?: readonly string[]) {
    assertActor(actor)
    const subject = await this.#vault.state(subjectId)
    return { subject, decision: this.#decision(actor, purposeId, operation, subject, categories) }
  }

  #decision(actor: Actor, purposeId: string, operation: Operation, subject: SubjectState | undefined, categories?: readonly string[]): Decision {
    return subject
      ? decide(this.#policy(), { actor, purposeId, operation, subject, ...(categories ? { categories } : {}), now: this.#now(), holds: this.#purposeHolds() })
      : { allow: false, reason: 'subject_not_visible', message: 'no such subject' }
  }

  /**
   * Decides, and on a refusal audits it under `action` and throws: the common head of every use
   * that answers a person's request. Returns the subject and the categories allowed.
   */
  async #allowed(actor: Actor, purposeId: string, operation: Operation, subjectId: string, action: string, categories?: readonly string[], auditPurpose: string = purposeId) {
    const { subject, decision } = await this.#decideAbout(actor, purposeId, operation, subjectId, categories)
    if (!decision.allow) {
      await this.#audit.append({ actorId: actor.id, action, subjectId: subject ? subjectId : null, purpose: auditPurpose, categories: [], decision: 'deny', reason: decision.reason })
      throw this.#denied(decision)
    }
    return { subject: subject!, categories: decision.categories }
  }

  #denied(decision: Extract<Decision, { allow: false }>): GateDenied {
    if (decision.reason === 'subject_not_visible') return new GateDenied('subject_not_found', 'no subject with this id')
    return new GateDenied(decision.reason, decision.message, decision.categories)
  }

  async create(
    actor: Actor,
    purposeId: string,
    input: { type: string; data: PersonalData; externalId?: string | undefined; source?: string | undefined; language?: Language | undefined },
    consent?: Omit<ConsentEvidence, 'purpose' | 'granted' | 'obtainedBy' | 'statementVersion'>,
  ): Promise<{ id: string; created: boolean }> {
    assertActor(actor)
    const categories = Object.keys(input.data)
    const decision = decide(this.#policy(), { actor, purposeId, operation: 'create', subject: undefined, subjectType: input.type, categories, now: this.#now(), withConsent: consent !== undefined, holds: this.#purposeHolds() })
    const record = { actorId: actor.id, action: 'subject.create', purpose: purposeId, categories }
    if (!decision.allow) {
      await this.#audit.append({ ...record, subjectId: null, decision: 'deny', reason: decision.reason })
      throw this.#denied(decision)
    }
    if (input.externalId) {
      const existing = await this.#vault.findByExternalId(actor.tenantId, input.externalId)
      if (existing) {
        await this.#audit.append({ ...record, subjectId: existing, decision: 'allow', reason: 'existing_external_id' })
        if (input.language) await this.#languageIfNone(actor, purposeId, existing, input.language)
        return { id: existing, created: false }
      }
    }
    const id = uuidv7()
    const grant = mintGrant({ subjectId: id, purpose: purposeId, actorId: actor.id, categories: decision.categories, tenantId: actor.tenantId })
    const purpose = this.#policy().purpose(purposeId)!
    // Fail closed: the entry is durable before the person exists, and the rows carry its number.
    const seq = await this.#audit.append({ ...record, subjectId: id, decision: 'allow', reason: null })
    const created = await this.#vault.create(
      grant,
      { id, type: input.type, tenantId: actor.tenantId, externalId: input.externalId ?? null, source: input.source ?? null, language: input.language ?? null, createdBy: actor.id, data: input.data, events: purpose.createEvents },
      purposeId,
      seq,
    )
    if (!created && input.externalId) {
      // Another request created it between our lookup and insert: answer with theirs.
      const existing = await this.#vault.findByExternalId(actor.tenantId, input.externalId)
      if (existing) {
        await this.#audit.append({ ...record, subjectId: existing, decision: 'allow', reason: 'existing_external_id' })
        if (input.language) await this.#languageIfNone(actor, purposeId, existing, input.language)
        return { id: existing, created: false }
      }
    }
    if (consent) await this.#recordEvidence(actor, id, { ...consent, purpose: purposeId, granted: true })
    return { id, created: true }
  }

  /**
   * A language given for a person who already exists (the same external id) is stored only when
   * they have none: a caller's system never replaces the person's own choice. Audited (no value).
   */
  async #languageIfNone(actor: Actor, purposeId: string, subjectId: string, language: Language): Promise<void> {
    const subject = await this.#vault.state(subjectId)
    if (!subject || subject.erased || subject.language) return
    const seq = await this.#audit.append({ actorId: actor.id, action: 'subject.language', subjectId, purpose: purposeId, categories: [], decision: 'allow', reason: 'if_none' })
    await this.#vault.setLanguages([{ subjectId, language, auditSeq: seq, onlyIfNone: true }])
  }

  async #recordEvidence(actor: Actor, subjectId: string, evidence: Omit<ConsentEvidence, 'obtainedBy' | 'statementVersion'>, tell = true): Promise<void> {
    const seq = await this.#audit.append({ actorId: actor.id, action: 'consent.record', subjectId, purpose: evidence.purpose, categories: [], decision: null, reason: evidence.granted ? 'given' : 'withdrawn' })
    await this.#consent.record(subjectId, { ...evidence, obtainedBy: actor.id, statementVersion: this.#consent.statementVersion() }, seq)
    if (tell && !evidence.granted && this.#policy().purpose(evidence.purpose)?.directMarketing) await this.#optOut?.(subjectId, [evidence.purpose], 'withdrawn')
  }

  /** The subject as the actor may see it for consent work: its tenant, and a purpose covering it. */
  async #visible(actor: Actor, subjectId: string, action: string, purposeId: string | null) {
    assertActor(actor)
    const subject = await this.#vault.state(subjectId)
    const policy = this.#policy()
    const visible = subject && subject.tenantId === actor.tenantId && !subject.erased
    const covered = visible && (purposeId ? actor.purposes.has(purposeId) : [...actor.purposes].some((p) => policy.purpose(p)?.subjectTypes.includes(subject.type)))
    if (!visible || !covered) {
      await this.#audit.append({ actorId: actor.id, action, subjectId: subject ? subjectId : null, purpose: purposeId, categories: [], decision: 'deny', reason: visible ? 'purpose_not_allowed_for_actor' : 'subject_not_visible' })
      if (!visible) throw new GateDenied('subject_not_found', 'no subject with this id')
      throw new GateDenied('purpose_not_allowed_for_actor', purposeId ? `${actor.name} may not use the purpose ${purposeId}` : `${actor.name} has no purpose that covers ${subject.type}`)
    }
    return subject
  }

  /** Records consent given or withdrawn for a consent-based purpose, as attested by the caller. */
  async recordConsent(actor: Actor, subjectId: string, evidence: Omit<ConsentEvidence, 'obtainedBy' | 'statementVersion'>): Promise<void> {
    const subject = await this.#visible(actor, subjectId, 'consent.record', evidence.purpose)
    const purpose = this.#policy().purpose(evidence.purpose)
    if (!purpose || purpose.basis[subject.type] !== 'consent') {
      throw new GateDenied('not_a_consent_purpose', `${evidence.purpose} does not rest on consent for ${subject.type}: there is no consent to record`)
    }
    await this.#recordEvidence(actor, subjectId, evidence)
  }

  async consentHistory(actor: Actor, subjectId: string): Promise<{ current: Record<string, boolean>; history: ConsentEvent[] }> {
    await this.#visible(actor, subjectId, 'consent.read', null)
    const history = await this.#consent.history(subjectId)
    await this.#audit.append({ actorId: actor.id, action: 'consent.read', subjectId, purpose: null, categories: [], decision: 'allow', reason: null })
    return { current: Object.fromEntries(this.#consent.current(history)), history }
  }

  /** Whether a purpose may be used for this person now, without touching their data. */
  async check(actor: Actor, subjectId: string, purposeId: string): Promise<{ allowed: boolean; reason: string; message?: string }> {
    const { subject, decision } = await this.#decideAbout(actor, purposeId, 'read', subjectId)
    await this.#audit.append({ actorId: actor.id, action: 'consent.check', subjectId: subject ? subjectId : null, purpose: purposeId, categories: [], decision: decision.allow ? 'allow' : 'deny', reason: decision.allow ? null : decision.reason })
    if (!decision.allow && decision.reason === 'subject_not_visible') throw new GateDenied('subject_not_found', 'no subject with this id')
    return decision.allow ? { allowed: true, reason: 'allowed' } : { allowed: false, reason: decision.reason, message: decision.message }
  }

  /**
   * Whether a direct-marketing purpose may reach this person now (a campaign's dry run), and the
   * language they are written to in: no value is opened; audited as one check.
   */
  async audienceCheck(actor: Actor, purposeId: string, subjectId: string): Promise<{ allowed: boolean; reason: string; language: Language | null }> {
    const { subject, decision } = await this.#decideAbout(actor, purposeId, 'read', subjectId, ['contact.email'])
    await this.#audit.append({ actorId: actor.id, action: 'newsletter.audience_check', subjectId: subject ? subjectId : null, purpose: purposeId, categories: [], decision: decision.allow ? 'allow' : 'deny', reason: decision.allow ? null : decision.reason })
    return { allowed: decision.allow, reason: decision.allow ? 'allowed' : decision.reason, language: subject?.language ?? null }
  }

  /**
   * Whether people of this type may be created under this purpose at all, before any row is read
   * (an import refuses a whole file at once). A refusal is audited like any other.
   */
  async precheckCreate(actor: Actor, purposeId: string, subjectType: string): Promise<{ allowed: true } | { allowed: false; reason: string; message: string }> {
    assertActor(actor)
    const decision = decide(this.#policy(), { actor, purposeId, operation: 'create', subject: undefined, subjectType, categories: [], now: this.#now(), holds: this.#purposeHolds() })
    if (decision.allow) return { allowed: true }
    await this.#audit.append({ actorId: actor.id, action: 'subject.create', subjectId: null, purpose: purposeId, categories: [], decision: 'deny', reason: decision.reason })
    return { allowed: false, reason: decision.reason, message: decision.message }
  }

  /**
   * Bulk creation (import): one decision per row, one audit batch and one transaction for all.
   * Fail closed: the rows are prepared (existing ids found, values encrypted, nothing written), the
   * audit batch is committed, and only then are the subjects inserted, each carrying its entry's
   * sequence number. Returns per row the subject id, or the refusal; never throws for a single bad row.
   */
  async createMany(
    actor: Actor,
    purposeId: string,
    rows: readonly { type: string; data: PersonalData; externalId: string; source?: string | undefined; language?: Language | undefined }[],
  ): Promise<({ ok: true; id: string; created: boolean } | { ok: false; reason: string; message: string })[]> {
    assertActor(actor)
    const policy = this.#policy()
    const purpose = policy.purpose(purposeId)
    const now = this.#now()
    const holds = this.#purposeHolds()
    const results: ({ ok: true; id: string; created: boolean } | { ok: false; reason: string; message: string })[] = []
    const items: { grant: ReturnType<typeof mintGrant>; subject: Parameters<Vault['prepareMany']>[0][number]['subject']; index: number }[] = []
    const records: AuditRecord[] = []
    const languages: { subjectId: string; language: Language; record: number }[] = []
    const languageSet = new Set<string>()
    for (const [index, row] of rows.entries()) {
      const categories = Object.keys(row.data)
      const decision = decide(policy, { actor, purposeId, operation: 'create', subject: undefined, subjectType: row.type, categories, now, holds })
      if (!decision.allow) {
        results[index] = { ok: false, reason: decision.reason, message: decision.message }
        records.push({ actorId: actor.id, action: 'subject.create', subjectId: null, purpose: purposeId, categories, decision: 'deny', reason: decision.reason })
        continue
      }
      const id = uuidv7()
      const grant = mintGrant({ subjectId: id, purpose: purposeId, actorId: actor.id, categories: decision.categories, tenantId: actor.tenantId })
      items.push({ grant, index, subject: { id, type: row.type, tenantId: actor.tenantId, externalId: row.externalId, source: row.source ?? null, language: row.language ?? null, createdBy: actor.id, data: row.data, events: purpose?.createEvents ?? [] } })
    }
    const outcome = await this.#vault.prepareMany(items, purposeId)
    const created = new Set(outcome.prepared.map((p) => p.subject.id))
    for (const item of items) {
      const refused = outcome.rejected.get(item.subject.id)
      if (refused) {
        results[item.index] = { ok: false, reason: refused.code, message: refused.message }
        continue
      }
      const existingId = outcome.existing.get(item.subject.externalId!)
      const id = created.has(item.subject.id) ? item.subject.id : existingId
      if (!id) {
        results[item.index] = { ok: false, reason: 'duplicate_in_batch', message: 'the same external id appears twice in this file' }
        continue
      }
      results[item.index] = { ok: true, id, created: created.has(id) }
      records.push({ actorId: actor.id, action: 'subject.create', subjectId: id, purpose: purposeId, categories: Object.keys(item.subject.data), decision: 'allow', reason: created.has(id) ? null : 'existing_external_id' })
      // A person already present gets the row's language only when they have none (never replacing their own choice).
      const language = item.subject.language
      if (!created.has(id) && language && outcome.withoutLanguage.has(id) && !languageSet.has(id)) {
        languageSet.add(id)
        languages.push({ subjectId: id, language, record: records.length })
        records.push({ actorId: actor.id, action: 'subject.language', subjectId: id, purpose: purposeId, categories: [], decision: 'allow', reason: 'if_none' })
      }
    }
    const seqs = records.length ? await this.#audit.appendMany(records) : []
    const seqOf = new Map<string, number>()
    records.forEach((r, i) => {
      if (r.subjectId && r.action === 'subject.create' && r.decision === 'allow' && r.reason === null) seqOf.set(r.subjectId, seqs[i]!)
    })
    await this.#vault.insertPrepared(outcome.prepared, seqOf)
    await this.#vault.setLanguages(languages.map((l): LanguageChange => ({ subjectId: l.subjectId, language: l.language, auditSeq: seqs[l.record]!, onlyIfNone: true })))
    return results
  }

  async read(actor: Actor, purposeId: string, subjectId: string, categories?: readonly string[]): Promise<ReadResult> {
    assertActor(actor)
    // The state and the ciphertext the read may need in one round trip; nothing is opened unless allowed.
    const prefetch = categories ?? this.#policy().purpose(purposeId)?.categories.map((c) => c.id) ?? []
    const found = await this.#vault.stateAndSealed(subjectId, { categories: prefetch, tenantId: actor.tenantId })
    const subject = found?.state
    const decision = this.#decision(actor, purposeId, 'read', subject, categories)
    const base = { actorId: actor.id, action: 'subject.read', subjectId: subject ? subjectId : null, purpose: purposeId }
    if (!decision.allow) {
      await this.#audit.append({ ...base, categories: categories ?? [], decision: 'deny', reason: decision.reason })
      throw this.#denied(decision)
    }
    // A read by a recipient-bound key is a disclosure: refused while the register does not cover
    // the recipient (no active DPA for a processor; a non-EEA location without a mechanism).
    if (actor.recipientId) {
      const covered = this.#coverage?.(actor.recipientId)
      if (covered && covered.gaps.length) {
        await this.#audit.append({ ...base, categories: categories ?? [], decision: 'deny', reason: `recipient_not_covered:${covered.gaps.join(',')}` })
        throw new GateDenied('recipient_not_covered', covered.message)
      }
    }
    const grant = mintGrant({ subjectId, purpose: purposeId, actorId: actor.id, categories: decision.categories, tenantId: actor.tenantId })
    // The audit entry and the read run together; the answer leaves only after both are done, so a
    // read whose entry cannot be recorded returns nothing.
    const [data, seq] = await Promise.all([
      this.#vault.openSealed(grant, found!.sealed),
      this.#audit.append({ ...base, categories: decision.categories, decision: 'allow', reason: null }),
    ])
    if (actor.recipientId) {
      await this.#vault.recordDisclosure(subjectId, actor.recipientId, purposeId, Object.keys(data), actor.id, seq)
    }
    return { id: subjectId, type: subject!.type, data, withheld: decision.withheld, language: subject!.language ?? null }
  }

  /**
   * What happened around a person as far as one purpose may see: the lifecycle events (which start
   * the retention clocks) and the disclosures made under that purpose, with only its categories.
   * No value is opened; the look is one audited use of the purpose, refused when a read would be.
   */
  async history(actor: Actor, purposeId: string, subjectId: string): Promise<SubjectHistory> {
    const { categories } = await this.#allowed(actor, purposeId, 'read', subjectId, 'subject.history')
    const visible = new Set(categories)
    const [facts] = await Promise.all([
      this.#vault.facts(subjectId),
      this.#audit.append({ actorId: actor.id, action: 'subject.history', subjectId, purpose: purposeId, categories: [], decision: 'allow', reason: null }),
    ])
    return {
      events: facts!.events,
      disclosures: facts!.disclosures.filter((d) => d.purpose === purposeId).map((d) => ({ recipientId: d.recipientId, at: d.at, categories: d.categories.filter((c) => visible.has(c)) })),
    }
  }

  async write(actor: Actor, purposeId: string, subjectId: string, data: PersonalData): Promise<{ categories: string[] }> {
    const categories = Object.keys(data)
    const { subject, decision } = await this.#decideAbout(actor, purposeId, 'write', subjectId, categories)
    const base = { actorId: actor.id, action: 'subject.write', subjectId: subject ? subjectId : null, purpose: purposeId, categories }
    if (!decision.allow) {
      await this.#audit.append({ ...base, decision: 'deny', reason: decision.reason })
      throw this.#denied(decision)
    }
    const grant = mintGrant({ subjectId, purpose: purposeId, actorId: actor.id, categories: decision.categories, tenantId: actor.tenantId })
    // Fail closed: the entry is durable first; the written rows carry its number.
    const seq = await this.#audit.append({ ...base, decision: 'allow', reason: null })
    const written = await this.#vault.write(grant, data, purposeId, seq)
    return { categories: written }
  }

  /** Finds subjects by e-mail or phone (blind index), keeping only those the purpose may see. */
  async search(actor: Actor, purposeId: string, kind: BlindIndexKind, value: string): Promise<{ id: string; type: string }[]> {
    assertActor(actor)
    const candidates = await this.#vault.lookup(actor.tenantId, kind, value)
    const found: { id: string; type: string }[] = []
    const records = []
    for (const id of candidates) {
      const { subject, decision } = await this.#decideAbout(actor, purposeId, 'search', id)
      records.push({ actorId: actor.id, action: 'subject.search', subjectId: id, purpose: purposeId, categories: [`lookup.${kind}`], decision: decision.allow ? ('allow' as const) : ('deny' as const), reason: decision.allow ? null : decision.reason })
      if (decision.allow && subject) found.push({ id, type: subject.type })
    }
    if (records.length === 0) records.push({ actorId: actor.id, action: 'subject.search', subjectId: null, purpose: purposeId, categories: [`lookup.${kind}`], decision: null, reason: 'no_match' })
    await this.#audit.appendMany(records)
    return found
  }

  // ----- request handling: a grant bound to one request, one subject and one right (./request-grant.ts) -----

  /**
   * Decides one use of a person's data for a request; a refusal is audited (ids only, naming the
   * request) and thrown. Returns the subject's state. An erased person's ids stay reachable for the
   * request that erased them (its finish and Art. 19), never their values.
   */
  async #forRequest(actor: Actor, requestId: string, subjectId: string, operation: RequestOperation, action: string): Promise<SubjectState> {
    assertActor(actor)
    const [request, subject] = await Promise.all([this.#requests(requestId), this.#vault.state(subjectId)])
    const decision = decideRequestUse(actor, request, subjectId, operation, this.#now())
    let denial: { reason: GateDenyReason; message: string } | undefined = decision.allow ? undefined : decision
    if (!denial && (!subject || subject.tenantId !== actor.tenantId)) denial = { reason: 'subject_not_found', message: 'no subject with this id' }
    if (!denial && subject!.erased && operation !== 'erase' && operation !== 'facts') denial = { reason: 'subject_erased', message: 'this person\'s data has been erased' }
    if (denial) {
      await this.#audit.append({ actorId: actor.id, action, subjectId: subject ? subjectId : null, purpose: REQUEST_PURPOSE, categories: [], decision: 'deny', reason: `request:${requestId}:${denial.reason}` })
      throw new GateDenied(denial.reason, denial.message)
    }
    return subject!
  }

  #requestEntry(actor: Actor, action: string, requestId: string, subjectId: string | null, categories: readonly string[], code?: string | null, purpose: string = REQUEST_PURPOSE): AuditRecord {
    return { actorId: actor.id, action, subjectId, purpose, categories, decision: 'allow', reason: code ? `request:${requestId}:${code}` : `request:${requestId}` }
  }

  /**
   * Everything held about a person, for their access or portability request: every record
   * decrypted, and the facts around them. Allowed while the request is open or its download lives.
   */
  async dossier(actor: Actor, requestId: string, subjectId: string): Promise<Dossier> {
    await this.#forRequest(actor, requestId, subjectId, 'export', 'request.export')
    const facts = (await this.#vault.facts(subjectId))!
    const categories = this.#policy().categories.map((c) => c.id).filter((c) => facts.categories.includes(c))
    const grant = mintGrant({ subjectId, purpose: REQUEST_PURPOSE, actorId: actor.id, categories, tenantId: actor.tenantId })
    const [records, consents, uses] = await Promise.all([this.#vault.records(grant), this.#consent.history(subjectId), this.#audit.usesOf ? this.#audit.usesOf(subjectId) : Promise.resolve([])])
    await this.#audit.append(this.#requestEntry(actor, 'request.export', requestId, subjectId, categories))
    return {
      subjectId,
      subjectType: facts.type,
      tenantId: facts.tenantId,
      source: facts.source,
      createdAt: facts.createdAt,
      records,
      events: facts.events,
      consents,
      objections: facts.objections,
      restricted: facts.restricted,
      disclosures: facts.disclosures,
      uses,
    }
  }

  /** The ids of the person's categories and recipients, without values (erasure, restriction, Art. 19). */
  async factsFor(actor: Actor, requestId: string, subjectId: string): Promise<SubjectFacts> {
    await this.#forRequest(actor, requestId, subjectId, 'facts', 'request.facts')
    return (await this.#vault.facts(subjectId))!
  }

  /** Art. 18: restricts the person's data (only storage and legal claims), or lifts the restriction. */
  async setRestriction(actor: Actor, requestId: string, subjectId: string, ground: string | null): Promise<void> {
    const action = ground === null ? 'subject.restriction.lift' : 'subject.restrict'
    await this.#forRequest(actor, requestId, subjectId, ground === null ? 'lift_restriction' : 'restrict', action)
    await this.#audit.append(this.#requestEntry(actor, action, requestId, subjectId, [], ground))
    await this.#vault.setRestriction(subjectId, ground)
  }

  /** Art. 21: records an objection to a purpose (pending a decision, upheld, or rejected on compelling grounds). */
  async setObjection(actor: Actor, requestId: string, subjectId: string, purposeId: string, status: 'pending' | 'upheld' | 'rejected'): Promise<void> {
    await this.#forRequest(actor, requestId, subjectId, 'object', 'subject.objection')
    if (!this.#policy().purpose(purposeId)) throw new GateDenied('unknown_purpose', `the policy has no purpose "${purposeId}"`)
    await this.#audit.append(this.#requestEntry(actor, 'subject.objection', requestId, subjectId, [], status, purposeId))
    await this.#vault.setObjection(subjectId, purposeId, status)
    if (status === 'upheld' && this.#policy().purpose(purposeId)?.directMarketing) await this.#optOut?.(subjectId, [purposeId], 'objected')
  }

  /**
   * The language the person is written to in, from their request: as they chose it (the request
   * form's page, the privacy center), or — from a channel that is not their own choice — only when
   * none is stored. Reads no value; audited with the request and `via` (never the language itself).
   * Returns whether it changed.
   */
  async setRequestLanguage(actor: Actor, requestId: string, subjectId: string, language: Language, options: { via: 'request_form' | 'request' | 'privacy_center'; onlyIfNone: boolean }): Promise<boolean> {
    const subject = await this.#forRequest(actor, requestId, subjectId, 'language', 'subject.language')
    if (subject.language === language || (options.onlyIfNone && subject.language)) return false
    const seq = await this.#audit.append(this.#requestEntry(actor, 'subject.language', requestId, subjectId, [], options.via))
    return (await this.#vault.setLanguages([{ subjectId, language, auditSeq: seq, onlyIfNone: options.onlyIfNone }])).length > 0
  }

  /**
   * Art. 16: writes the values staff recorded for the categories they named on the rectify action,
   * and nothing else; the categories must be the policy's. Returns the categories written.
   */
  async rectify(actor: Actor, requestId: string, subjectId: string, data: PersonalData): Promise<{ categories: string[] }> {
    const subject = await this.#forRequest(actor, requestId, subjectId, 'rectify', 'subject.write')
    const named = Object.keys(data)
    const unknown = named.filter((c) => !this.#policy().category(c))
    if (named.length === 0 || unknown.length) {
      await this.#audit.append({ actorId: actor.id, action: 'subject.write', subjectId, purpose: REQUEST_PURPOSE, categories: [], decision: 'deny', reason: `request:${requestId}:unknown_category` })
      throw new GateDenied('unknown_category', named.length === 0 ? 'name at least one category to correct' : `the policy has no categories ${unknown.join(', ')}`, unknown)
    }
    const grant = mintGrant({ subjectId, purpose: REQUEST_PURPOSE, actorId: actor.id, categories: named, tenantId: subject.tenantId })
    const seq = await this.#audit.append(this.#requestEntry(actor, 'subject.write', requestId, subjectId, named, 'rectified'))
    const written = await this.#vault.write(grant, data, REQUEST_PURPOSE, seq)
    return { categories: written }
  }

  /**
   * Withdraws every consent the person gave, as their request asks: reads the consent state only,
   * never a value. Returns the purposes withdrawn.
   */
  async withdrawConsents(actor: Actor, requestId: string, subjectId: string, evidence: { text: string; channel: ConsentChannel; lang: string; act: ConsentAct }): Promise<string[]> {
    await this.#forRequest(actor, requestId, subjectId, 'withdraw', 'consent.record')
    const current = this.#consent.current(await this.#consent.history(subjectId))
    const withdrawn: string[] = []
    for (const [purpose, granted] of current) {
      if (!granted) continue
      const seq = await this.#audit.append(this.#requestEntry(actor, 'consent.record', requestId, subjectId, [], 'withdrawn', purpose))
      await this.#consent.record(subjectId, { ...evidence, purpose, granted: false, obtainedBy: actor.id, statementVersion: this.#consent.statementVersion() }, seq)
      withdrawn.push(purpose)
    }
    return withdrawn.sort()
  }

  /**
   * The known-data question (REQ-ID-03): whether a value the requester gave matches what is held
   * for this person in that category. Only yes or no leaves the vault, never a value; allowed while
   * the request is unverified or in doubt as well.
   */
  async compareKnownData(actor: Actor, requestId: string, subjectId: string, category: string, value: PersonalValue): Promise<boolean> {
    const subject = await this.#forRequest(actor, requestId, subjectId, 'compare', 'request.compare')
    if (!this.#policy().category(category)) throw new GateDenied('unknown_category', `the policy has no category ${category}`, [category])
    const grant = mintGrant({ subjectId, purpose: REQUEST_PURPOSE, actorId: actor.id, categories: [category], tenantId: subject.tenantId })
    const matches = await this.#vault.matches(grant, category, value)
    await this.#audit.append(this.#requestEntry(actor, 'request.compare', requestId, subjectId, [category], matches ? 'match' : 'no_match'))
    return matches
  }

  /**
   * Opens a requester's sealed address and words: for Pledge's request actor to write to them or
   * send their data where they asked (`mail`, `push`), or for whoever handles the request (`staff`,
   * the controller's or the routed customer's). Audited with the request and the use.
   */
  async openRequester(actor: Actor, sealed: SealedRequester, use: RequesterUse): Promise<{ email: string; details: string | null; pushTo: string | null }> {
    assertActor(actor)
    const action = 'request.requester.open'
    const request = await this.#requests(sealed.requestId)
    let denial: { reason: GateDenyReason; message: string } | undefined
    if (!request) denial = { reason: 'request_not_found', message: 'no request with this id' }
    else if (use === 'staff') {
      const d = decideRequestHandling(actor, 'read', request.tenantId)
      if (!d.allow) denial = d
    } else if (!actor.capabilities.has('requesters')) denial = { reason: 'capability_missing', message: `${actor.name} does not write to requesters` }
    else if (use === 'push' && (request.type !== 'portability' || !request.verified || request.status === 'refused')) denial = { reason: 'operation_not_for_right', message: 'only a verified portability request is sent to another controller' }
    if (denial) {
      await this.#audit.append({ actorId: actor.id, action, subjectId: null, purpose: REQUEST_PURPOSE, categories: [], decision: 'deny', reason: `request:${sealed.requestId}:${denial.reason}` })
      throw new GateDenied(denial.reason, denial.message)
    }
    await this.#audit.append(this.#requestEntry(actor, action, sealed.requestId, null, [], use))
    const email = this.#vault.open('request', sealed.requestId, sealed.address)
    const words = sealed.details ? (JSON.parse(this.#vault.open('request', `${sealed.requestId}:details`, sealed.details)) as { details: string | null; pushTo: string | null }) : { details: null, pushTo: null }
    return { email, details: words.details, pushTo: words.pushTo }
  }

  /**
   * Whose data is a verified requester's address? Matched in the controller's blind index and in
   * every customer's (each match kept in its own scope), by Pledge's request actor only, once the
   * requester proved control of the address. Each match is audited with the request.
   */
  async matchRequester(actor: Actor, sealed: SealedRequester): Promise<{ id: string; tenantId: string | null }[]> {
    assertActor(actor)
    const request = await this.#requests(sealed.requestId)
    const allowed = actor.capabilities.has('requesters') && request !== undefined && request.verified && request.status === 'verified'
    if (!allowed) {
      await this.#audit.append({ actorId: actor.id, action: 'request.match', subjectId: null, purpose: REQUEST_PURPOSE, categories: [], decision: 'deny', reason: `request:${sealed.requestId}:${request ? 'request_not_verified' : 'request_not_found'}` })
      throw new GateDenied(request ? 'request_not_verified' : 'request_not_found', request ? 'a request is matched once, after its requester proved control of the address' : 'no request with this id')
    }
    const email = this.#vault.open('request', sealed.requestId, sealed.address)
    const found = await this.#vault.lookupEverywhere(email)
    await this.#audit.appendMany(
      found.length
        ? found.map((f) => this.#requestEntry(actor, 'request.match', sealed.requestId, f.id, ['lookup.email']))
        : [this.#requestEntry(actor, 'request.match', sealed.requestId, null, ['lookup.email'], 'no_match')],
    )
    return found
  }

  // ----- Pledge's own mail and forms: declared system actors with capabilities -----

  /**
   * That this actor may use this purpose at all (a campaign or an audience for a purpose, before any
   * person is looked at). A refusal is audited under `action` and thrown.
   */
  async requirePurpose(actor: Actor, purposeId: string, action: string): Promise<void> {
    assertActor(actor)
    if (this.#policy().purpose(purposeId) && actor.purposes.has(purposeId)) return
    await this.#audit.append({ actorId: actor.id, action, subjectId: null, purpose: purposeId.slice(0, 64), categories: [], decision: 'deny', reason: 'purpose_not_allowed_for_actor' })
    throw new GateDenied('purpose_not_allowed_for_actor', `${actor.name} may not use the purpose ${purposeId.slice(0, 64)}`)
  }

  /**
   * That this actor is a recipient-bound key of a processor the policy names for this purpose (a
   * mailing provider asking for its audience). A refusal is audited under `action` and thrown.
   */
  async requireProcessorOf(actor: Actor, purposeId: string, action: string): Promise<string> {
    assertActor(actor)
    const policy = this.#policy()
    const purpose = policy.purpose(purposeId)
    const recipient = actor.recipientId ? policy.recipient(actor.recipientId) : undefined
    const ok = purpose && recipient && recipient.role === 'processor' && purpose.recipients.includes(recipient.id) && actor.purposes.has(purposeId)
    if (ok) return recipient.id
    await this.#audit.append({ actorId: actor.id, action, subjectId: null, purpose: purpose ? purposeId : null, categories: [], decision: 'deny', reason: 'not_a_processor_of_purpose' })
    throw new GateDenied('purpose_not_allowed_for_actor', `only a recipient-bound API key of a processor the policy names for ${purpose ? purposeId : 'this purpose'} may read its audience`)
  }

  #capable(actor: Actor, capability: Capability): void {
    assertActor(actor)
    if (!actor.capabilities.has(capability)) throw new GateDenied('capability_missing', `${actor.name} may not do this (${capability})`)
  }

  /**
   * The mailbox a customer or recipient registered: for Pledge's notifications actor, or for the
   * owner's own key (its own mailbox). Audited with the owner.
   */
  async openPartyMailbox(actor: Actor, owner: string, sealed: Uint8Array): Promise<string> {
    assertActor(actor)
    const own = (actor.tenantId !== null && owner === `tenant:${actor.tenantId}`) || (actor.recipientId !== null && owner === `recipient:${actor.recipientId}`)
    if (!own && !actor.capabilities.has('party_mailboxes')) {
      await this.#audit.append({ actorId: actor.id, action: 'notification_contact.open', subjectId: null, purpose: null, categories: [], decision: 'deny', reason: `${owner}:capability_missing` })
      throw new GateDenied('capability_missing', `${actor.name} may not open this mailbox`)
    }
    await this.#audit.append({ actorId: actor.id, action: 'notification_contact.open', subjectId: null, purpose: null, categories: [], decision: 'allow', reason: owner })
    return this.#vault.open('notification-contact', owner, sealed)
  }

  /** An address waiting for its double opt-in, opened for the person's own confirmation. */
  async openPendingSubscription(actor: Actor, pendingId: string, sealed: Uint8Array): Promise<string> {
    this.#capable(actor, 'subscriptions')
    await this.#audit.append({ actorId: actor.id, action: 'newsletter.pending.open', subjectId: null, purpose: NEWSLETTER_PURPOSE, categories: ['contact.email'], decision: 'allow', reason: `pending:${pendingId}` })
    return this.#vault.openPending(pendingId, sealed)
  }

  /**
   * The controller's person with this address whom the newsletter may reach (a type its purpose
   * covers), for the person's own confirmed subscription; undefined when there is none.
   */
  async findSubscriber(actor: Actor, email: string): Promise<string | undefined> {
    this.#capable(actor, 'subscriptions')
    const covered = this.#policy().purpose(NEWSLETTER_PURPOSE)?.subjectTypes ?? []
    let found: string | undefined
    for (const id of await this.#vault.lookup(null, 'email', email)) {
      const state = await this.#vault.state(id)
      if (state && !state.erased && covered.includes(state.type)) {
        found = id
        break
      }
    }
    await this.#audit.append({ actorId: actor.id, action: 'subject.search', subjectId: found ?? null, purpose: NEWSLETTER_PURPOSE, categories: ['lookup.email'], decision: found ? 'allow' : null, reason: found ? 'subscriber' : 'no_match' })
    return found
  }

  /**
   * The controller's person (not another contact-form message, not erased) with the address a
   * contact-form sender just confirmed, so the message can be linked to them; undefined when there
   * is none. Nothing of that person is read or written: the caller records the link (ids only).
   */
  async findContactPerson(actor: Actor, purposeId: string, contactSubjectId: string, email: string): Promise<string | undefined> {
    this.#capable(actor, 'contact_form')
    let found: string | undefined
    for (const id of await this.#vault.lookup(null, 'email', email)) {
      if (id === contactSubjectId) continue
      const state = await this.#vault.state(id)
      if (state && !state.erased && state.tenantId === null && state.type !== 'contact' && !this.#policy().purpose(purposeId)?.subjectTypes.includes(state.type)) {
        found = id
        break
      }
    }
    await this.#audit.append({ actorId: actor.id, action: 'subject.search', subjectId: found ?? null, purpose: purposeId, categories: ['lookup.email'], decision: found ? 'allow' : null, reason: found ? `contact_link:${contactSubjectId}` : 'no_match' })
    return found
  }

  /**
   * The person confirmed the double opt-in again: their own act lifts their earlier objection to the
   * newsletter and records the consent.
   */
  async resubscribe(actor: Actor, subjectId: string, evidence: { text: string; channel: ConsentChannel; lang: Language; act: ConsentAct }): Promise<void> {
    this.#capable(actor, 'subscriptions')
    const subject = await this.#visible(actor, subjectId, 'consent.record', NEWSLETTER_PURPOSE)
    await this.#audit.append({ actorId: actor.id, action: 'subject.objection', subjectId, purpose: NEWSLETTER_PURPOSE, categories: [], decision: 'allow', reason: 'lifted_by_own_opt_in' })
    await this.#vault.setObjection(subjectId, NEWSLETTER_PURPOSE, 'rejected')
    await this.#recordEvidence(actor, subjectId, { ...evidence, purpose: NEWSLETTER_PURPOSE, granted: true })
    // The form's language is the person's own choice: it replaces the one stored.
    if (subject.language !== evidence.lang) {
      const seq = await this.#audit.append({ actorId: actor.id, action: 'subject.language', subjectId, purpose: NEWSLETTER_PURPOSE, categories: [], decision: 'allow', reason: 'subscription' })
      await this.#vault.setLanguages([{ subjectId, language: evidence.lang, auditSeq: seq, onlyIfNone: false }])
    }
  }

  /**
   * A one-click unsubscribe the person made: every direct-marketing consent withdrawn, the objection
   * upheld (absolute, REQ-OB-02), the address suppressed (REQ-DM-03). Returns false for nobody.
   */
  async unsubscribe(actor: Actor, subjectId: string, act: { lang: string; act: ConsentAct; channel: ConsentChannel }): Promise<boolean> {
    this.#capable(actor, 'unsubscribe')
    const state = await this.#vault.state(subjectId)
    if (!state || state.erased) return false
    await this.#audit.append({ actorId: actor.id, action: 'newsletter.unsubscribe', subjectId, purpose: null, categories: [], decision: null, reason: act.act })
    const stopped: string[] = []
    for (const purpose of this.#policy().purposes) {
      if (!purpose.directMarketing || !purpose.subjectTypes.includes(state.type)) continue
      if (purpose.basis[state.type] === 'consent' && state.consents.get(purpose.id) !== false) {
        await this.#recordEvidence(actor, subjectId, { text: 'unsubscribe', channel: act.channel, lang: act.lang, act: act.act, purpose: purpose.id, granted: false }, false)
      }
      await this.#vault.setObjection(subjectId, purpose.id, 'upheld')
      stopped.push(purpose.id)
    }
    const hash = await this.#vault.emailHashOf(subjectId)
    if (hash && state.tenantId === null) await this.#vault.suppress(hash, 'unsubscribed')
    if (stopped.length) await this.#optOut?.(subjectId, stopped, 'unsubscribed')
    return true
  }

  /**
   * For the Art. 14 notice (built-in purpose art14_notice): the person's e-mail address, the
   * recorded source and the language to write in (null: none stored), and nothing else. Undefined
   * address: the person has none on record.
   */
  async noticeRecipient(actor: Actor, subjectId: string): Promise<{ email: string | undefined; source: string | null; type: string; language: Language | null }> {
    const { subject, decision } = await this.#decideAbout(actor, NOTICE_PURPOSE, 'read', subjectId, ['contact.email'])
    const base = { actorId: actor.id, action: 'notice.read', subjectId: subject ? subjectId : null, purpose: NOTICE_PURPOSE }
    if (!decision.allow) {
      await this.#audit.append({ ...base, categories: [], decision: 'deny', reason: decision.reason })
      throw this.#denied(decision)
    }
    const grant = mintGrant({ subjectId, purpose: NOTICE_PURPOSE, actorId: actor.id, categories: decision.categories, tenantId: subject!.tenantId })
    const [data] = await Promise.all([this.#vault.read(grant), this.#audit.append({ ...base, categories: decision.categories, decision: 'allow', reason: null })])
    const email = data['contact.email']
    return { email: typeof email === 'string' ? email : undefined, source: subject!.source ?? null, type: subject!.type, language: subject!.language ?? null }
  }

  /**
   * Who may place, list or release a legal hold: a person the actor can see, under a legal-claims
   * purpose the actor may use for that person's type. A refusal is audited under `action`.
   */
  async legalClaimsAccess(actor: Actor, subjectId: string, action: string): Promise<{ subject: SubjectState; purposes: Purpose[] }> {
    assertActor(actor)
    const subject = await this.#vault.state(subjectId)
    if (!subject || subject.tenantId !== actor.tenantId) {
      await this.#audit.append({ actorId: actor.id, action, subjectId: null, purpose: null, categories: [], decision: 'deny', reason: 'subject_not_visible' })
      throw new GateDenied('subject_not_found', 'no subject with this id')
    }
    const purposes = legalClaimsPurposes(this.#policy(), actor, subject)
    if (purposes.length === 0) {
      await this.#audit.append({ actorId: actor.id, action, subjectId, purpose: null, categories: [], decision: 'deny', reason: 'no_legal_claims_purpose' })
      throw new GateDenied('no_legal_claims_purpose', `${actor.name} may not use a legal-claims purpose (legalClaims: true in the policy) for ${subject.type}`)
    }
    return { subject, purposes }
  }

  /**
   * Whether the actor may list, read (one request, by its customer) or record requests; a refusal
   * is audited (ids only) and thrown.
   */
  /**
   * The consent ledger (pseudonymous ids, per purpose), for an export: only the consent purposes
   * the actor holds. Returns them; with none, the refusal is audited under `action` and thrown.
   */
  async authorizeConsentLedger(actor: Actor, action: string): Promise<string[]> {
    assertActor(actor)
    const purposes = this.#policy().purposes.filter((p) => Object.values(p.basis).includes('consent') && actor.purposes.has(p.id)).map((p) => p.id)
    if (purposes.length) return purposes
    await this.#audit.append({ actorId: actor.id, action, subjectId: null, purpose: null, categories: [], decision: 'deny', reason: 'purpose_not_allowed_for_actor' })
    throw new GateDenied('purpose_not_allowed_for_actor', 'the consent ledger shows only the consents of purposes one holds, and this actor holds no consent purpose')
  }

  async authorizeRequestHandling(actor: Actor, access: RequestAccess, request?: { readonly id: string; readonly tenantId: string | null }): Promise<void> {
    assertActor(actor)
    const decision = decideRequestHandling(actor, access, request?.tenantId)
    if (decision.allow) return
    await this.#audit.append({ actorId: actor.id, action: `request.${access}`, subjectId: null, purpose: REQUEST_PURPOSE, categories: [], decision: 'deny', reason: request ? `request:${request.id}:${decision.reason}` : decision.reason })
    throw new GateDenied(decision.reason, decision.message)
  }

  /**
   * Whether a service key may read the progress of material-change notices (counts only, REQ-TR-04):
   * a key of the controller itself (no tenant) that handles data-subject requests, i.e. the privacy
   * team's key. Staff are checked by role in the route (dpo, staff_admin). A refusal is audited.
   */
  async authorizeNoticeProgress(actor: Actor, version: number): Promise<void> {
    assertActor(actor)
    if (actor.tenantId === null && actor.purposes.has(REQUEST_PURPOSE)) return
    await this.#audit.append({ actorId: actor.id, action: 'policy.notices', subjectId: null, purpose: null, categories: [], decision: 'deny', reason: `version:${version}:purpose_not_allowed_for_actor` })
    throw new GateDenied('purpose_not_allowed_for_actor', `${actor.name} may not read notice progress: a key of the controller with the purpose ${REQUEST_PURPOSE}, or a dpo or staff_admin session, may`)
  }

  /**
   * Whether an actor may see the list of contact-form messages (ids and times, no value): the
   * controller's actors holding the contact purpose. Opening one is a gated read of its own.
   */
  async authorizeContactList(actor: Actor, purposeId: string): Promise<void> {
    assertActor(actor)
    const allowed = actor.tenantId === null && actor.purposes.has(purposeId)
    await this.#audit.append({ actorId: actor.id, action: 'contact.list', subjectId: null, purpose: purposeId, categories: [], decision: allowed ? 'allow' : 'deny', reason: allowed ? null : 'purpose_not_allowed_for_actor' })
    if (!allowed) throw new GateDenied('purpose_not_allowed_for_actor', `${actor.name} may not use the purpose ${purposeId}`)
  }

  /**
   * Whether an actor may see the complaint register (ids, dates, states and outcome codes, no
   * value) or change a complaint's handling: the controller's actors holding the complaints purpose.
   * Reading or writing a complaint's text is a gated read or write of its own. `action` is the
   * audit action (`complaint.list`, `complaint.note`, `complaint.outcome`, `export.complaint_register`).
   */
  async authorizeComplaints(actor: Actor, purposeId: string, action: string, subjectId: string | null = null): Promise<void> {
    assertActor(actor)
    const allowed = actor.tenantId === null && actor.purposes.has(purposeId)
    if (!allowed) {
      await this.#audit.append({ actorId: actor.id, action, subjectId, purpose: purposeId, categories: [], decision: 'deny', reason: 'purpose_not_allowed_for_actor' })
      throw new GateDenied('purpose_not_allowed_for_actor', `${actor.name} may not use the purpose ${purposeId}`)
    }
  }

  /** Records a lifecycle event. The actor must be able to see the subject under one of its purposes. */
  async recordEvent(actor: Actor, subjectId: string, event: string, occurredAt: Date): Promise<{ id: string }> {
    assertActor(actor)
    const policy = this.#policy()
    const subject = await this.#vault.state(subjectId)
    const base = { actorId: actor.id, action: 'subject.event', subjectId: subject ? subjectId : null, purpose: null, categories: [] as string[] }
    const visible = subject && subject.tenantId === actor.tenantId && !subject.erased
    const covered = visible && [...actor.purposes].some((p) => policy.purpose(p)?.subjectTypes.includes(subject.type))
    if (!visible || !covered) {
      await this.#audit.append({ ...base, decision: 'deny', reason: visible ? 'purpose_not_allowed_for_actor' : 'subject_not_visible' })
      if (!visible) throw new GateDenied('subject_not_found', 'no subject with this id')
      throw new GateDenied('purpose_not_allowed_for_actor', `${actor.name} has no purpose that covers ${subject.type}`)
    }
    if (!policy.events.includes(event)) {
      throw new GateDenied('unknown_event', `unknown event "${event}": use one of ${policy.events.join(', ')}`)
    }
    const seq = await this.#audit.append({ ...base, decision: 'allow', reason: `event:${event}` })
    const id = await this.#vault.recordEvent(subjectId, event, occurredAt, actor.id, seq)
    return { id }
  }

  /**
   * Erases a person (Art. 17) for their erasure request, by crypto-shredding: plans per category
   * what a legal duty or a legal hold still requires (src/retention/erasure-plan.ts), shreds in one
   * transaction (the vault), audits what was erased (`subject.erase`) and what was kept
   * (`subject.erase.retain`, per purpose), each naming the request, then purges the unreadable
   * records. Erasing an erased person changes nothing and answers with what is kept.
   */
  async erase(actor: Actor, requestId: string, subjectId: string, options: { reasonCode?: string; now?: Date } = {}): Promise<ErasureOutcome> {
    const reasonCode = options.reasonCode ?? 'request'
    if (!/^[a-z0-9_.-]{1,64}$/.test(reasonCode)) throw new TypeError('reasonCode must be a short code such as request or consent_withdrawn')
    const now = options.now ?? this.#now()
    const subject = await this.#forRequest(actor, requestId, subjectId, 'erase', 'subject.erase')
    if (subject.erased) {
      const kept = await this.#vault.retained(subjectId)
      await this.#audit.append(this.#requestEntry(actor, 'subject.erase', requestId, subjectId, [], 'already_erased'))
      const plan: ErasurePlan = { subjectId, erased: [], kept }
      return { subjectId, alreadyErased: true, plan, confirmation: confirmationOf(plan, this.#policy().controller.timeZone), keptRecords: 0, purgedRecords: await this.#vault.purgeShredded(subjectId), timings: undefined }
    }
    const [categories, holds] = await Promise.all([this.#vault.erasureCategories(subjectId), this.#holds(subjectId)])
    const plan = planErasure({ policy: this.#policy(), subject, categories, holds, now })
    const grant = mintGrant({ subjectId, purpose: REQUEST_PURPOSE, actorId: actor.id, categories, tenantId: actor.tenantId })
    const retained = new Map<string, { purpose: string; reason: string; categories: string[] }>()
    for (const k of plan.kept) {
      const entry = retained.get(`${k.purpose}|${k.reason}`) ?? { purpose: k.purpose, reason: k.reason, categories: [] }
      entry.categories.push(k.category)
      retained.set(`${k.purpose}|${k.reason}`, entry)
    }
    // Fail closed: what is erased and what is kept are recorded first; the shredding carries the
    // entry's number (on the tombstone and the kept records).
    const [seq] = await this.#audit.appendMany([
      this.#requestEntry(actor, 'subject.erase', requestId, subjectId, [...plan.erased], reasonCode),
      ...[...retained.values()].map((r) => ({ ...this.#requestEntry(actor, 'subject.erase.retain', requestId, subjectId, r.categories, r.reason, r.purpose), decision: null })),
    ])
    const result = await this.#vault.erase(grant, plan, now, seq!)
    const purgedRecords = await this.#vault.purgeShredded(subjectId)
    return { subjectId, alreadyErased: result.alreadyErased, plan, confirmation: confirmationOf(plan, this.#policy().controller.timeZone), keptRecords: result.keptRecords, purgedRecords, timings: result.timings }
  }

  // ---- end of contract (REQ-PR-04): one customer's people, for its declared actor only ----------

  /** The processor purpose the customer's data is held under (audit entries name it), if the policy has one. */
  #contractPurpose(): string | null {
    return this.#policy().purposes.find((p) => p.role === 'processor')?.id ?? null
  }

  /** The subject's state when it is one of this tenant's people; a refusal is audited and thrown. */
  async #tenantSubject(actor: Actor, runId: string, tenantId: string, subjectId: string, action: string): Promise<SubjectState> {
    this.#capable(actor, 'end_of_contract')
    const subject = await this.#vault.state(subjectId)
    if (!subject || subject.tenantId !== tenantId) {
      await this.#audit.append({ actorId: actor.id, action, subjectId: null, purpose: null, categories: [], decision: 'deny', reason: `contract:${runId}:subject_not_found` })
      throw new GateDenied('subject_not_found', 'no subject with this id in this tenant')
    }
    return subject
  }

  /** How many people one tenant has, and the next batch of their ids (id order): ids only. */
  async tenantSubjects(actor: Actor, tenantId: string, after: string | undefined, limit: number): Promise<{ id: string; erased: boolean }[]> {
    this.#capable(actor, 'end_of_contract')
    return this.#vault.tenantSubjects(tenantId, after, limit)
  }

  async tenantCount(actor: Actor, tenantId: string): Promise<{ living: number; erased: number }> {
    this.#capable(actor, 'end_of_contract')
    return this.#vault.tenantCount(tenantId)
  }

  /** Records the start or the end of an end-of-contract run (ids and codes only); its sequence number. */
  async contractMark(actor: Actor, runId: string, action: 'contract.start' | 'contract.finish', code: string): Promise<number> {
    this.#capable(actor, 'end_of_contract')
    return this.#audit.append({ actorId: actor.id, action, subjectId: null, purpose: this.#contractPurpose(), categories: [], decision: null, reason: `contract:${runId}:${code}` })
  }

  /** Everything held about one of the tenant's people, for the customer's return: audited `contract.export`. */
  async contractDossier(actor: Actor, runId: string, tenantId: string, subjectId: string): Promise<Dossier> {
    const subject = await this.#tenantSubject(actor, runId, tenantId, subjectId, 'contract.export')
    if (subject.erased) throw new GateDenied('subject_erased', 'this person\'s data has been erased')
    const facts = (await this.#vault.facts(subjectId))!
    const categories = this.#policy().categories.map((c) => c.id).filter((c) => facts.categories.includes(c))
    const purpose = this.#contractPurpose() ?? 'end_of_contract'
    const grant = mintGrant({ subjectId, purpose, actorId: actor.id, categories, tenantId })
    await this.#audit.append({ actorId: actor.id, action: 'contract.export', subjectId, purpose: this.#contractPurpose(), categories, decision: 'allow', reason: `contract:${runId}` })
    const [records, consents] = await Promise.all([this.#vault.records(grant), this.#consent.history(subjectId)])
    return { subjectId, subjectType: facts.type, tenantId: facts.tenantId, source: facts.source, createdAt: facts.createdAt, records, events: facts.events, consents, objections: facts.objections, restricted: facts.restricted, disclosures: facts.disclosures, uses: [] }
  }

  /**
   * Erases one of the tenant's people for the customer's end-of-contract instruction, as Gate.erase
   * does for a request: the plan (what a legal duty or hold still needs is kept), the audit entries
   * first (`contract.erase`, `contract.erase.retain`, naming the run), the crypto-shredding with its
   * tombstone, then the purge. An erased person changes nothing.
   */
  async contractErase(actor: Actor, runId: string, tenantId: string, subjectId: string, now: Date = this.#now()): Promise<ErasureOutcome> {
    const subject = await this.#tenantSubject(actor, runId, tenantId, subjectId, 'contract.erase')
    const reason = `contract:${runId}`
    if (subject.erased) {
      const kept = await this.#vault.retained(subjectId)
      const plan: ErasurePlan = { subjectId, erased: [], kept }
      return { subjectId, alreadyErased: true, plan, confirmation: confirmationOf(plan, this.#policy().controller.timeZone), keptRecords: 0, purgedRecords: await this.#vault.purgeShredded(subjectId), timings: undefined }
    }
    const [categories, holds] = await Promise.all([this.#vault.erasureCategories(subjectId), this.#holds(subjectId)])
    const plan = planErasure({ policy: this.#policy(), subject, categories, holds, now })
    const grant = mintGrant({ subjectId, purpose: this.#contractPurpose() ?? 'end_of_contract', actorId: actor.id, categories, tenantId })
    const retained = new Map<string, { purpose: string; reason: string; categories: string[] }>()
    for (const k of plan.kept) {
      const entry = retained.get(`${k.purpose}|${k.reason}`) ?? { purpose: k.purpose, reason: k.reason, categories: [] }
      entry.categories.push(k.category)
      retained.set(`${k.purpose}|${k.reason}`, entry)
    }
    const [seq] = await this.#audit.appendMany([
      { actorId: actor.id, action: 'contract.erase', subjectId, purpose: this.#contractPurpose(), categories: [...plan.erased], decision: 'allow', reason },
      ...[...retained.values()].map((r) => ({ actorId: actor.id, action: 'contract.erase.retain', subjectId, purpose: r.purpose, categories: r.categories, decision: null, reason: `${reason}:${r.reason}` })),
    ])
    const result = await this.#vault.erase(grant, plan, now, seq!)
    const purgedRecords = await this.#vault.purgeShredded(subjectId)
    return { subjectId, alreadyErased: result.alreadyErased, plan, confirmation: confirmationOf(plan, this.#policy().controller.timeZone), keptRecords: result.keptRecords, purgedRecords, timings: result.timings }
  }

  /**
   * Who may read the sweep's reports and forecast: the controller's actors. A customer's key may
   * not (the sweep is the controller's processing); the refusal is audited.
   */
  async authorizeRetentionReports(actor: Actor): Promise<void> {
    assertActor(actor)
    if (actor.tenantId === null) return
    await this.#audit.append({ actorId: actor.id, action: 'retention.report_read', subjectId: null, purpose: null, categories: [], decision: 'deny', reason: 'not_for_customers' })
    throw new GateDenied('not_for_customers', 'retention reports are the controller\'s; a customer\'s key cannot read them')
  }

  /**
   * Which of these purposes' people an actor may see named (by id) in retention reports and the
   * forecast: those it holds itself. Counts are for every key; ids only for the purposes it serves.
   */
  purposesNamedFor(actor: Actor, purposes: readonly string[]): Set<string> {
    assertActor(actor)
    return new Set(purposes.filter((p) => actor.purposes.has(p)))
  }

  /** How many living people the sweep will evaluate (for its progress). */
  async retentionTotal(actor: Actor): Promise<number> {
    this.#capable(actor, 'retention')
    return this.#vault.livingCount()
  }

  /**
   * The next batch of living people for the retention sweep: ids, lifecycle facts and which
   * categories hold values — never a value. Only the sweep's declared actor may ask.
   */
  async retentionBatch(actor: Actor, after: string | undefined, limit: number): Promise<RetentionBatch> {
    this.#capable(actor, 'retention')
    return this.#vault.retentionBatch(after, limit)
  }

  /**
   * Carries out what the retention sweep decided for a batch of people (src/retention/plan.ts), as
   * its declared actor: the audit entries first (ids and codes only, naming the run), then the
   * changes carrying their numbers — values deleted, anonymised into counts, moved under the
   * retention key — and, for people no purpose but a legal one needs any more, the erasure itself
   * (crypto-shredding, tombstone), keeping under the retention key what legal duties still need.
   */
  async applyRetention(actor: Actor, runId: string, items: readonly { readonly plan: RetentionPlan; readonly state: SubjectState }[], now: Date): Promise<RetentionOutcome> {
    this.#capable(actor, 'retention')
    const policy = this.#policy()
    const records: AuditRecord[] = []
    const firstEntry = new Map<string, number>()
    const reason = `run:${runId}`
    for (const { plan, state } of items) {
      const by = (kind: CategoryAction['action']) => plan.actions.filter((a) => a.action === kind).map((a) => a.category)
      const erasing = plan.outcome === 'erase' && !state.erased
      firstEntry.set(plan.subjectId, records.length)
      if (erasing) records.push({ actorId: actor.id, action: 'retention.erase', subjectId: plan.subjectId, purpose: null, categories: [...by('delete'), ...by('anonymise')], decision: 'allow', reason })
      for (const kind of ['delete', 'anonymise', 'retain'] as const) {
        const categories = by(kind)
        if (categories.length && !(erasing && kind === 'delete')) records.push({ actorId: actor.id, action: `retention.${kind}`, subjectId: plan.subjectId, purpose: null, categories, decision: 'allow', reason })
      }
    }
    const seqs = records.length ? await this.#audit.appendMany(records) : []
    const grants: Grant[] = []
    const changes: RetentionChange[] = []
    const erasures: { plan: RetentionPlan; state: SubjectState; seq: number; change: RetentionChange | undefined }[] = []
    for (const { plan, state } of items) {
      const seq = seqs[firstEntry.get(plan.subjectId)!]
      if (seq === undefined) continue
      const categories = plan.actions.map((a) => a.category)
      grants.push(mintGrant({ subjectId: plan.subjectId, purpose: 'retention', actorId: actor.id, categories, tenantId: state.tenantId }))
      const anonymise = plan.actions.flatMap((a) => (a.action === 'anonymise' ? [{ category: a.category, purpose: a.purposes.find((p) => policy.purpose(p)?.retention.endAction === 'anonymise') ?? a.purposes[0] ?? 'retention', method: policy.category(a.category)?.anonymise ?? ('drop' as const) }] : []))
      if (plan.outcome === 'erase' && !state.erased) {
        // What has expired is anonymised (the shredding leaves nothing to count) and deleted in the
        // erasure's own transaction, before the key goes: a kill never leaves a person half done.
        const expired = plan.actions.flatMap((a) => (a.action === 'delete' ? [a.category] : []))
        erasures.push({ plan, state, seq, change: anonymise.length || expired.length ? { subjectId: plan.subjectId, auditSeq: seq, delete: expired, anonymise, retain: [] } : undefined })
        continue
      }
      changes.push({
        subjectId: plan.subjectId,
        auditSeq: seq,
        delete: plan.actions.flatMap((a) => (a.action === 'delete' ? [a.category] : [])),
        anonymise,
        retain: plan.actions.flatMap((a) => (a.action === 'retain' ? a.kept : [])),
      })
    }
    const period = partsInZone(now, policy.controller.timeZone).year.toString()
    const applied = await this.#vault.applyRetention(grants, changes, period)
    const erased: string[] = []
    for (const e of erasures) {
      const categories = await this.#vault.erasureCategories(e.plan.subjectId)
      const kept = e.plan.actions.flatMap((a) => (a.action === 'retain' ? a.kept : [])).filter((k) => categories.includes(k.category))
      const keptCategories = new Set(kept.map((k) => k.category))
      const plan: ErasurePlan = { subjectId: e.plan.subjectId, erased: categories.filter((c) => !keptCategories.has(c)).sort(), kept }
      const grant = mintGrant({ subjectId: e.plan.subjectId, purpose: 'retention', actorId: actor.id, categories, tenantId: e.state.tenantId })
      const result = await this.#vault.erase(grant, plan, now, e.seq, e.change ? { change: e.change, period } : undefined)
      await this.#vault.purgeShredded(e.plan.subjectId)
      if (!result.alreadyErased) erased.push(e.plan.subjectId)
    }
    return { ...applied, erased }
  }

  /**
   * The end of a legal duty (REQ-ER-02/03), for the daily job: removes kept categories whose time
   * has passed (or whose legal hold was released), their records, and retention keys left empty.
   * Audited per subject and purpose (`retention.expire`), ids only.
   */
  async expireRetained(now: Date = this.#now()): Promise<ExpireResult> {
    const result = await this.#vault.expireRetained(now)
    const groups = new Map<string, { subjectId: string; purpose: string; categories: string[] }>()
    for (const e of result.expired) {
      const key = `${e.subjectId}|${e.purpose}`
      const g = groups.get(key) ?? { subjectId: e.subjectId, purpose: e.purpose, categories: [] }
      g.categories.push(e.category)
      groups.set(key, g)
    }
    const records: AuditRecord[] = [...groups.values()].map((g) => ({ actorId: 'system:retention', action: 'retention.expire', subjectId: g.subjectId, purpose: g.purpose, categories: g.categories, decision: null, reason: 'retention_ended' }))
    for (const id of result.keysDestroyed) records.push({ actorId: 'system:retention', action: 'retention.key_destroyed', subjectId: id, purpose: null, categories: [], decision: null, reason: 'nothing_retained' })
    if (records.length) await this.#audit.appendMany(records)
    return result
  }
}

/**
 * The gate's audit entries carry the policy's own ids only: a purpose or category the caller named
 * that the policy does not declare is recorded as none (the refusal's reason code says what was
 * wrong), so no caller text — an IBAN typed as a purpose — ever lands in the log, which outlives
 * every erasure.
 */
function idsOnly(audit: AuditLog, policy: () => Policy): AuditLog {
  const clean = (r: AuditRecord): AuditRecord => {
    const p = policy()
    const purpose = r.purpose === null || p.purpose(r.purpose) || BUILTIN_PURPOSES.includes(r.purpose) ? r.purpose : null
    const categories = r.categories.filter((c) => p.category(c) !== undefined || c === 'lookup.email' || c === 'lookup.phone')
    return purpose === r.purpose && categories.length === r.categories.length ? r : { ...r, purpose, categories }
  }
  return {
    append: (record) => audit.append(clean(record)),
    appendMany: (records) => audit.appendMany(records.map(clean)),
    close: () => audit.close(),
    ...(audit.usesOf ? { usesOf: audit.usesOf.bind(audit) } : {}),
  }
}

/** What a batch of the retention sweep did (counts and the ids of the people erased). */
export interface RetentionOutcome extends RetentionApplied {
  readonly erased: readonly string[]
}

/** What Gate.erase did: the plan, the confirmation data for the person, and figures. */
export interface ErasureOutcome {
  readonly subjectId: string
  readonly alreadyErased: boolean
  readonly plan: ErasurePlan
  /** Category ids, purpose ids, reason codes and until dates for the confirmation (rendered by the requests room). */
  readonly confirmation: ErasureConfirmation
  /** Records re-encrypted under the retention key. */
  readonly keptRecords: number
  /** Unreadable ordinary records deleted after commit. */
  readonly purgedRecords: number
  readonly timings: ShredResult['timings'] | undefined
}
