// Signed webhooks: one endpoint per owner (a customer tenant `tenant:<id>` or a policy recipient
// `recipient:<id>`), events recorded as deliveries and POSTed by a job, signed with the owner's
// secret (see signature.ts), retried with exponential backoff until acknowledged (2xx) or failed
// after the attempt limit. Every attempt goes through safePost (no private targets, no redirects).
//
// Payloads carry event names and ids only, never personal data: a receiver that needs data asks
// for it through the API, with its key, through the gate.
import { randomBytes, randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../db/database.ts'
import type { DB } from '../db/schema.ts'
import type { WebhookDeliveryState, WebhookDeliveryTable } from '../db/schema-jobs.ts'
import type { Logger } from '../log.ts'
import type { Scheduler } from '../jobs/scheduler.ts'
import { checkTargetUrl, safePost, SafePostError } from '../net/safe-post.ts'
import { isUuid } from '../util/ids.ts'
import { signPayload, verifySignature } from './signature.ts'

export const DELIVER_QUEUE = 'webhook.deliver'
export const DELIVERY_STATES: readonly WebhookDeliveryState[] = ['pending', 'delivered', 'failed']

const OWNER = /^(tenant|recipient):[A-Za-z0-9._:@-]{1,128}$/
const EVENT = /^[a-z][a-z0-9_.-]{0,63}$/
const MAX_PAYLOAD_BYTES = 16 * 1024

export type WebhookOwner = string

export class WebhookInputError extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.name = 'WebhookInputError'
    this.code = code
  }
}

export interface WebhookEndpoint {
  readonly owner: WebhookOwner
  readonly url: string
  readonly createdAt: Date
  readonly updatedAt: Date
}

export interface WebhookDelivery {
  readonly id: string
  readonly owner: WebhookOwner
  readonly event: string
  readonly payload: Record<string, unknown>
  readonly state: WebhookDeliveryState
  readonly attempts: number
  readonly maxAttempts: number
  /** The HTTP status of the last attempt, when the receiver answered. */
  readonly lastStatusCode: number | null
  /** The class of the last failure: http_status, timeout, redirect_refused, target_not_allowed, network, no_endpoint. */
  readonly lastError: string | null
  readonly lastAttemptAt: Date | null
  readonly nextAttemptAt: Date | null
  readonly createdAt: Date
  readonly acknowledgedAt: Date | null
  readonly failedAt: Date | null
}

export interface WebhooksOptions {
  readonly database: Database
  readonly scheduler: Scheduler
  /** Seals the signing secrets at rest (the vault's Vault.seal for 'webhook-secret'). */
  readonly secrets: { seal(owner: string, secret: string): Buffer; open(owner: string, sealed: Uint8Array): string }
  readonly logger: Logger
  readonly now?: () => Date
  /** Allow http: and private targets (local development and tests only). */
  readonly allowPrivateTargets?: boolean
  /** Attempts before a delivery is `failed` (default 8). */
  readonly maxAttempts?: number
  /** Delay before the second attempt; doubles each time, capped at 6 hours (default 30 s). */
  readonly retryBaseSeconds?: number
  /** Per attempt (default 10 s). */
  readonly timeoutMs?: number
  /** Extra TLS trust for receivers (tests). */
  readonly ca?: string | Buffer
}

type DeliveryRow = Selectable<WebhookDeliveryTable>

export class Webhooks {
  readonly #db: Kysely<DB>
  readonly #scheduler: Scheduler
  readonly #secrets: WebhooksOptions['secrets']
  readonly #logger: Logger
  readonly #now: () => Date
  readonly #allowPrivate: boolean
  readonly #maxAttempts: number
  readonly #retryBase: number
  readonly #timeoutMs: number
  readonly #ca: string | Buffer | undefined

  constructor(options: WebhooksOptions) {
    this.#db = options.database.db
    this.#scheduler = options.scheduler
    this.#secrets = options.secrets
    this.#logger = options.logger
    this.#now = options.now ?? (() => new Date())
    this.#allowPrivate = options.allowPrivateTargets ?? false
    this.#maxAttempts = options.maxAttempts ?? 8
    this.#retryBase = options.retryBaseSeconds ?? 30
    this.#timeoutMs = options.timeoutMs ?? 10_000
    this.#ca = options.ca
  }

  /** Registers the delivery job. Call once, before the scheduler starts. */
  async init(): Promise<void> {
    // The handler records each attempt itself and enqueues the next one; pg-boss's own retries
    // only cover a crash mid-attempt (the attempt number makes a rerun a no-op once recorded).
    await this.#scheduler.register<{ deliveryId: string; attempt: number }>(DELIVER_QUEUE, (p) => this.attempt(p.deliveryId, p.attempt), {
      retryLimit: 3,
      retryDelaySeconds: 5,
      retryBackoff: true,
      expireInSeconds: Math.max(60, Math.ceil(this.#timeoutMs / 1000) * 3),
    })
  }

  /** Registers or replaces the owner's endpoint; returns the new signing secret (shown once). */
  async setEndpoint(owner: WebhookOwner, url: string): Promise<WebhookEndpoint & { secret: string }> {
    checkOwner(owner)
    let checked: URL
    try {
      checked = checkTargetUrl(url, this.#allowPrivate)
    } catch (err) {
      if (err instanceof SafePostError) throw new WebhookInputError(err.code === 'target_not_allowed' ? 'target_not_allowed' : 'invalid_url', err.message)
      throw err
    }
    if (checked.href.length > 2048) throw new WebhookInputError('invalid_url', 'the URL is longer than 2048 characters')
    const secret = `whsec_${randomBytes(32).toString('base64url')}`
    const at = this.#now()
    const row = await this.#db
      .insertInto('webhook_endpoint')
      .values({ owner, url: checked.href, secret_sealed: this.#secrets.seal(owner, secret), created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('owner').doUpdateSet({ url: checked.href, secret_sealed: this.#secrets.seal(owner, secret), updated_at: at }))
      .returning(['owner', 'url', 'created_at', 'updated_at'])
      .executeTakeFirstOrThrow()
    return { ...endpointOf(row), secret }
  }

  async endpoint(owner: WebhookOwner): Promise<WebhookEndpoint | undefined> {
    const row = await this.#db.selectFrom('webhook_endpoint').select(['owner', 'url', 'created_at', 'updated_at']).where('owner', '=', owner).executeTakeFirst()
    return row ? endpointOf(row) : undefined
  }

  /** The owners with a registered endpoint whose id starts with `prefix` (e.g. `tenant:`). */
  async owners(prefix: string): Promise<WebhookOwner[]> {
    const rows = await this.#db.selectFrom('webhook_endpoint').select('owner').where('owner', 'like', `${prefix.replace(/[%_\\]/g, '\\$&')}%`).orderBy('owner').execute()
    return rows.map((r) => r.owner).filter((o) => o.startsWith(prefix))
  }

  async removeEndpoint(owner: WebhookOwner): Promise<boolean> {
    const result = await this.#db.deleteFrom('webhook_endpoint').where('owner', '=', owner).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  /**
   * Records a delivery of `event` to the owner's endpoint and queues its first attempt. Returns
   * null when the owner has no endpoint (send a mail instead). With `transaction`, the delivery
   * and its job commit with the caller's work, or not at all.
   */
  async send(owner: WebhookOwner, event: string, payload: Record<string, unknown>, options: { transaction?: Kysely<DB> } = {}): Promise<WebhookDelivery | null> {
    checkOwner(owner)
    if (!EVENT.test(event)) throw new WebhookInputError('invalid_event', `event names match ${EVENT}`)
    const json = JSON.stringify(payload)
    if (json === undefined || typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new WebhookInputError('invalid_payload', 'the payload must be a JSON object')
    if (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) throw new WebhookInputError('invalid_payload', `the payload is larger than ${MAX_PAYLOAD_BYTES} bytes`)
    if (/@/.test(json)) throw new WebhookInputError('invalid_payload', 'webhook payloads carry ids and event names only (this one looks like it holds an e-mail address)')
    const run = async (tx: Kysely<DB>) => {
      const endpoint = await tx.selectFrom('webhook_endpoint').select('owner').where('owner', '=', owner).executeTakeFirst()
      if (!endpoint) return null
      const id = randomUUID()
      const row = await tx
        .insertInto('webhook_delivery')
        .values({ id, owner, event, payload: json, max_attempts: this.#maxAttempts, created_at: this.#now(), next_attempt_at: this.#now() })
        .returningAll()
        .executeTakeFirstOrThrow()
      await this.#scheduler.enqueue(DELIVER_QUEUE, { deliveryId: id, attempt: 1 }, { singletonKey: `${id}:1`, transaction: tx })
      return deliveryOf(row)
    }
    return options.transaction ? run(options.transaction) : this.#db.transaction().execute(run)
  }

  /**
   * Whether an inbound call (a mailing provider's events) is signed by the owner with the shared
   * secret of its endpoint (the same Pledge-Timestamp / Pledge-Signature scheme, HMAC-SHA256 over
   * `${timestamp}.${body}`, compared in constant time, within `toleranceSeconds` of now).
   */
  async verifyInbound(owner: WebhookOwner, timestamp: string | undefined, body: string, signature: string | undefined, toleranceSeconds = 300): Promise<boolean> {
    if (!OWNER.test(owner) || timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp) || signature.length > 1024) return false
    const endpoint = await this.#db.selectFrom('webhook_endpoint').select('secret_sealed').where('owner', '=', owner).executeTakeFirst()
    if (!endpoint) return false
    return verifySignature(this.#secrets.open(owner, endpoint.secret_sealed), timestamp, body, signature, { toleranceSeconds, now: this.#now() })
  }

  /** Deliveries that ended (delivered or failed) before `before` go (REQ-RT-05: the policy's `webhookDeliveries`). */
  async pruneDeliveries(before: Date): Promise<number> {
    const gone = await this.#db
      .deleteFrom('webhook_delivery')
      .where('state', '!=', 'pending')
      .where((eb) => eb.or([eb('acknowledged_at', '<', before), eb('failed_at', '<', before)]))
      .executeTakeFirst()
    return Number(gone.numDeletedRows)
  }

  async delivery(id: string): Promise<WebhookDelivery | undefined> {
    if (!isUuid(id)) return undefined
    const row = await this.#db.selectFrom('webhook_delivery').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? deliveryOf(row) : undefined
  }

  /** Each owner and payload of the deliveries of one event since `since` (what was already said). */
  async payloadsSince(event: string, since: Date): Promise<{ owner: string; payload: Record<string, unknown> }[]> {
    const rows = await this.#db.selectFrom('webhook_delivery').select(['owner', 'payload']).where('event', '=', event).where('created_at', '>=', since).execute()
    return rows.map((r) => ({ owner: r.owner, payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown> }))
  }

  /** Deliveries, newest first; `owner` undefined means every owner (the controller's view). */
  async deliveries(filter: { owner?: WebhookOwner; state?: WebhookDeliveryState; limit?: number } = {}): Promise<WebhookDelivery[]> {
    let query = this.#db.selectFrom('webhook_delivery').selectAll()
    if (filter.owner !== undefined) query = query.where('owner', '=', filter.owner)
    if (filter.state !== undefined) query = query.where('state', '=', filter.state)
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(filter.limit ?? 100, 1), 1000))
      .execute()
    return rows.map(deliveryOf)
  }

  deliveriesFor(owner: WebhookOwner, filter: { state?: WebhookDeliveryState; limit?: number } = {}): Promise<WebhookDelivery[]> {
    return this.deliveries({ ...filter, owner })
  }

  /** One attempt of one delivery (the job handler). Idempotent: a recorded attempt is not redone. */
  async attempt(deliveryId: string, attempt: number): Promise<void> {
    const row = await this.#db.selectFrom('webhook_delivery').selectAll().where('id', '=', deliveryId).executeTakeFirst()
    if (!row || row.state !== 'pending' || row.attempts >= attempt) return
    const endpoint = await this.#db.selectFrom('webhook_endpoint').select(['url', 'secret_sealed']).where('owner', '=', row.owner).executeTakeFirst()
    let status: number | null = null
    let failure: string | null = null
    if (!endpoint) failure = 'no_endpoint'
    else {
      const body = JSON.stringify({ id: row.id, event: row.event, createdAt: new Date(row.created_at).toISOString(), data: parsePayload(row.payload) })
      const timestamp = Math.floor(this.#now().getTime() / 1000)
      const secret = this.#secrets.open(row.owner, endpoint.secret_sealed)
      try {
        const response = await safePost(
          endpoint.url,
          body,
          {
            'content-type': 'application/json',
            'pledge-event': row.event,
            'pledge-delivery': row.id,
            'pledge-timestamp': String(timestamp),
            'pledge-signature': signPayload(secret, timestamp, body),
          },
          { timeoutMs: this.#timeoutMs, allowPrivateTargets: this.#allowPrivate, ...(this.#ca ? { ca: this.#ca } : {}) },
        )
        status = response.status
      } catch (err) {
        if (!(err instanceof SafePostError)) throw err
        failure = err.code
        status = err.status ?? null
      }
    }
    const at = this.#now()
    await this.#db.transaction().execute(async (tx) => {
      const base = tx.updateTable('webhook_delivery').where('id', '=', deliveryId).where('state', '=', 'pending').where('attempts', '<', attempt)
      if (failure === null) {
        await base.set({ state: 'delivered', attempts: attempt, last_status_code: status, last_error: null, last_attempt_at: at, acknowledged_at: at, next_attempt_at: null }).execute()
        return
      }
      if (attempt >= row.max_attempts) {
        await base.set({ state: 'failed', attempts: attempt, last_status_code: status, last_error: failure, last_attempt_at: at, failed_at: at, next_attempt_at: null }).execute()
        this.#logger.warn({ webhook: { delivery: deliveryId, owner: row.owner, event: row.event, attempts: attempt, error: failure } }, 'webhook delivery failed for good')
        return
      }
      const next = new Date(at.getTime() + this.backoffSeconds(attempt) * 1000)
      const updated = await base.set({ attempts: attempt, last_status_code: status, last_error: failure, last_attempt_at: at, next_attempt_at: next }).executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 1) {
        await this.#scheduler.enqueue(DELIVER_QUEUE, { deliveryId, attempt: attempt + 1 }, { startAfter: next, singletonKey: `${deliveryId}:${attempt + 1}`, transaction: tx })
      }
    })
  }

  /** Seconds between attempt n and n+1: base · 2^(n-1), at most 6 hours. */
  backoffSeconds(attempt: number): number {
    return Math.min(this.#retryBase * 2 ** (attempt - 1), 6 * 3600)
  }
}

/** The webhook owner an API key acts for, or undefined for the controller's own keys. */
export function ownerOf(actor: { tenantId: string | null; recipientId: string | null }): WebhookOwner | undefined {
  if (actor.tenantId) return `tenant:${actor.tenantId}`
  if (actor.recipientId) return `recipient:${actor.recipientId}`
  return undefined
}

function checkOwner(owner: string): void {
  if (!OWNER.test(owner)) throw new WebhookInputError('invalid_owner', 'a webhook owner is `tenant:<id>` or `recipient:<id>`')
}

function endpointOf(row: { owner: string; url: string; created_at: Date; updated_at: Date }): WebhookEndpoint {
  return { owner: row.owner, url: row.url, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) }
}

function parsePayload(value: unknown): Record<string, unknown> {
  return (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>
}

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v))

function deliveryOf(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    owner: row.owner,
    event: row.event,
    payload: parsePayload(row.payload),
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastAttemptAt: date(row.last_attempt_at),
    nextAttemptAt: date(row.next_attempt_at),
    createdAt: new Date(row.created_at),
    acknowledgedAt: date(row.acknowledged_at),
    failedAt: date(row.failed_at),
  }
}

/** The recipients that have a webhook endpoint (owner `recipient:<id>`), for the ROPA consistency check (REQ-ROPA-04). */
export async function recipientWebhooks(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('webhook_endpoint').select('owner').where('owner', 'like', 'recipient:%').orderBy('owner').execute()
  return rows.map((r) => r.owner.slice('recipient:'.length))
}
