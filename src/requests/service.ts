// Data-subject requests from intake to answer: filing (any channel), proportionate verification,
// the Art. 12(3) clock, the staff decisions the law leaves to a person (doubt, extension, fee or
// refusal, objection grounds, rectification values, a push to another controller), and the
// requester's own view. Fulfilment of each right lives in ./fulfil.ts.
//
// Enumeration: filing never looks the address up. Every request gets the same answer, the same
// database work and the same mail with a code; only once the requester has proven control of the
// address is it matched against the vault.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { DsrRequestTable } from '../db/schema-requests.ts'
import type { Policy } from '../policy/policy.ts'
import type { Language } from '../policy/schema.ts'
import type { Vault } from '../vault/vault.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { Actor } from '../gate/actor.ts'
import { GateDenied, type Gate } from '../gate/gate.ts'
import { REQUEST_PURPOSE } from '../gate/request-grant.ts'
import type { RequesterUse, SealedRequester } from '../gate/gate.ts'
import { AppError } from '../util/app-error.ts'
import { parsePushCountry, pushCovered, pushRisksHash } from './push-transfer.ts'
import { dateInZone } from '../util/dates.ts'
import { subtractDurationInZone } from '../util/duration.ts'
import { checkExtension, dueDate, pauseDays, remindersDue } from './deadlines.ts'
import { canMove, isOpen } from './states.ts'
import { requestMail } from './mails.ts'
import { isUuid } from '../util/ids.ts'
import { DOUBT_REASONS, type Channel, type DoubtReason, type RequestMail, type RequestOutcome, type RequestStatus, type RequestType, type RequestView } from './types.ts'

export const CODE_MINUTES = 30
/** Wrong codes a request may take in all, across every code it was sent; then it is closed. */
export const CODE_ATTEMPTS = 5
/** New codes a request may get after the first. */
export const CODE_RESENDS = 3
/** How long the session the code starts lasts (the privacy center's cookie lives as long). */
export const SESSION_DAYS = 30
export const EXPORT_DAYS = 14
/** Filings per address per hour, counted in the database so every instance sees them. */
export const FILINGS_PER_ADDRESS_PER_HOUR = 5
/** A same-type request from the same address within this window is flagged as repeated (REQ-TR-10). */
const REPEAT_WINDOW_DAYS = 90
const MAX_DETAILS = 4000
/** How long the requester's address and words are kept after a request is closed: long enough to answer a follow-up or a complaint about it. */

/** Least intrusive first (REQ-ID-03): an identity document only after a lighter means failed. */
export const VERIFICATION_MEANS = ['known_data_question', 'eid_name_only', 'id_document'] as const
export type VerificationMeans = (typeof VERIFICATION_MEANS)[number]

export type RequestRow = Selectable<DsrRequestTable>

export interface FileInput {
  readonly type: RequestType
  readonly email: string
  readonly lang: Language
  readonly details?: string | undefined
  readonly channel: Channel
  /** A hidden token of the form, or an Idempotency-Key: the same one twice gives the same request. */
  readonly formToken?: string | undefined
  /** Staff recording a request received by mail, phone or post: the real date of receipt. */
  readonly receivedAt?: Date | undefined
  /** Another controller's HTTPS endpoint for a portability request (sent after staff confirm). */
  readonly pushTo?: string | undefined
  /** The receiving controller's country (ISO 3166-1 alpha-2), required with pushTo. */
  readonly pushCountry?: string | undefined
  /** The person accepted the risks of a push to a country without adequacy (Art. 49(1)(a)). */
  readonly pushRisksAccepted?: boolean | undefined
}

export interface Filed {
  readonly id: string
  readonly status: RequestStatus
  readonly receivedAt: string
  readonly dueAt: string
}

export interface RequestServiceDeps {
  readonly db: Kysely<DB>
  readonly vault: Vault
  /** Decides who may handle requests (src/gate/request-purpose.ts). */
  readonly gate: Gate
  readonly audit: AuditLog
  readonly mailer: Mailer
  readonly policy: () => Policy
  readonly baseUrl: string
  readonly now: () => Date
  /** Runs fulfilment after verification (a durable job in the server; inline when absent). */
  readonly schedule?: (requestId: string) => Promise<void>
}

export const PUBLIC_ACTOR_ID = 'public:privacy-center'
const SYSTEM_ID = 'system:requests'

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

export class RequestService {
  readonly #d: RequestServiceDeps
  readonly #actor: Actor
  #schedule: (requestId: string) => Promise<void>

  constructor(deps: RequestServiceDeps) {
    this.#d = deps
    this.#actor = deps.gate.systemActor('requests')
    this.#schedule = deps.schedule ?? (async () => {})
  }

  /** Late wiring: the fulfilment runner needs the service, and the service needs to schedule it. */
  setScheduler(schedule: (requestId: string) => Promise<void>): void {
    this.#schedule = schedule
  }

  get db(): Kysely<DB> {
    return this.#d.db
  }

  #today(at = this.#d.now()): string {
    return dateInZone(at, this.#d.policy().controller.timeZone)
  }

  /** Files a request. Same answer, same work and same mail whether or not the address is known. */
  async file(input: FileInput, actor: { id: string } = { id: PUBLIC_ACTOR_ID }): Promise<Filed> {
    const now = this.#d.now()
    const receivedAt = input.receivedAt ?? now
    if (receivedAt.getTime() > now.getTime() + 60_000) throw new AppError(400, 'received_in_future', 'receivedAt cannot be in the future')
    if (input.details && input.details.length > MAX_DETAILS) throw new AppError(400, 'details_too_long', `details may be at most ${MAX_DETAILS} characters`)
    if (input.pushTo !== undefined) {
      if (input.type !== 'portability') throw new AppError(400, 'push_only_for_portability', 'pushTo is only for portability requests')
      let url: URL
      try {
        url = new URL(input.pushTo)
      } catch {
        throw new AppError(400, 'invalid_push_url', 'pushTo must be an https:// address of the other controller')
      }
      if (url.protocol !== 'https:' || url.username || url.password) throw new AppError(400, 'invalid_push_url', 'pushTo must be an https:// address without credentials')
    } else if (input.pushCountry !== undefined || input.pushRisksAccepted !== undefined) {
      throw new AppError(400, 'push_country_without_push', 'pushCountry and pushRisksAccepted go with pushTo only')
    }
    const pushCountry = input.pushTo !== undefined ? parsePushCountry(input.pushCountry) : null
    const risksAccepted = pushCountry !== null && !pushCovered(pushCountry)
    if (risksAccepted && input.pushRisksAccepted !== true) {
      throw new AppError(400, 'push_risks_not_accepted', `${pushCountry} is outside the EEA and has no adequacy decision: the push needs the person's explicit consent after being told of the risks (pushRisksAccepted: true, Art. 49(1)(a))`)
    }
    let emailHash: string
    try {
      emailHash = this.#d.vault.addressHash('email', input.email)
    } catch (err) {
      throw new AppError(400, 'invalid_email', (err as Error).message)
    }
    const submissionKey = input.formToken ? createHash('sha256').update(`${emailHash}|${input.formToken}`).digest('hex') : null
    const db = this.#d.db
    if (submissionKey) {
      const existing = await db.selectFrom('dsr_request').selectAll().where('submission_key', '=', submissionKey).executeTakeFirst()
      if (existing) return this.#filed(existing)
    }
    // One round trip: the same form sent twice without a token (the open, unverified request of
    // the last minutes), the filings of the last hour, and an earlier request of the same type.
    const seen = await sql<{ recent_id: string | null; last_hour: string | number; repeat_id: string | null }>`
      select
        (select id from dsr_request where email_hash = ${emailHash} and type = ${input.type} and status = 'awaiting_verification'
           and received_at > ${new Date(now.getTime() - 10 * 60_000)} order by received_at desc limit 1) as recent_id,
        (select count(*) from dsr_request where email_hash = ${emailHash} and received_at > ${new Date(now.getTime() - 3600_000)}) as last_hour,
        (select id from dsr_request where email_hash = ${emailHash} and type = ${input.type}
           and received_at > ${new Date(now.getTime() - REPEAT_WINDOW_DAYS * 86_400_000)} order by received_at desc limit 1) as repeat_id`.execute(db)
    const { recent_id: recentId, last_hour: lastHour, repeat_id: repeatId } = seen.rows[0]!
    if (recentId && !input.receivedAt && input.channel !== 'api') {
      const recent = await this.#row(recentId)
      if (recent) return this.#filed(recent)
    }
    if (Number(lastHour) >= FILINGS_PER_ADDRESS_PER_HOUR && !input.receivedAt) {
      throw new AppError(429, 'rate_limited', `at most ${FILINGS_PER_ADDRESS_PER_HOUR} requests per address per hour: try again later, or contact ${this.#d.policy().controller.email}`)
    }
    const repeat = repeatId ? { id: repeatId } : undefined
    const id = uuidv4()
    const receivedOn = this.#today(receivedAt)
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const row = await db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('dsr_request')
        .values({
          id,
          type: input.type,
          status: 'awaiting_verification',
          channel: input.channel,
          lang: input.lang,
          email_hash: emailHash,
          email_sealed: this.#d.vault.seal('request', id, input.email),
          details_sealed: input.details || input.pushTo ? this.#d.vault.seal('request', `${id}:details`, JSON.stringify({ details: input.details ?? null, pushTo: input.pushTo ?? null })) : null,
          submission_key: submissionKey,
          received_at: receivedAt,
          received_on: receivedOn,
          due_on: dueDate({ receivedOn, extensionMonths: 0, pausedDays: 0 }),
          repeat_of: repeat?.id ?? null,
          created_by: actor.id,
          push_state: input.pushTo ? 'pending' : null,
          push_country: pushCountry,
          push_risks_accepted_at: risksAccepted ? now : null,
          push_risks_hash: risksAccepted ? pushRisksHash(input.lang) : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await tx.insertInto('dsr_code').values({ request_id: id, digest: this.#codeDigest(id, code), expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000) }).execute()
      await tx.insertInto('dsr_event').values({ request_id: id, id: uuidv7(), from_status: null, to_status: 'awaiting_verification', action: `filed:${input.channel}`, actor_id: actor.id }).execute()
      return inserted
    })
    await this.#audit(actor.id, 'request.filed', id, repeat ? 'repeated' : input.channel)
    if (risksAccepted) await this.#audit(actor.id, 'request.push_risks_accepted', id, `art49_1_a:${pushCountry}`)
    await this.#mail(row, { kind: 'acknowledgement', type: input.type, receivedAt: receivedOn, dueAt: row.due_on, code, verifyUrl: this.#statusUrl(id, input.lang), expiresMinutes: CODE_MINUTES }, input.email)
    return this.#filed(row)
  }

  /**
   * A new code for a request still awaiting verification (the old one stops working). At most
   * CODE_RESENDS per request, and the wrong attempts of the old codes still count: a new code is
   * no new set of guesses. Beyond the cap nothing is sent (the caller's answer stays the same).
   */
  async resendCode(id: string): Promise<void> {
    const row = await this.#row(id)
    if (!row || row.status !== 'awaiting_verification') return
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const renewed = await this.#d.db
      .updateTable('dsr_code')
      .set((eb) => ({ digest: this.#codeDigest(id, code), expires_at: new Date(this.#d.now().getTime() + CODE_MINUTES * 60_000), used_at: null, resends: eb('resends', '+', 1) }))
      .where('request_id', '=', id)
      .where('resends', '<', CODE_RESENDS)
      .where('attempts', '<', CODE_ATTEMPTS)
      .returning('request_id')
      .executeTakeFirst()
    if (!renewed) {
      await this.#audit(SYSTEM_ID, 'request.code_refused', id, 'resend_cap')
      return
    }
    await this.#mail(row, { kind: 'acknowledgement', type: row.type as RequestType, receivedAt: row.received_on, dueAt: row.due_on, code, verifyUrl: this.#statusUrl(id, row.lang as Language), expiresMinutes: CODE_MINUTES })
  }

  /** Checks the one-time code. Single use, expiring, at most CODE_ATTEMPTS tries. */
  async verify(id: string, code: string): Promise<{ session: string; view: RequestView }> {
    if (!/^\d{6}$/.test(code.trim())) throw new AppError(400, 'invalid_code', 'the code is the six digits in the mail we sent you')
    const db = this.#d.db
    const now = this.#d.now()
    const notFound = new AppError(404, 'request_not_found', 'no request with this id')
    const row = await this.#row(id)
    if (!row) throw notFound
    // One atomic step counts the attempt, so parallel guesses cannot get past the limit.
    const counted = await db
      .updateTable('dsr_code')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('request_id', '=', id)
      .where('used_at', 'is', null)
      .returning(['digest', 'expires_at', 'attempts'])
      .executeTakeFirst()
    if (!counted) throw new AppError(409, 'code_used', 'this request is already verified: open it from the device where you entered the code, or file a new one')
    if (counted.attempts > CODE_ATTEMPTS) {
      await this.#lock(row)
      throw new AppError(429, 'too_many_attempts', `the code was entered wrongly ${CODE_ATTEMPTS} times, so this request was closed: file a new one`)
    }
    if (new Date(counted.expires_at).getTime() < now.getTime()) throw new AppError(410, 'code_expired', `the code is valid for ${CODE_MINUTES} minutes; ask for a new code`)
    const expected = Buffer.from(counted.digest)
    const given = this.#codeDigest(id, code.trim())
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      const attemptsLeft = Math.max(0, CODE_ATTEMPTS - counted.attempts)
      // The last wrong try closes the request, whichever address the tries came from.
      if (attemptsLeft === 0) await this.#lock(row)
      throw new AppError(400, 'invalid_code', attemptsLeft === 0 ? `this code is not right, and it was the last try: this request was closed; file a new one` : 'this code is not right: check the six digits in the mail', { attemptsLeft })
    }
    const used = await db.updateTable('dsr_code').set({ used_at: now }).where('request_id', '=', id).where('used_at', 'is', null).returning('request_id').executeTakeFirst()
    if (!used) throw new AppError(409, 'code_used', 'this code has already been used')
    await this.markVerified(row, 'email_code', SYSTEM_ID)
    const session = randomBytes(32).toString('base64url')
    await db.insertInto('dsr_session').values({ digest: sha256(session), request_id: id, expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000) }).execute()
    return { session, view: await this.view(id, session) }
  }

  /**
   * Too many wrong codes: the request is closed for the person's protection (nothing was done with
   * their data), they are told by mail and may file again. Once only.
   */
  async #lock(row: RequestRow): Promise<void> {
    const current = await this.#row(row.id)
    if (!current || current.status !== 'awaiting_verification') return
    let locked: RequestRow
    try {
      locked = await this.move(current, 'refused', 'verification_locked', SYSTEM_ID, { outcome: JSON.stringify({ kind: 'verification_locked' } satisfies RequestOutcome) })
    } catch (err) {
      if (err instanceof AppError && err.code === 'request_changed') return // locked by a parallel try
      throw err
    }
    await this.#mail(locked, { kind: 'verification_locked', attempts: CODE_ATTEMPTS, newRequestUrl: `${this.#d.baseUrl.replace(/\/$/, '')}/privacy-center?lang=${locked.lang}` })
  }

  /** verified: the requester proved control of the address (or staff verified otherwise). */
  async markVerified(row: RequestRow, method: string, by: string): Promise<void> {
    await this.move(row, 'verified', `verified:${method}`, by, { verified_at: this.#d.now(), verification_method: method, verified_by: by })
    await this.#schedule(row.id)
  }

  async #session(id: string, session: string): Promise<RequestRow> {
    const row = await this.#d.db
      .selectFrom('dsr_session as s')
      .innerJoin('dsr_request as r', 'r.id', 's.request_id')
      .selectAll('r')
      .where('s.digest', '=', sha256(session))
      .where('s.request_id', '=', id)
      .where('s.expires_at', '>', this.#d.now())
      .executeTakeFirst()
    if (!row) throw new AppError(401, 'session_required', 'enter the code from the mail first; this page needs the session it starts')
    return row
  }

  /** The request as its verified requester sees it. */
  async view(id: string, session: string): Promise<RequestView> {
    return this.viewOf(await this.#session(id, session))
  }

  viewOf(row: RequestRow): RequestView {
    const outcome = row.outcome as RequestView['outcome'] | null
    const exportable = (outcome?.kind === 'access_ready' || outcome?.kind === 'portability_ready') && row.export_expires_at && new Date(row.export_expires_at) > this.#d.now()
    return {
      id: row.id,
      type: row.type as RequestType,
      status: row.status as RequestStatus,
      lang: row.lang as Language,
      receivedAt: new Date(row.received_at).toISOString(),
      dueAt: row.due_on,
      ...(outcome ? { outcome } : {}),
      ...(exportable ? { download: { url: `/v1/requests/${row.id}/download`, expiresAt: new Date(row.export_expires_at!).toISOString() } } : {}),
    }
  }

  /**
   * The requester chose, on their request's page, the language we write to them in: the request's
   * own mails follow it (recorded on the request), and so do the controller's people it matched —
   * the person's own choice, through the gate (`subject.language`, audited with the request). A
   * person the gate refuses (erased by this request) keeps none. Not for a refused request.
   */
  async changeLanguage(id: string, session: string, lang: Language): Promise<RequestView> {
    let row = await this.#session(id, session)
    if (row.status === 'refused') throw new AppError(409, 'request_closed', 'this request was refused: nothing more is done with it')
    if (row.lang !== lang) row = await this.#update(row, { lang }, 'language', PUBLIC_ACTOR_ID)
    if (row.tenant_id === null) {
      for (const subjectId of row.subject_ids) {
        try {
          await this.#d.gate.setRequestLanguage(this.#actor, id, subjectId, lang, { via: 'privacy_center', onlyIfNone: false })
        } catch (err) {
          if (!(err instanceof GateDenied)) throw err
        }
      }
    }
    return this.viewOf(row)
  }

  /** The session's request row, for the download (checked by the caller for an export). */
  async sessionRow(id: string, session: string): Promise<RequestRow> {
    return this.#session(id, session)
  }

  async row(id: string): Promise<RequestRow | undefined> {
    return this.#row(id)
  }

  async #row(id: string): Promise<RequestRow | undefined> {
    if (!isUuid(id)) return undefined
    return this.#d.db.selectFrom('dsr_request').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** The requester's sealed address and words, as the gate opens them (never opened here). */
  sealedRequester(row: RequestRow): SealedRequester {
    if (row.email_hash === 'forgotten') throw new AppError(410, 'requester_forgotten', `the requester's address was deleted ${this.#d.policy().recordsRetention.requesterDetails} (ISO 8601 duration) after the request closed`)
    return { requestId: row.id, address: row.email_sealed, details: row.details_sealed }
  }

  /** The requester's address and words, opened by the gate for one use (audited there). */
  async requester(actor: Actor, row: RequestRow, use: RequesterUse): Promise<{ email: string; details: string | null; pushTo: string | null }> {
    return this.#d.gate.openRequester(actor, this.sealedRequester(row), use)
  }

  /** Moves a request to another state, checked, recorded and audited. */
  async move(row: RequestRow, to: RequestStatus, action: string, actorId: string, set: Partial<Record<keyof DsrRequestTable, unknown>> = {}): Promise<RequestRow> {
    const from = row.status as RequestStatus
    if (from !== to && !canMove(from, to)) throw new AppError(409, 'invalid_transition', `a request that is ${from.replace(/_/g, ' ')} cannot become ${to.replace(/_/g, ' ')}`)
    const closing = to === 'completed' || to === 'refused'
    const updated = await this.#d.db.transaction().execute(async (tx) => {
      const r = await tx
        .updateTable('dsr_request')
        .set({ ...(set as object), status: to, updated_at: this.#d.now(), ...(closing ? { closed_at: this.#d.now() } : {}) })
        .where('id', '=', row.id)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst()
      if (!r) return undefined
      await tx.insertInto('dsr_event').values({ request_id: row.id, id: uuidv7(), from_status: from, to_status: to, action, actor_id: actorId }).execute()
      return r
    })
    if (!updated) throw new AppError(409, 'request_changed', 'the request changed meanwhile: reload it')
    await this.#audit(actorId, `request.${to}`, row.id, action)
    return updated
  }

  /** Sends a request mail in the request's language to its requester. */
  async mail(row: RequestRow, mail: RequestMail): Promise<void> {
    await this.#mail(row, mail)
  }

  async #mail(row: RequestRow, mail: RequestMail, email?: string): Promise<void> {
    const content = requestMail(this.#d.policy(), row.lang as Language, mail)
    const to = email ?? (await this.requester(this.#actor, row, 'mail')).email
    await this.#d.mailer.send({ to, subject: content.subject, text: content.text, html: content.html, recipientHash: row.email_hash })
    await this.#audit(SYSTEM_ID, 'request.mail', row.id, mail.kind)
  }

  statusUrl(id: string, lang: Language): string {
    return this.#statusUrl(id, lang)
  }

  #statusUrl(id: string, lang: Language): string {
    return `${this.#d.baseUrl.replace(/\/$/, '')}/privacy-center/requests/${id}?lang=${lang}`
  }

  #codeDigest(id: string, code: string): Buffer {
    return this.#d.vault.linkMac(`dsr-code:${code}`, id)
  }

  async #audit(actorId: string, action: string, requestId: string, reason: string | null): Promise<void> {
    await this.#d.audit.append({ actorId, action, subjectId: null, purpose: REQUEST_PURPOSE, categories: [], decision: null, reason: reason ? `request:${requestId}:${reason}` : `request:${requestId}` })
  }

  #filed(row: RequestRow): Filed {
    return { id: row.id, status: row.status as RequestStatus, receivedAt: new Date(row.received_at).toISOString(), dueAt: row.due_on }
  }

  // ----- staff: the decisions the law leaves to a person -----

  /** Requests the actor may handle: the controller's own, or only its tenant's for a customer key. */
  async list(actor: Actor, filter: { status?: RequestStatus | undefined; type?: RequestType | undefined; overdue?: boolean | undefined; flagged?: boolean | undefined; dueBefore?: string | undefined; customer?: string | undefined }): Promise<StaffRequestView[]> {
    await this.#d.gate.authorizeRequestHandling(actor, 'list')
    // The gate allowed the list; the rows are those of the actor's own scope. The controller also
    // keeps sight of what it passed on to one customer (its record of the routing, Art. 28(3)(e));
    // the request itself belongs to that customer and opens only with the customer's key.
    let q = this.#d.db.selectFrom('dsr_request').selectAll().orderBy('due_on').orderBy('received_at').limit(500)
    if (actor.tenantId !== null) q = q.where('tenant_id', '=', actor.tenantId)
    else if (filter.customer) q = q.where('tenant_id', '=', filter.customer).where('routed_at', 'is not', null)
    else q = q.where('tenant_id', 'is', null)
    if (filter.status) q = q.where('status', '=', filter.status)
    if (filter.overdue) q = q.where('closed_at', 'is', null).where('due_on', '<', this.#today())
    if (filter.flagged) q = q.where('repeat_of', 'is not', null)
    if (filter.type) q = q.where('type', '=', filter.type)
    // A calendar date, compared as text: due_on holds YYYY-MM-DD.
    if (filter.dueBefore) q = q.where('due_on', '<', filter.dueBefore)
    const rows = await q.execute()
    return rows.map((r) => this.staffView(r))
  }

  /** The customers the controller passed requests on to (their tenant ids), for the inbox filter. */
  async routedCustomers(actor: Actor): Promise<string[]> {
    await this.#d.gate.authorizeRequestHandling(actor, 'list')
    if (actor.tenantId !== null) return []
    const rows = await this.#d.db.selectFrom('dsr_request').select('tenant_id').distinct().where('routed_at', 'is not', null).where('tenant_id', 'is not', null).orderBy('tenant_id').limit(200).execute()
    return rows.map((r) => r.tenant_id!)
  }

  async staffRow(actor: Actor, id: string): Promise<RequestRow> {
    const row = await this.#row(id)
    if (!row) {
      await this.#d.gate.authorizeRequestHandling(actor, 'list')
      throw new AppError(404, 'request_not_found', 'no request with this id')
    }
    await this.#d.gate.authorizeRequestHandling(actor, 'read', { id: row.id, tenantId: row.tenant_id })
    return row
  }

  /** Staff record a request received by mail, phone or post (the controller only). */
  async record(actor: Actor, input: FileInput, verification: 'code' | 'known_channel'): Promise<Filed> {
    await this.#d.gate.authorizeRequestHandling(actor, 'record')
    const filed = await this.file(input, { id: actor.id })
    if (verification === 'code') return filed
    const row = (await this.#row(filed.id))!
    await this.markVerified(row, `known_channel:${input.channel}`, actor.id)
    return this.#filed((await this.#row(filed.id))!)
  }

  /** The requester's address and words, for the person handling the request; the gate audits the read. */
  async requesterFor(actor: Actor, row: RequestRow): Promise<{ email: string | null; details: string | null; pushTo: string | null }> {
    if (row.email_hash === 'forgotten') return { email: null, details: null, pushTo: null }
    return this.requester(actor, row, 'staff')
  }

  async history(id: string): Promise<{ at: string; from: string | null; to: string; action: string; actor: string }[]> {
    const rows = await this.#d.db.selectFrom('dsr_event').selectAll().where('request_id', '=', id).orderBy('at').orderBy('id').execute()
    return rows.map((e) => ({ at: new Date(e.at).toISOString(), from: e.from_status, to: e.to_status, action: e.action, actor: e.actor_id }))
  }

  staffView(row: RequestRow): StaffRequestView {
    const today = this.#today()
    return {
      ...this.viewOf(row),
      channel: row.channel,
      subjectIds: row.subject_ids,
      tenantId: row.tenant_id,
      repeated: row.repeat_of !== null,
      repeatOf: row.repeat_of,
      overdue: isOpen(row.status as RequestStatus) && row.due_on < today,
      paused: row.paused_on !== null,
      extensionMonths: row.extension_months,
      verification: row.verified_at ? { verified: true, method: row.verification_method, by: row.verified_by, at: new Date(row.verified_at).toISOString() } : { verified: false },
      doubtReason: row.doubt_reason,
      intended: row.intended,
      routedAt: row.routed_at ? new Date(row.routed_at).toISOString() : null,
      pushPending: row.push_state === 'pending',
      pushCountry: row.push_country,
      pushRisksAcceptedAt: row.push_risks_accepted_at ? new Date(row.push_risks_accepted_at).toISOString() : null,
    }
  }

  /**
   * Records a reasonable doubt (a reason code, no free-form bypass) and asks the person for the
   * least intrusive means that can resolve it; the clock stands still until they answer (REQ-ID-02..06).
   */
  async recordDoubt(actor: Actor, id: string, reason: string, means: string): Promise<StaffRequestView> {
    const row = await this.staffRow(actor, id)
    if (!(DOUBT_REASONS as readonly string[]).includes(reason)) throw new AppError(400, 'invalid_doubt_reason', `the reason must be one of ${DOUBT_REASONS.join(', ')}`)
    if (!(VERIFICATION_MEANS as readonly string[]).includes(means)) throw new AppError(400, 'invalid_means', `the means must be one of ${VERIFICATION_MEANS.join(', ')} (least intrusive first)`)
    const tried = (row.doubt_reason ?? '').split(',').filter(Boolean).length
    if (VERIFICATION_MEANS.indexOf(means as VerificationMeans) > tried) {
      throw new AppError(409, 'less_intrusive_means_first', `ask for ${VERIFICATION_MEANS[tried]} first: an identity document only when lighter means could not settle the doubt (REQ-ID-03)`)
    }
    if (!isOpen(row.status as RequestStatus) || row.status === 'awaiting_verification') throw new AppError(409, 'invalid_transition', 'a doubt can be recorded on a verified, open request')
    const updated = await this.#update(row, { doubt_reason: [...(row.doubt_reason ?? '').split(',').filter(Boolean), `${reason}:${means}`].join(','), paused_on: this.#today() }, `doubt:${reason}:${means}`, actor.id)
    await this.#mail(updated, { kind: 'information_needed', reason: reason as DoubtReason, means })
    return this.staffView(updated)
  }

  /**
   * The person answered: identity settled by the means asked. Only {verified, method, by, at} is
   * kept; there is no field for a document, which must be deleted right after (REQ-ID-05).
   */
  async recordIdentityVerified(actor: Actor, id: string, method: string): Promise<StaffRequestView> {
    const row = await this.staffRow(actor, id)
    if (!row.paused_on) throw new AppError(409, 'no_doubt_recorded', 'no additional information was asked for this request')
    if (!(VERIFICATION_MEANS as readonly string[]).includes(method)) throw new AppError(400, 'invalid_means', `the method must be one of ${VERIFICATION_MEANS.join(', ')}`)
    const today = this.#today()
    const paused = row.paused_days + pauseDays(row.received_on, row.paused_on, today)
    const due = dueDate({ receivedOn: row.received_on, extensionMonths: row.extension_months, pausedDays: paused })
    const updated = await this.#update(row, { paused_on: null, paused_days: paused, due_on: due, verification_method: method, verified_by: actor.id, verified_at: this.#d.now() }, `identity_verified:${method}`, actor.id)
    await this.#schedule(id)
    return this.staffView(updated)
  }

  /** Extends the deadline by up to two months, with a reason sent to the person before the first due date. */
  async extend(actor: Actor, id: string, months: number, reason: string): Promise<StaffRequestView> {
    const row = await this.staffRow(actor, id)
    if (!isOpen(row.status as RequestStatus)) throw new AppError(409, 'request_closed', 'the request is closed')
    const check = checkExtension({ receivedOn: row.received_on, extensionMonths: row.extension_months, pausedDays: row.paused_days }, months, reason, this.#today())
    if (!check.ok) throw new AppError(409, check.code, check.message)
    const updated = await this.#update(row, { extension_months: row.extension_months + months, extension_reason: reason, due_on: check.dueOn }, `extended:${months}`, actor.id)
    await this.#mail(updated, { kind: 'extension', newDueAt: check.dueOn, reason })
    return this.staffView(updated)
  }

  /**
   * Announces an intended fee or refusal for a manifestly unfounded or excessive request, with its
   * justification, before anything is charged or refused (REQ-TR-10). The first copy is free.
   */
  async announce(actor: Actor, id: string, kind: 'fee' | 'refusal', justification: string, feeCents?: number): Promise<StaffRequestView> {
    const row = await this.staffRow(actor, id)
    if (!isOpen(row.status as RequestStatus)) throw new AppError(409, 'request_closed', 'the request is closed')
    if (justification.trim().length < 20) throw new AppError(400, 'justification_required', 'record why the request is manifestly unfounded or excessive, with the evidence (at least a sentence): the burden of proof is on the controller')
    if (kind === 'fee') {
      if (!row.repeat_of) throw new AppError(409, 'first_copy_free', 'the first copy is free (Art. 15(3)): a fee is possible only for a repeated request')
      if (!Number.isInteger(feeCents) || feeCents! <= 0 || feeCents! > 100_00) throw new AppError(400, 'invalid_fee', 'the fee is the administrative cost in cents (1 to 10000)')
    }
    const updated = await this.#update(row, { intended: kind, justification, fee_cents: kind === 'fee' ? feeCents! : null, announced_at: this.#d.now() }, `intended_${kind}`, actor.id)
    await this.#mail(updated, kind === 'fee' ? { kind: 'intended_fee', feeCents: feeCents!, justification } : { kind: 'intended_refusal', justification })
    return this.staffView(updated)
  }

  /** Refuses, only after the announcement; tells the person why and of the right to complain (REQ-TR-09). */
  async refuse(actor: Actor, id: string): Promise<StaffRequestView> {
    const row = await this.staffRow(actor, id)
    if (row.intended !== 'refusal' || !row.announced_at || !row.justification) {
      throw new AppError(409, 'refusal_not_announced', 'announce the intended refusal with its justification first (POST …/announce with kind refusal)')
    }
    const updated = await this.move(row, 'refused', 'refused', actor.id, { outcome: JSON.stringify({ kind: 'refused', reason: 'manifestly_unfounded_or_excessive' }) })
    await this.#mail(updated, { kind: 'refused', justification: row.justification })
    return this.staffView(updated)
  }

  async #update(row: RequestRow, set: Partial<Record<keyof DsrRequestTable, unknown>>, action: string, actorId: string): Promise<RequestRow> {
    const updated = await this.#d.db.transaction().execute(async (tx) => {
      const r = await tx.updateTable('dsr_request').set({ ...(set as object), updated_at: this.#d.now() }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow()
      await tx.insertInto('dsr_event').values({ request_id: row.id, id: uuidv7(), from_status: row.status, to_status: row.status, action, actor_id: actorId }).execute()
      return r
    })
    await this.#audit(actorId, 'request.update', row.id, action)
    return updated
  }

  async update(row: RequestRow, set: Partial<Record<keyof DsrRequestTable, unknown>>, action: string, actorId: string): Promise<RequestRow> {
    return this.#update(row, set, action, actorId)
  }

  /** Open requests reaching D+20 or D+27 today, for the staff alert (REQ-TR-07), and those overdue. */
  async dueForReminder(today = this.#today()): Promise<{ reminders: StaffRequestView[]; overdue: StaffRequestView[] }> {
    const open = await this.#d.db.selectFrom('dsr_request').selectAll().where('closed_at', 'is', null).execute()
    return {
      reminders: open.filter((r) => remindersDue(r.received_on, today).length > 0).map((r) => this.staffView(r)),
      overdue: open.filter((r) => r.due_on < today).map((r) => this.staffView(r)),
    }
  }

  /** Sessions and codes that can no longer be used (the daily request round). */
  async sweepExpired(): Promise<void> {
    const now = this.#d.now()
    await this.#d.db.deleteFrom('dsr_session').where('expires_at', '<', now).execute()
    await sql`delete from dsr_code where expires_at < ${new Date(now.getTime() - 86_400_000)}`.execute(this.#d.db)
  }

  /**
   * The address and words of requests closed longer ago than the policy's
   * `recordsRetention.requesterDetails` (default a year), for the retention sweep (REQ-RT-05). The
   * request itself — type, dates, states, who decided what — stays as the record of how it was
   * handled; whom it was from does not.
   */
  async forgetRequesters(): Promise<number> {
    const policy = this.#d.policy()
    const forgetBefore = subtractDurationInZone(this.#d.now(), policy.recordsRetention.requesterDetails, policy.controller.timeZone)
    const forgotten = await this.#d.db
      .updateTable('dsr_request')
      .set({ email_sealed: new Uint8Array(0), details_sealed: null, email_hash: 'forgotten' })
      .where('closed_at', '<', forgetBefore)
      .where('email_hash', '!=', 'forgotten')
      .returning('id')
      .execute()
    for (const r of forgotten) await this.#audit(SYSTEM_ID, 'request.requester_forgotten', r.id, null)
    return forgotten.length
  }

  /**
   * Closed request files older than the policy's `recordsRetention.requestFiles` (default five
   * years after closing, §3.1) go with their events, codes and sessions (REQ-RT-05).
   */
  async pruneClosedFiles(): Promise<number> {
    const policy = this.#d.policy()
    const before = subtractDurationInZone(this.#d.now(), policy.recordsRetention.requestFiles, policy.controller.timeZone)
    const gone = await this.#d.db.deleteFrom('dsr_request').where('closed_at', '<', before).returning('id').execute()
    if (gone.length) await this.#d.audit.append({ actorId: SYSTEM_ID, action: 'request.files_pruned', subjectId: null, purpose: REQUEST_PURPOSE, categories: [], decision: null, reason: `count:${gone.length}` })
    return gone.length
  }
}


export interface StaffRequestView extends RequestView {
  readonly channel: string
  readonly subjectIds: readonly string[]
  readonly tenantId: string | null
  readonly repeated: boolean
  readonly repeatOf: string | null
  readonly overdue: boolean
  readonly paused: boolean
  readonly extensionMonths: number
  readonly verification: { verified: boolean; method?: string | null; by?: string | null; at?: string }
  readonly doubtReason: string | null
  readonly intended: string | null
  readonly routedAt: string | null
  readonly pushPending: boolean
  /** The receiving controller's country the person gave with a push. */
  readonly pushCountry: string | null
  /** When the person accepted the risks of a push outside the EEA without adequacy (Art. 49(1)(a)). */
  readonly pushRisksAcceptedAt: string | null
}
