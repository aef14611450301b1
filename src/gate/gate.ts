// The gate as a service: loads the subject's state, asks decide(), appends the decision to the audit
// log, and only then lets the vault touch plaintext, through a grant narrowed to what was allowed.
// Every route, export, sweep and import uses personal data through here.
import { v7 as uuidv7 } from 'uuid'
import type { Policy, Purpose } from '../policy/policy.ts'
import type { AuditLog, AuditRecord } from '../audit/audit-log.ts'
import type { Actor } from './actor.ts'
import { decide, legalClaimsPurposes, type Decision, type DenyReason, type Operation, type SubjectState } from './decide.ts'
import { mintGrant } from '../vault/grant.ts'
import type { PersonalData, PersonalValue, Vault } from '../vault/vault.ts'
import type { BlindIndexKind } from '../vault/blind-index.ts'
import type { ConsentEvent, ConsentEvidence } from '../consent/ledger.ts'
import { confirmationOf, planErasure, type ErasureConfirmation, type ErasurePlan } from '../retention/erasure-plan.ts'
import type { ExpireResult, ShredResult } from '../vault/erasure.ts'
import type { SubjectFacts } from '../vault/vault.ts'
import type { Dossier } from '../requests/dossier.ts'
import { REQUEST_PURPOSE, decideRequestHandling, type RequestAccess } from './request-purpose.ts'

export class GateDenied extends Error {
  readonly reason: DenyReason | 'subject_not_found' | 'request_not_found' | 'unknown_event' | 'not_a_consent_purpose'
  readonly status: 403 | 404 | 422
  readonly categories: readonly string[] | undefined
  constructor(reason: DenyReason | 'subject_not_found' | 'request_not_found' | 'unknown_event' | 'not_a_consent_purpose', message: string, categories?: readonly string[]) {
    super(message)
    this.name = 'GateDenied'
    this.reason = reason
    this.categories = categories
    this.status = reason === 'subject_not_found' || reason === 'subject_not_visible' || reason === 'request_not_found' ? 404 : reason === 'categories_not_in_purpose' || reason === 'unknown_event' || reason === 'not_a_consent_purpose' ? 422 : 403
  }
}

/** Where consent events are kept (src/consent/ledger.ts over the database). */
export interface ConsentStore {
  record(subjectId: string, evidence: ConsentEvidence): Promise<string>
  history(subjectId: string): Promise<ConsentEvent[]>
  current(history: readonly ConsentEvent[]): Map<string, boolean>
  statementVersion(): number
}

export interface ReadResult {
  readonly id: string
  readonly type: string
  readonly data: Record<string, PersonalValue>
  /** Categories asked for that the purpose may not use (data minimisation). */
  readonly withheld: readonly string[]
}

export class Gate {
  readonly #vault: Vault
  readonly #audit: AuditLog
  readonly #policy: () => Policy
  readonly #now: () => Date
  readonly #consent: ConsentStore

  constructor(options: { vault: Vault; audit: AuditLog; policy: () => Policy; consent: ConsentStore; now?: () => Date }) {
    this.#consent = options.consent
    this.#vault = options.vault
    this.#audit = options.audit
    this.#policy = options.policy
    this.#now = options.now ?? (() => new Date())
  }

  async #decideAbout(actor: Actor, purposeId: string, operation: Operation, subjectId: string, categories?: readonly string[]) {
    const subject = await this.#vault.state(subjectId)
    const decision: Decision = subject
      ? decide(this.#policy(), { actor, purposeId, operation, subject, ...(categories ? { categories } : {}), now: this.#now() })
      : { allow: false, reason: 'subject_not_visible', message: 'no such subject' }
    return { subject, decision }
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
    input: { type: string; data: PersonalData; externalId?: string | undefined; source?: string | undefined },
    consent?: Omit<ConsentEvidence, 'purpose' | 'granted' | 'obtainedBy' | 'statementVersion'>,
  ): Promise<{ id: string; created: boolean }> {
    const categories = Object.keys(input.data)
    const decision = decide(this.#policy(), { actor, purposeId, operation: 'create', subject: undefined, subjectType: input.type, categories, now: this.#now(), withConsent: consent !== undefined })
    const record = { actorId: actor.id, action: 'subject.create', purpose: purposeId, categories }
    if (!decision.allow) {
      await this.#audit.append({ ...record, subjectId: null, decision: 'deny', reason: decision.reason })
      throw this.#denied(decision)
    }
    if (input.externalId) {
      const existing = await this.#vault.findByExternalId(actor.tenantId, input.externalId)
      if (existing) {
        await this.#audit.append({ ...record, subjectId: existing, decision: 'allow', reason: 'existing_external_id' })
        return { id: existing, created: false }
      }
    }
    const id = uuidv7()
    const grant = mintGrant({ subjectId: id, purpose: purposeId, actorId: actor.id, categories: decision.categories, tenantId: actor.tenantId })
    const purpose = this.#policy().purpose(purposeId)!
    const created = await this.#vault.create(
      grant,
      { id, type: input.type, tenantId: actor.tenantId, externalId: input.externalId ?? null, source: input.source ?? null, createdBy: actor.id, data: input.data, events: purpose.createEvents },
      purposeId,
    )
    if (!created && input.externalId) {
      // Another request created it between our lookup and insert: answer with theirs.
      const existing = await this.#vault.findByExternalId(actor.tenantId, input.externalId)
      if (existing) {
        await this.#audit.append({ ...record, subjectId: existing, decision: 'allow', reason: 'existing_external_id' })
        return { id: existing, created: false }
      }
    }
    if (consent) await this.#recordEvidence(actor, id, { ...consent, purpose: purposeId, granted: true })
    await this.#audit.append({ ...record, subjectId: id, decision: 'allow', reason: null })
    return { id, created: true }
  }

  async #recordEvidence(actor: Actor, subjectId: string, evidence: Omit<ConsentEvidence, 'obtainedBy' | 'statementVersion'>): Promise<void> {
    await this.#consent.record(subjectId, { ...evidence, obtainedBy: actor.id, statementVersion: this.#consent.statementVersion() })
    await this.#audit.append({ actorId: actor.id, action: 'consent.record', subjectId, purpose: evidence.purpose, categories: [], decision: null, reason: evidence.granted ? 'given' : 'withdrawn' })
  }

  /** The subject as the actor may see it for consent work: its tenant, and a purpose covering it. */
  async #visible(actor: Actor, subjectId: string, action: string, purposeId: string | null) {
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

  /** Withdrawal by the person themselves (unsubscribe link, privacy center): no key, same effect. */
  async withdrawConsent(actor: Actor, subjectId: string, purposeId: string, evidence: { text: string; channel: string; lang: string; act: string }): Promise<void> {
    await this.#recordEvidence(actor, subjectId, { ...evidence, purpose: purposeId, granted: false })
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
   * Whether people of this type may be created under this purpose at all, before any row is read
   * (an import refuses a whole file at once). A refusal is audited like any other.
   */
  async precheckCreate(actor: Actor, purposeId: string, subjectType: string): Promise<{ allowed: true } | { allowed: false; reason: string; message: string }> {
    const decision = decide(this.#policy(), { actor, purposeId, operation: 'create', subject: undefined, subjectType, categories: [], now: this.#now() })
    if (decision.allow) return { allowed: true }
    await this.#audit.append({ actorId: actor.id, action: 'subject.create', subjectId: null, purpose: purposeId, categories: [], decision: 'deny', reason: decision.reason })
    return { allowed: false, reason: decision.reason, message: decision.message }
  }

  /**
   * Bulk creation (import): one decision per row, one transaction and one audit batch for all.
   * Returns per row the subject id, or the refusal; never throws for a single bad row.
   */
  async createMany(
    actor: Actor,
    purposeId: string,
    rows: readonly { type: string; data: PersonalData; externalId: string; source?: string | undefined }[],
  ): Promise<({ ok: true; id: string; created: boolean } | { ok: false; reason: string; message: string })[]> {
    const policy = this.#policy()
    const purpose = policy.purpose(purposeId)
    const now = this.#now()
    const results: ({ ok: true; id: string; created: boolean } | { ok: false; reason: string; message: string })[] = []
    const items: { grant: ReturnType<typeof mintGrant>; subject: Parameters<Vault['createMany']>[0][number]['subject']; index: number }[] = []
    const records: AuditRecord[] = []
    for (const [index, row] of rows.entries()) {
      const categories = Object.keys(row.data)
      const decision = decide(policy, { actor, purposeId, operation: 'create', subject: undefined, subjectType: row.type, categories, now })
      if (!decision.allow) {
        results[index] = { ok: false, reason: decision.reason, message: decision.message }
        records.push({ actorId: actor.id, action: 'subject.create', subjectId: null, purpose: purposeId, categories, decision: 'deny', reason: decision.reason })
        continue
      }
      const id = uuidv7()
      const grant = mintGrant({ subjectId: id, purpose: purposeId, actorId: actor.id, categories: decision.categories, tenantId: actor.tenantId })
      items.push({ grant, index, subject: { id, type: row.type, tenantId: actor.tenantId, externalId: row.externalId, source: row.source ?? null, createdBy: actor.id, data: row.data, events: purpose?.createEvents ?? [] } })
    }
    const outcome = await this.#vault.createMany(items, purposeId)
    const created = new Set(outcome.created)
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
    }
    if (records.length) await this.#audit.appendMany(records)
    return results
  }

  async read(actor: Actor, purposeId: string, subjectId: string, categories?: readonly string[]): Promise<ReadResult> {
    const { subject, decision } = await this.#decideAbout(actor, purposeId, 'read', subjectId, categories)
    const base = { actorId: actor.id, action: 'subject.read', subjectId: subject ? subjectId : null, purpose: purposeId }
    if (!decision.allow) {
      await this.#audit.append({ ...base, categories: categories ?? [], decision: 'deny', reason: decision.reason })
      throw this.#denied(decision)
    }
    const grant = mintGrant({ subjectId, purpose: purposeId, actorId: actor.id, categories: decision.categories, tenantId: actor.tenantId })
    // The audit entry and the read run together; the answer leaves only after both are done.
    const [data] = await Promise.all([
      this.#vault.read(grant),
      this.#audit.append({ ...base, categories: decision.categories, decision: 'allow', reason: null }),
    ])
    if (actor.recipientId) {
      await this.#vault.recordDisclosure(subjectId, actor.recipientId, purposeId, Object.keys(data), actor.id)
    }
    return { id: subjectId, type: subject!.type, data, withheld: decision.withheld }
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
    const written = await this.#vault.write(grant, data, purposeId)
    await this.#audit.append({ ...base, decision: 'allow', reason: null })
    return { categories: written }
  }

  /** Finds subjects by e-mail or phone (blind index), keeping only those the purpose may see. */
  async search(actor: Actor, purposeId: string, kind: BlindIndexKind, value: string): Promise<{ id: string; type: string }[]> {
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

  /**
   * Everything held about a person, for answering their request (access, portability): every
   * record decrypted under the built-in purpose data_subject_request, and the facts around them.
   */
  async dossier(actor: Actor, subjectId: string): Promise<Dossier> {
    const allowed = await this.#allowed(actor, REQUEST_PURPOSE, 'read', subjectId, 'request.export')
    const facts = (await this.#vault.facts(subjectId))!
    const categories = allowed.categories.filter((c) => facts.categories.includes(c))
    const grant = mintGrant({ subjectId, purpose: REQUEST_PURPOSE, actorId: actor.id, categories, tenantId: actor.tenantId })
    const [records, consents, uses] = await Promise.all([this.#vault.records(grant), this.#consent.history(subjectId), this.#audit.usesOf ? this.#audit.usesOf(subjectId) : Promise.resolve([])])
    await this.#audit.append({ actorId: actor.id, action: 'request.export', subjectId, purpose: REQUEST_PURPOSE, categories, decision: 'allow', reason: null })
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

  /** The ids of the person's categories and recipients, without values (erasure, Art. 19). */
  async factsFor(actor: Actor, subjectId: string): Promise<SubjectFacts> {
    await this.#allowed(actor, REQUEST_PURPOSE, 'search', subjectId, 'request.facts')
    return (await this.#vault.facts(subjectId))!
  }

  /** Art. 18: restricts the person's data (only storage and legal claims), or lifts the restriction. */
  async setRestriction(actor: Actor, subjectId: string, ground: string | null): Promise<void> {
    const action = ground === null ? 'subject.restriction.lift' : 'subject.restrict'
    await this.#allowed(actor, REQUEST_PURPOSE, 'write', subjectId, action, [])
    await this.#vault.setRestriction(subjectId, ground)
    await this.#audit.append({ actorId: actor.id, action, subjectId, purpose: REQUEST_PURPOSE, categories: [], decision: 'allow', reason: ground })
  }

  /** Art. 21: records an objection to a purpose (pending a decision, upheld, or rejected on compelling grounds). */
  async setObjection(actor: Actor, subjectId: string, purposeId: string, status: 'pending' | 'upheld' | 'rejected'): Promise<void> {
    await this.#allowed(actor, REQUEST_PURPOSE, 'write', subjectId, 'subject.objection', [], purposeId)
    await this.#vault.setObjection(subjectId, purposeId, status)
    await this.#audit.append({ actorId: actor.id, action: 'subject.objection', subjectId, purpose: purposeId, categories: [], decision: 'allow', reason: status })
  }

  /**
   * Who may place, list or release a legal hold: a person the actor can see, under a legal-claims
   * purpose the actor may use for that person's type. A refusal is audited under `action`.
   */
  async legalClaimsAccess(actor: Actor, subjectId: string, action: string): Promise<{ subject: SubjectState; purposes: Purpose[] }> {
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
  async authorizeRequestHandling(actor: Actor, access: RequestAccess, request?: { readonly id: string; readonly tenantId: string | null }): Promise<void> {
    const decision = decideRequestHandling(actor, access, request?.tenantId)
    if (decision.allow) return
    await this.#audit.append({ actorId: actor.id, action: `request.${access}`, subjectId: null, purpose: REQUEST_PURPOSE, categories: [], decision: 'deny', reason: request ? `request:${request.id}:${decision.reason}` : decision.reason })
    throw new GateDenied(decision.reason, decision.message)
  }

  /** Records a lifecycle event. The actor must be able to see the subject under one of its purposes. */
  async recordEvent(actor: Actor, subjectId: string, event: string, occurredAt: Date): Promise<{ id: string }> {
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
    const id = await this.#vault.recordEvent(subjectId, event, occurredAt, actor.id)
    await this.#audit.append({ ...base, decision: 'allow', reason: `event:${event}` })
    return { id }
  }

  /**
   * Erases a person (Art. 17) by crypto-shredding: plans per category what a legal duty or a legal
   * hold still requires (src/retention/erasure-plan.ts), shreds in one transaction (the vault),
   * audits what was erased (`subject.erase`, reason code) and what was kept (`subject.erase.retain`,
   * per purpose), then purges the unreadable records. Erasing an erased person changes nothing and
   * answers with what is kept. The purpose is the built-in `data_subject_request` unless given.
   */
  async erase(actor: Actor, subjectId: string, options: { reasonCode: string; now?: Date; purpose?: string }): Promise<ErasureOutcome> {
    const purposeId = options.purpose ?? 'data_subject_request'
    if (!/^[a-z0-9_.:-]{1,64}$/.test(options.reasonCode)) throw new TypeError('reasonCode must be a short code such as request or consent_withdrawn')
    const now = options.now ?? this.#now()
    const subject = await this.#vault.state(subjectId)
    const base = { actorId: actor.id, action: 'subject.erase', subjectId: subject ? subjectId : null, purpose: purposeId }
    if (!subject || subject.tenantId !== actor.tenantId) {
      await this.#audit.append({ ...base, categories: [], decision: 'deny', reason: 'subject_not_visible' })
      throw new GateDenied('subject_not_found', 'no subject with this id')
    }
    if (!actor.purposes.has(purposeId)) {
      await this.#audit.append({ ...base, categories: [], decision: 'deny', reason: 'purpose_not_allowed_for_actor' })
      throw new GateDenied('purpose_not_allowed_for_actor', `${actor.name} may not erase people (purpose ${purposeId})`)
    }
    if (subject.erased) {
      const kept = await this.#vault.retained(subjectId)
      await this.#audit.append({ ...base, categories: [], decision: 'allow', reason: 'already_erased' })
      const plan: ErasurePlan = { subjectId, erased: [], kept }
      return { subjectId, alreadyErased: true, plan, confirmation: confirmationOf(plan), keptRecords: 0, purgedRecords: await this.#vault.purgeShredded(subjectId), timings: undefined }
    }
    const facts = await this.#vault.erasureFacts(subjectId)
    const plan = planErasure({ policy: this.#policy(), subject, categories: facts.categories, holds: facts.holds, now })
    const grant = mintGrant({ subjectId, purpose: purposeId, actorId: actor.id, categories: facts.categories, tenantId: actor.tenantId })
    const result = await this.#vault.erase(grant, plan, now)
    const retained = new Map<string, { purpose: string; reason: string; categories: string[] }>()
    for (const k of plan.kept) {
      const entry = retained.get(`${k.purpose}|${k.reason}`) ?? { purpose: k.purpose, reason: k.reason, categories: [] }
      entry.categories.push(k.category)
      retained.set(`${k.purpose}|${k.reason}`, entry)
    }
    await this.#audit.appendMany([
      { ...base, categories: [...plan.erased], decision: 'allow', reason: result.alreadyErased ? 'already_erased' : options.reasonCode },
      ...(result.alreadyErased ? [] : [...retained.values()].map((r) => ({ actorId: actor.id, action: 'subject.erase.retain', subjectId, purpose: r.purpose, categories: r.categories, decision: null, reason: r.reason }))),
    ])
    const purgedRecords = await this.#vault.purgeShredded(subjectId)
    return { subjectId, alreadyErased: result.alreadyErased, plan, confirmation: confirmationOf(plan), keptRecords: result.keptRecords, purgedRecords, timings: result.timings }
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
