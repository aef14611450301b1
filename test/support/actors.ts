// Actors for tests, made the way a service gets one: a real API key, created and then authenticated
// (the gate refuses actors it did not mint), and requests for gate-level tests that need a grant.
import { randomUUID } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'
import type { Kysely } from 'kysely'
import type { DB } from '../../src/db/schema.ts'
import type { Policy } from '../../src/policy/policy.ts'
import type { Actor } from '../../src/gate/actor.ts'
import type { Runtime } from '../../src/runtime.ts'
import { ApiKeyAuthenticator, createApiKey } from '../../src/gate/api-keys.ts'
import type { RequestRight } from '../../src/gate/request-grant.ts'

export interface KeyOptions {
  readonly tenantId?: string | null
  readonly recipientId?: string | null
}

/** An actor as an API key with these purposes authenticates (a key is created for it). */
export async function keyActor(db: Kysely<DB>, policy: Policy, name: string, purposes: readonly string[], options: KeyOptions = {}): Promise<Actor> {
  const { token } = await createApiKey(db, policy, { name: `${name}-${randomUUID().slice(0, 8)}`, purposes, tenantId: options.tenantId ?? null, recipientId: options.recipientId ?? null })
  const actor = await new ApiKeyAuthenticator(db).authenticate(token)
  if (!actor) throw new Error('the key just created does not authenticate')
  return actor
}

/** The same, over a runtime's database and policy in force. */
export function runtimeKey(runtime: Runtime, name: string, purposes: readonly string[], options: KeyOptions = {}): Promise<Actor> {
  return keyActor(runtime.database.db, runtime.policy(), name, purposes, options)
}

export interface RequestSetup {
  readonly subjectIds: readonly string[]
  /** Default in_progress: verified and matched, its work under way. */
  readonly status?: 'awaiting_verification' | 'verified' | 'in_progress' | 'waiting_on_controller' | 'completed' | 'refused'
  readonly tenantId?: string | null
  /** A reasonable doubt is open (the clock paused for it). */
  readonly doubt?: boolean
  readonly exportExpiresAt?: Date | null
  /** Known dates instead of today (YYYY-MM-DD, and an instant for the closing). */
  readonly receivedOn?: string
  readonly dueOn?: string
  readonly closedAt?: Date | null
  readonly extensionMonths?: number
  readonly extensionReason?: string
  /** An announced fee or refusal. */
  readonly intended?: 'fee' | 'refusal'
  readonly feeCents?: number
}

/**
 * A request row in a chosen state, for tests of the gate's request grants (the request service's
 * own tests file requests through it). Verified unless it is awaiting verification.
 */
export async function seedRequest(runtime: Runtime, type: RequestRight, setup: RequestSetup): Promise<string> {
  const id = randomUUID()
  const status = setup.status ?? 'in_progress'
  const now = new Date()
  const today = now.toISOString().slice(0, 10)
  await runtime.database.db
    .insertInto('dsr_request')
    .values({
      id,
      type,
      status,
      channel: 'web',
      lang: 'en',
      email_hash: `test:${id}`,
      email_sealed: runtime.vault.seal('request', id, `requester-${id.slice(0, 8)}@requests-test.example`),
      details_sealed: null,
      received_at: setup.receivedOn ? new Date(`${setup.receivedOn}T10:00:00Z`) : now,
      received_on: setup.receivedOn ?? today,
      due_on: setup.dueOn ?? today,
      extension_months: setup.extensionMonths ?? 0,
      extension_reason: setup.extensionReason ?? null,
      intended: setup.intended ?? null,
      fee_cents: setup.feeCents ?? null,
      subject_ids: JSON.stringify(setup.subjectIds),
      tenant_id: setup.tenantId ?? null,
      verified_at: status === 'awaiting_verification' ? null : now,
      verification_method: status === 'awaiting_verification' ? null : 'email_code',
      paused_on: setup.doubt ? today : null,
      export_expires_at: setup.exportExpiresAt ?? null,
      closed_at: setup.closedAt !== undefined ? setup.closedAt : status === 'completed' || status === 'refused' ? now : null,
      created_by: 'test',
    })
    .execute()
  await runtime.database.db.insertInto('dsr_event').values({ request_id: id, id: uuidv7(), from_status: null, to_status: status, action: 'seeded', actor_id: 'test' }).execute()
  return id
}

/** An actor for the pure decision functions (decide, decideRequestUse), which take any actor. */
export function plainActor(purposes: readonly string[], options: KeyOptions & { kind?: Actor['kind']; categories?: ReadonlyMap<string, readonly string[]> } = {}): Actor {
  return {
    kind: options.kind ?? 'api_key',
    id: `key:${randomUUID()}`,
    name: 'test actor',
    purposes: new Set(purposes),
    categories: options.categories ?? new Map(),
    capabilities: new Set(),
    tenantId: options.tenantId ?? null,
    recipientId: options.recipientId ?? null,
  }
}
