// Carries out a verified request: finds whose data the address is, routes a customer's people to
// that customer (REQ-PR-01), and does each right's whole job through the gate. Runs as a job: it is
// idempotent (every step checks the request's state first), so a retry after a crash finishes the
// work instead of doing it twice.
import type { Policy } from '../policy/policy.ts'
import type { Language } from '../policy/schema.ts'
import { GateDenied, type Gate } from '../gate/gate.ts'
import type { Vault } from '../vault/vault.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { Actor } from '../gate/actor.ts'
import { AppError } from '../util/app-error.ts'
import { accessExportFiles, collect, zipStream, type ExportFile } from './access-export.ts'
import { pushCovered } from './push-transfer.ts'
import { buildPortabilityExport, pushPortability, PORTABILITY_SCHEMA, type SafePost } from './portability.ts'
import { EXPORT_DAYS, type RequestRow, type RequestService } from './service.ts'
import type { KeptItem, RequestOutcome, RequestType } from './types.ts'
import type { Dossier } from './dossier.ts'
import { dateInZone } from '../util/dates.ts'

/** Sends an event to a customer (tenant:<id>) or a recipient (recipient:<id>): signed webhook, retried. */
export type Notify = (owner: string, event: string, payload: Record<string, unknown>) => Promise<unknown>

export interface FulfilmentDeps {
  readonly service: RequestService
  readonly gate: Gate
  readonly vault: Vault
  readonly mailer: Mailer
  readonly policy: () => Policy
  readonly now: () => Date
  readonly notify: Notify
  readonly safePost?: SafePost
  readonly allowPrivateTargets?: boolean
}

const SYSTEM = 'system:requests'

export class Fulfilment {
  readonly #d: FulfilmentDeps
  readonly #actor: Actor

  constructor(deps: FulfilmentDeps) {
    this.#d = deps
    this.#actor = deps.gate.systemActor('requests')
  }

  /** The job: runs whatever is left to do for a verified request. Safe to run more than once. */
  async run(requestId: string): Promise<void> {
    let row = await this.#d.service.row(requestId)
    if (!row) return
    if (row.status === 'verified') row = await this.#match(row)
    if (row.status !== 'in_progress') return
    if (row.paused_on) return // waiting for information the person was asked for
    if (row.outcome !== null && row.outcome !== undefined) return // done; waiting for a staff decision (objection grounds)
    await this.#carryOut(row)
  }

  /** Whose data is it? Nobody's, a customer's (routed), or the controller's (in progress). */
  async #match(row: RequestRow): Promise<RequestRow> {
    const service = this.#d.service
    const found = await this.#d.gate.matchRequester(this.#actor, service.sealedRequester(row))
    const own = found.filter((f) => f.tenantId === null).map((f) => f.id)
    const tenants = [...new Set(found.filter((f) => f.tenantId !== null).map((f) => f.tenantId!))]
    if (own.length === 0 && tenants.length === 0) {
      const done = await service.move(row, 'completed', 'no_data', SYSTEM, { outcome: JSON.stringify({ kind: 'no_data' } satisfies RequestOutcome) })
      await service.mail(done, { kind: 'no_data', type: row.type as RequestType, statusUrl: service.statusUrl(row.id, row.lang as Language) })
      return done
    }
    if (own.length === 0) {
      // Data held only for customers: their request to answer, not ours (REQ-PR-01). One customer
      // gets the request; with several, each gets a copy of the routing event.
      const routed = await service.move(row, 'waiting_on_controller', `routed:${tenants.join(',')}`, SYSTEM, {
        tenant_id: tenants[0]!,
        subject_ids: JSON.stringify(found.map((f) => f.id)),
        routed_at: this.#d.now(),
        outcome: JSON.stringify({ kind: 'routed_to_customer' } satisfies RequestOutcome),
      })
      for (const tenant of tenants) {
        const subjects = found.filter((f) => f.tenantId === tenant).map((f) => f.id)
        await this.#d.notify(`tenant:${tenant}`, 'request.routed', { requestId: row.id, type: row.type, receivedAt: new Date(row.received_at).toISOString(), dueAt: row.due_on, subjectIds: subjects })
      }
      await service.mail(routed, { kind: 'routed_to_customer', type: row.type as RequestType })
      return routed
    }
    // The address is also in customers' data: each customer hears of the request for its part.
    for (const tenant of tenants) {
      const subjects = found.filter((f) => f.tenantId === tenant).map((f) => f.id)
      await this.#d.notify(`tenant:${tenant}`, 'request.forwarded', { requestId: row.id, type: row.type, receivedAt: new Date(row.received_at).toISOString(), dueAt: row.due_on, subjectIds: subjects })
    }
    const matched = await service.move(row, 'in_progress', tenants.length ? `matched:forwarded:${tenants.join(',')}` : 'matched', SYSTEM, { subject_ids: JSON.stringify(own) })
    await this.#language(matched, own)
    return matched
  }

  /**
   * The request's language becomes the language the controller's people it matched are written to
   * in: the privacy center's form (channel web) is the person's own choice and replaces the one
   * stored; a request by another channel sets it only when none is. Not for an erasure, which
   * clears it right after. A person the gate refuses (erased meanwhile) is left as is: the refusal
   * is audited, and the request's own work goes on.
   */
  async #language(row: RequestRow, subjectIds: readonly string[]): Promise<void> {
    if (row.type === 'erasure') return
    const own = row.channel === 'web'
    for (const subjectId of subjectIds) {
      try {
        await this.#d.gate.setRequestLanguage(this.#actor, row.id, subjectId, row.lang as Language, { via: own ? 'request_form' : 'request', onlyIfNone: !own })
      } catch (err) {
        if (!(err instanceof GateDenied)) throw err
      }
    }
  }

  async #carryOut(row: RequestRow): Promise<void> {
    switch (row.type as RequestType) {
      case 'access':
      case 'portability':
        return this.#exportReady(row)
      case 'erasure':
        return this.#erase(row)
      case 'restriction':
        return this.#restrict(row)
      case 'objection':
        return this.#object(row)
      case 'withdraw_consent':
        return this.#withdraw(row)
      case 'rectification':
        return // staff enter the corrected values (POST …/rectify): the person's words need reading
    }
  }

  async #exportReady(row: RequestRow): Promise<void> {
    const service = this.#d.service
    if (row.type === 'portability' && row.push_state === 'pending') return // waits for staff to confirm the push
    const kind = row.type === 'access' ? 'access_ready' : 'portability_ready'
    const expires = new Date(this.#d.now().getTime() + EXPORT_DAYS * 86_400_000)
    const done = await service.move(row, 'completed', kind, SYSTEM, { outcome: JSON.stringify({ kind } as RequestOutcome), export_expires_at: expires })
    await service.mail(done, { kind: 'export_ready', type: row.type as 'access' | 'portability', statusUrl: service.statusUrl(row.id, row.lang as Language), expiresAt: dateInZone(expires, this.#d.policy().controller.timeZone) })
  }

  /** The export for the requester's verified session, while it has not expired. */
  async download(requestId: string, session: string): Promise<{ filename: string; contentType: string; body: Buffer }> {
    const row = await this.#d.service.sessionRow(requestId, session)
    if (!this.#d.service.viewOf(row).download) throw new AppError(409, 'no_export', row.status === 'completed' ? 'the download has expired: file a new request' : 'the export is not ready yet')
    return this.export(row)
  }

  /** The export file, built now through the gate (audited), never stored. */
  async export(row: RequestRow, actor: Actor = this.#actor): Promise<{ filename: string; contentType: string; body: Buffer }> {
    const dossiers = await this.#dossiers(row, actor)
    const policy = this.#d.policy()
    const lang = row.lang as Language
    const options = { lang, requestId: row.id, receivedAt: new Date(row.received_at), generatedAt: this.#d.now() }
    const files = (d: Dossier): ExportFile[] => {
      if (row.type !== 'portability') return accessExportFiles(policy, d, options)
      const p = buildPortabilityExport(policy, d, { generatedAt: this.#d.now() })
      return [
        { name: 'data.json', content: p.json },
        { name: 'data.csv', content: p.csv },
        { name: 'schema.json', content: `${JSON.stringify(PORTABILITY_SCHEMA, null, 2)}\n` },
      ]
    }
    const stem = row.type === 'portability' ? 'portability' : 'my-data'
    // One address may be several records of the person (customer and subscriber): a folder each.
    const all = dossiers.length === 1 ? files(dossiers[0]!) : dossiers.flatMap((d, i) => files(d).map((f) => ({ name: `${i + 1}-${d.subjectType}/${f.name}`, content: f.content })))
    return { filename: `${stem}-${row.received_on}.zip`, contentType: 'application/zip', body: await collect(zipStream(all, this.#d.now())) }
  }

  async #dossiers(row: RequestRow, actor: Actor): Promise<Dossier[]> {
    const out: Dossier[] = []
    for (const id of row.subject_ids) {
      try {
        out.push(await this.#d.gate.dossier(actor, row.id, id))
      } catch (err) {
        if ((err as { reason?: string }).reason === 'subject_erased') continue
        throw err
      }
    }
    if (!out.length) throw new AppError(410, 'nothing_to_export', 'the data of this request are no longer held')
    return out
  }

  /** Staff confirmed the push to the other controller (REQ-PO-02): build, send, record. */
  async push(row: RequestRow, actorId: string): Promise<void> {
    const service = this.#d.service
    if (row.push_state === null) throw new AppError(409, 'no_push_requested', 'the person did not ask for their data to be sent to another controller')
    const { pushTo } = await service.requester(this.#actor, row, 'push')
    if (!pushTo) throw new AppError(409, 'no_push_requested', 'the person did not ask for their data to be sent to another controller')
    // Defence in depth (Art. 49(1)(a)): never send to a country without adequacy unless the
    // person's acceptance of the risks is on the row.
    if (!row.push_country) throw new AppError(409, 'push_country_unknown', 'the receiving controller\'s country is not recorded: the push cannot be checked against Art. 44-49')
    if (!pushCovered(row.push_country) && !row.push_risks_accepted_at) {
      throw new AppError(409, 'push_risks_not_accepted', `${row.push_country} is outside the EEA and has no adequacy decision, and the person's acceptance of the risks (Art. 49(1)(a)) is not recorded`)
    }
    if (!this.#d.safePost) throw new AppError(503, 'push_unavailable', 'outgoing pushes are not configured')
    const dossiers = await this.#dossiers(row, this.#actor)
    const policy = this.#d.policy()
    const payload = dossiers.length === 1 ? buildPortabilityExport(policy, dossiers[0]!, { generatedAt: this.#d.now() }).json : JSON.stringify(dossiers.map((d) => JSON.parse(buildPortabilityExport(policy, d, { generatedAt: this.#d.now() }).json) as unknown))
    try {
      await pushPortability(pushTo, payload, { safePost: this.#d.safePost, allowPrivateTargets: this.#d.allowPrivateTargets === true })
    } catch (err) {
      const e = err as { code?: string; message: string }
      throw new AppError(502, `push_${e.code ?? 'failed'}`, e.message)
    }
    const updated = await service.update(row, { push_state: 'sent', push_confirmed_by: actorId }, 'pushed', actorId)
    const kind = 'portability_ready'
    const expires = new Date(this.#d.now().getTime() + EXPORT_DAYS * 86_400_000)
    if (updated.status !== 'completed') {
      const done = await service.move(updated, 'completed', 'pushed', actorId, { outcome: JSON.stringify({ kind, pushed: true } satisfies RequestOutcome), export_expires_at: expires })
      await service.mail(done, { kind: 'export_ready', type: 'portability', statusUrl: service.statusUrl(row.id, row.lang as Language), expiresAt: dateInZone(expires, policy.controller.timeZone) })
    }
  }

  async #erase(row: RequestRow): Promise<void> {
    const service = this.#d.service
    const erased = new Set<string>()
    const kept: KeptItem[] = []
    for (const id of row.subject_ids) {
      // Who received the data, before the record of it goes (Art. 19, REQ-ER-06).
      const recipients = await this.#recipientsOf(this.#actor, row.id, id)
      const outcome = await this.#d.gate.erase(this.#actor, row.id, id, { reasonCode: 'request' })
      for (const c of outcome.confirmation.erased) erased.add(c)
      for (const k of outcome.confirmation.kept) kept.push({ category: k.category, purpose: k.purpose, reason: k.reason, until: k.until ? (typeof k.until === 'string' ? k.until : dateInZone(k.until as Date, this.#d.policy().controller.timeZone)) : null })
      // Also when a previous run was stopped after the shredding: recipients hear of it at least once.
      await this.#notifyRecipients(recipients, 'subject.erased', id, row.id, outcome.confirmation.erased)
    }
    // Mail waiting in the outbox for this address goes too; the suppression hash stays.
    await this.#d.mailer.forgetRecipient(row.email_hash)
    const done = await service.move(row, 'completed', 'erased', SYSTEM, { outcome: JSON.stringify({ kind: 'erased', erased: [...erased].sort(), kept } satisfies RequestOutcome) })
    await service.mail(done, { kind: 'erasure_done', erased: [...erased].sort(), kept })
  }

  async #restrict(row: RequestRow): Promise<void> {
    const service = this.#d.service
    for (const id of row.subject_ids) {
      await this.#d.gate.setRestriction(this.#actor, row.id, id, row.details_sealed ? 'requested_with_details' : 'requested')
      await this.#notifyRecipients(await this.#recipientsOf(this.#actor, row.id, id), 'subject.restricted', id, row.id, [])
    }
    const done = await service.move(row, 'completed', 'restricted', SYSTEM, { outcome: JSON.stringify({ kind: 'restricted' } satisfies RequestOutcome) })
    await service.mail(done, { kind: 'restriction_applied' })
  }

  /**
   * Art. 21: direct marketing stops at once, absolutely, and the address goes on the suppression
   * list; other legitimate-interest purposes are restricted pending a staff decision.
   */
  async #object(row: RequestRow): Promise<void> {
    const service = this.#d.service
    const policy = this.#d.policy()
    const upheld = new Set<string>()
    const pending = new Set<string>()
    for (const id of row.subject_ids) {
      const facts = await this.#d.gate.factsFor(this.#actor, row.id, id)
      for (const purpose of policy.purposes) {
        if (!purpose.subjectTypes.includes(facts.type)) continue
        const basis = purpose.basis[facts.type]
        if (purpose.directMarketing) {
          await this.#d.gate.setObjection(this.#actor, row.id, id, purpose.id, 'upheld')
          upheld.add(purpose.id)
        } else if (basis === 'legitimate_interests' || basis === 'public_task') {
          if (purpose.legalClaims) continue // defence of legal claims: Art. 21(1) itself keeps it
          await this.#d.gate.setObjection(this.#actor, row.id, id, purpose.id, 'pending')
          pending.add(purpose.id)
        }
      }
    }
    if (upheld.size) await this.#d.vault.suppress(row.email_hash, 'objection')
    const outcome = { kind: 'objection', upheld: [...upheld].sort(), pending: [...pending].sort() } satisfies RequestOutcome
    const updated = pending.size ? await service.update(row, { outcome: JSON.stringify(outcome) }, 'objection_recorded', SYSTEM) : await service.move(row, 'completed', 'objection_upheld', SYSTEM, { outcome: JSON.stringify(outcome) })
    await service.mail(updated, { kind: 'objection_recorded', upheld: outcome.upheld, pending: outcome.pending })
  }

  /** Staff decide a pending objection: upheld stops the purpose; rejected needs compelling grounds. */
  async decideObjection(actor: Actor, row: RequestRow, purposeId: string, upheld: boolean, grounds: string): Promise<RequestRow> {
    const service = this.#d.service
    const outcome = row.outcome as { kind: string; upheld: string[]; pending: string[] } | null
    if (row.type !== 'objection' || !outcome || outcome.kind !== 'objection' || !outcome.pending.includes(purposeId)) {
      throw new AppError(409, 'no_pending_objection', `this request has no pending objection to ${purposeId}`)
    }
    if (!upheld && grounds.trim().length < 20) throw new AppError(400, 'grounds_required', 'rejecting an objection needs compelling legitimate grounds, documented for this person (Art. 21(1)): write them down')
    for (const id of row.subject_ids) await this.#d.gate.setObjection(this.#actor, row.id, id, purposeId, upheld ? 'upheld' : 'rejected')
    const next = { kind: 'objection' as const, upheld: upheld ? [...outcome.upheld, purposeId].sort() : outcome.upheld, pending: outcome.pending.filter((p) => p !== purposeId) }
    let updated = await service.update(row, { outcome: JSON.stringify(next) }, `objection_${upheld ? 'upheld' : 'rejected'}:${purposeId}`, actor.id)
    await service.mail(updated, { kind: 'objection_decided', purpose: purposeId, upheld, grounds: upheld ? '' : grounds })
    if (next.pending.length === 0) updated = await service.move(updated, 'completed', 'objections_decided', actor.id)
    return updated
  }

  async #withdraw(row: RequestRow): Promise<void> {
    const service = this.#d.service
    const withdrawn = new Set<string>()
    for (const id of row.subject_ids) {
      const purposes = await this.#d.gate.withdrawConsents(this.#actor, row.id, id, { text: `withdrawal by data-subject request ${row.id}`, channel: 'privacy_center', lang: row.lang, act: 'request' })
      for (const purpose of purposes) withdrawn.add(purpose)
    }
    const done = await service.move(row, 'completed', 'consent_withdrawn', SYSTEM, { outcome: JSON.stringify({ kind: 'consent_withdrawn', purposes: [...withdrawn].sort() } satisfies RequestOutcome) })
    await service.mail(done, { kind: 'consent_withdrawn', purposes: [...withdrawn].sort() })
  }

  /** Staff enter the corrected values; the gate writes them and the recipients hear of it (Art. 16, 19). */
  async rectify(actor: Actor, row: RequestRow, subjectId: string, data: Record<string, string | number | boolean>): Promise<RequestRow> {
    const service = this.#d.service
    if (row.type !== 'rectification') throw new AppError(409, 'not_a_rectification', 'this request is not a rectification request')
    if (!row.subject_ids.includes(subjectId)) throw new AppError(404, 'subject_not_in_request', 'this subject is not one this request is about')
    if (row.status !== 'in_progress' && row.status !== 'waiting_on_controller') throw new AppError(409, 'invalid_transition', `a request that is ${row.status.replace(/_/g, ' ')} cannot be fulfilled`)
    const { categories } = await this.#d.gate.rectify(actor, row.id, subjectId, data)
    await this.#notifyRecipients(await this.#recipientsOf(actor, row.id, subjectId), 'subject.rectified', subjectId, row.id, categories)
    const done = await service.move(row, 'completed', 'rectified', actor.id, { outcome: JSON.stringify({ kind: 'rectified', categories } satisfies RequestOutcome) })
    await service.mail(done, { kind: 'rectification_done', categories })
    return done
  }

  /**
   * A customer (or staff) carries out one step for one of the request's people: erase or restrict,
   * through the gate as that actor, with the person's recipients told (Art. 19).
   */
  async fulfilFor(actor: Actor, row: RequestRow, action: 'erase' | 'restrict', subjectId: string, ground?: string): Promise<{ erased: readonly string[]; kept: readonly unknown[] } | { restricted: true }> {
    if (!row.subject_ids.includes(subjectId)) throw new AppError(404, 'subject_not_in_request', 'this subject is not one this request is about')
    const recipients = await this.#recipientsOf(actor, row.id, subjectId)
    if (action === 'erase') {
      const outcome = await this.#d.gate.erase(actor, row.id, subjectId, { reasonCode: 'request' })
      if (!outcome.alreadyErased) await this.#notifyRecipients(recipients, 'subject.erased', subjectId, row.id, outcome.confirmation.erased)
      // Mail still waiting in the outbox for the requester goes too, as for the controller's erasure.
      await this.#d.mailer.forgetRecipient(row.email_hash)
      await this.#d.service.update(row, {}, 'fulfilled:erase', actor.id)
      return { erased: outcome.confirmation.erased, kept: outcome.confirmation.kept }
    }
    // The Art. 18(1) ground, when staff recorded it; 'requested' (no ground) keeps everything.
    await this.#d.gate.setRestriction(actor, row.id, subjectId, ground ?? 'requested')
    await this.#notifyRecipients(recipients, 'subject.restricted', subjectId, row.id, [])
    await this.#d.service.update(row, {}, 'fulfilled:restrict', actor.id)
    return { restricted: true }
  }

  /** Art. 18(3): the person is told before a restriction is lifted; lifting is refused until then. */
  async noticeLift(actor: Actor, row: RequestRow, liftOn: string): Promise<RequestRow> {
    if (row.type !== 'restriction') throw new AppError(409, 'not_a_restriction', 'this request is not a restriction request')
    const updated = await this.#d.service.update(row, { restriction_lift_noticed_at: this.#d.now() }, `restriction_lift_notice:${liftOn}`, actor.id)
    await this.#d.service.mail(updated, { kind: 'restriction_lift_notice', liftOn })
    return updated
  }

  async lift(actor: Actor, row: RequestRow): Promise<void> {
    if (!row.restriction_lift_noticed_at) throw new AppError(409, 'lift_notice_required', 'tell the person before the restriction is lifted (POST …/restriction-lift-notice) (Art. 18(3))')
    for (const id of row.subject_ids) {
      // A customer lifts its own people's restriction; Pledge lifts the controller's.
      const by = row.tenant_id ? actor : this.#actor
      await this.#d.gate.setRestriction(by, row.id, id, null)
      await this.#notifyRecipients(await this.#recipientsOf(by, row.id, id), 'subject.restriction_lifted', id, row.id, [])
    }
    await this.#d.service.update(row, {}, 'restriction_lifted', actor.id)
  }

  /** Who received the person's data (the disclosure log), asked of the gate by the actor at work. */
  async #recipientsOf(actor: Actor, requestId: string, subjectId: string): Promise<string[]> {
    const facts = await this.#d.gate.factsFor(actor, requestId, subjectId)
    return [...new Set(facts.disclosures.map((d) => d.recipientId))]
  }

  /** Art. 19: each recipient that received the data hears of the change, by signed webhook. */
  async #notifyRecipients(recipients: readonly string[], event: string, subjectId: string, requestId: string, categories: readonly string[]): Promise<void> {
    for (const recipient of recipients) await this.#d.notify(`recipient:${recipient}`, event, { subjectId, requestId, categories: [...categories] })
  }
}
