// API keys: random 256-bit tokens, stored only as SHA-256 digests (fast to check, useless if the
// table leaks). A key carries its purposes, its scopes (`intake`: a website backend posting the
// public forms for its visitors), and optionally the tenant it acts for and the recipient it
// represents. Shown once at creation.
import { createHash, randomBytes } from 'node:crypto'
import { REQUEST_PURPOSE } from './request-grant.ts'
import { v7 as uuidv7 } from 'uuid'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Policy } from '../policy/policy.ts'
import { mintActor, type Actor } from './actor.ts'

export const TOKEN_PREFIX = 'pledge_'
/** A key's last use is written at most this often. */
export const LAST_USE_EVERY_MS = 60_000
/** The scope of a company's website backend: it may post the public forms (newsletter, requests). */
export const INTAKE_SCOPE = 'intake'
export const API_KEY_SCOPES = [INTAKE_SCOPE] as const
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

export class ApiKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ApiKeyError'
  }
}

export interface ApiKeyInfo {
  readonly id: string
  readonly name: string
  readonly purposes: readonly string[]
  readonly scopes: readonly string[]
  readonly tenantId: string | null
  readonly recipientId: string | null
  readonly createdAt: string
  readonly revokedAt: string | null
  /** When the key last authenticated (recorded at most once a minute), or null: never used. */
  readonly lastUsedAt: string | null
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

export interface ApiKeyRequest {
  readonly name: string
  readonly purposes: readonly string[]
  readonly scopes?: readonly string[]
  readonly tenantId?: string | null
  readonly recipientId?: string | null
}

export function validateKeyRequest(policy: Policy, input: ApiKeyRequest): void {
  if (!/^[\w .:-]{1,64}$/.test(input.name)) throw new ApiKeyError('--name must be 1-64 letters, digits, spaces, dots, dashes or underscores')
  const scopes = input.scopes ?? []
  const unknownScopes = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s))
  if (unknownScopes.length) throw new ApiKeyError(`unknown scope ${unknownScopes.join(', ')}: the scopes are ${API_KEY_SCOPES.join(', ')}`)
  if (input.purposes.length === 0 && scopes.length === 0) throw new ApiKeyError('--purposes must list at least one purpose of the policy (or give --intake for a website backend that posts the public forms)')
  if (scopes.includes(INTAKE_SCOPE) && (input.tenantId != null || input.recipientId != null)) {
    throw new ApiKeyError('--intake is for the controller\'s own website backend: it cannot act for a customer (--tenant) or a recipient (--recipient)')
  }
  const unknown = input.purposes.filter((p) => !policy.purpose(p) && p !== REQUEST_PURPOSE)
  if (unknown.length) throw new ApiKeyError(`unknown purpose${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: the policy has ${policy.purposes.map((p) => p.id).join(', ')} (and the built-in ${REQUEST_PURPOSE})`)
  if (input.tenantId != null) {
    if (!TENANT_ID.test(input.tenantId)) throw new ApiKeyError('--tenant must be 1-64 letters, digits, dots, dashes or underscores')
    // The request-handling purpose works for both: a customer's key answers its own people's requests.
    const controllerOnes = input.purposes.filter((p) => p !== REQUEST_PURPOSE && policy.purpose(p)?.role !== 'processor')
    if (controllerOnes.length) throw new ApiKeyError(`a tenant key acts for a customer and may only use processor purposes; ${controllerOnes.join(', ')} are the controller's own (REQ-PR-02)`)
  } else {
    const processorOnes = input.purposes.filter((p) => policy.purpose(p)?.role === 'processor')
    if (processorOnes.length) throw new ApiKeyError(`${processorOnes.join(', ')} is processing for a customer: give --tenant with the customer's id`)
  }
  if (input.recipientId != null && !policy.recipient(input.recipientId)) {
    throw new ApiKeyError(`unknown recipient ${input.recipientId}: the policy has ${policy.recipients.map((r) => r.id).join(', ') || 'none'}`)
  }
}

export async function createApiKey(db: Kysely<DB>, policy: Policy, input: ApiKeyRequest): Promise<{ info: ApiKeyInfo; token: string }> {
  validateKeyRequest(policy, input)
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const id = uuidv7()
  const row = await db
    .insertInto('api_key')
    .values({
      id,
      name: input.name,
      digest: digest(token),
      purposes: JSON.stringify([...new Set(input.purposes)]),
      scopes: JSON.stringify([...new Set(input.scopes ?? [])]),
      tenant_id: input.tenantId ?? null,
      recipient_id: input.recipientId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { info: toInfo(row), token }
}

function toInfo(row: { id: string; name: string; purposes: string[]; scopes: string[]; tenant_id: string | null; recipient_id: string | null; created_at: Date; revoked_at: Date | null; last_used_at: Date | null }): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    purposes: row.purposes,
    scopes: row.scopes,
    tenantId: row.tenant_id,
    recipientId: row.recipient_id,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
  }
}

/** The audit entry of a key's creation or revocation: ids, purposes and codes, never the token. */
export function apiKeyAuditEntry(actorId: string, action: 'apikey.create' | 'apikey.revoke', info: Pick<ApiKeyInfo, 'id' | 'name' | 'purposes' | 'scopes' | 'tenantId' | 'recipientId'>) {
  const scope = `${info.tenantId ? `:tenant:${info.tenantId}` : info.recipientId ? `:recipient:${info.recipientId}` : ''}${info.scopes.map((s) => `:scope:${s}`).join('')}`
  return { actorId, action, subjectId: null, purpose: null, categories: [...info.purposes], decision: null, reason: `key:${info.id}:${info.name}${scope}` }
}

export async function listApiKeys(db: Kysely<DB>): Promise<ApiKeyInfo[]> {
  const rows = await db.selectFrom('api_key').selectAll().orderBy('created_at').execute()
  return rows.map(toInfo)
}

/**
 * The customers of the SaaS (REQ-PRC-03): the tenant ids that at least one active API key acts for
 * (`pledge apikey create --tenant ID`). Pledge keeps no other list of customers.
 */
export async function activeTenantIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('api_key').select('tenant_id').distinct().where('tenant_id', 'is not', null).where('revoked_at', 'is', null).orderBy('tenant_id').execute()
  return rows.map((r) => r.tenant_id).filter((t): t is string => t !== null)
}

/** Revokes by id, or by name when exactly one active key has it. */
export async function revokeApiKey(db: Kysely<DB>, idOrName: string): Promise<ApiKeyInfo> {
  const byId = /^[0-9a-f-]{36}$/i.test(idOrName)
  const matches = await db
    .selectFrom('api_key')
    .selectAll()
    .where(byId ? 'id' : 'name', '=', idOrName)
    .where('revoked_at', 'is', null)
    .execute()
  if (matches.length === 0) throw new ApiKeyError(`no active key ${byId ? 'with id' : 'named'} ${idOrName}`)
  if (matches.length > 1) throw new ApiKeyError(`${matches.length} active keys are named ${idOrName}: revoke by id (pledge apikey list)`)
  const row = await db.updateTable('api_key').set({ revoked_at: new Date() }).where('id', '=', matches[0]!.id).returningAll().executeTakeFirstOrThrow()
  return toInfo(row)
}

/** A key that authenticated: who it is (for the gate and the audit log) and its scopes. */
export interface AuthenticatedKey {
  readonly actor: Actor
  readonly scopes: ReadonlySet<string>
}

/**
 * Resolves bearer tokens to actors. A short cache keeps the hot path at one hash; revocation
 * reaches other instances within `ttlMs` (and this one at once, through forget()).
 */
export class ApiKeyAuthenticator {
  readonly #db: Kysely<DB>
  readonly #ttlMs: number
  readonly #cache = new Map<string, { key: AuthenticatedKey | undefined; until: number }>()
  /** When this instance last wrote a key's last_used_at (by key id). */
  readonly #touched = new Map<string, number>()

  constructor(db: Kysely<DB>, options: { ttlMs?: number } = {}) {
    this.#db = db
    this.#ttlMs = options.ttlMs ?? 5_000
  }

  async authenticate(token: string): Promise<Actor | undefined> {
    return (await this.lookup(token))?.actor
  }

  async lookup(token: string): Promise<AuthenticatedKey | undefined> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 128) return undefined
    const d = digest(token)
    const cacheKey = d.toString('base64')
    const now = Date.now()
    const hit = this.#cache.get(cacheKey)
    if (hit && hit.until > now) {
      if (hit.key) await this.#touch(hit.key.actor.id, now)
      return hit.key
    }
    // Looked up by digest: the comparison happens on a hash of the secret, not on the secret.
    const row = await this.#db.selectFrom('api_key').selectAll().where('digest', '=', d).where('revoked_at', 'is', null).executeTakeFirst()
    const key: AuthenticatedKey | undefined = row
      ? {
          actor: mintActor({ kind: 'api_key', id: `key:${row.id}`, name: `API key ${row.name}`, purposes: row.purposes, tenantId: row.tenant_id, recipientId: row.recipient_id }),
          scopes: new Set(row.scopes),
        }
      : undefined
    if (this.#cache.size > 10_000) this.#cache.clear()
    this.#cache.set(cacheKey, { key, until: now + this.#ttlMs })
    if (key) await this.#touch(key.actor.id, now)
    return key
  }

  /** Records the use, at most once a minute per key (per instance; the update's own condition covers the others). */
  async #touch(actorId: string, now: number): Promise<void> {
    const last = this.#touched.get(actorId)
    if (last !== undefined && now - last < LAST_USE_EVERY_MS) return
    if (this.#touched.size > 10_000) this.#touched.clear()
    this.#touched.set(actorId, now)
    const id = actorId.slice('key:'.length)
    await this.#db
      .updateTable('api_key')
      .set({ last_used_at: new Date(now) })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now - LAST_USE_EVERY_MS))]))
      .execute()
  }

  forget(): void {
    this.#cache.clear()
  }
}

/** The recipients active keys are bound to (ids only), for the ROPA consistency check (REQ-ROPA-04). */
export async function recipientsOfActiveKeys(db: Kysely<DB>): Promise<{ recipientId: string; keys: number }[]> {
  const rows = await db.selectFrom('api_key').select(['recipient_id']).where('revoked_at', 'is', null).where('recipient_id', 'is not', null).execute()
  const n = new Map<string, number>()
  for (const r of rows) n.set(r.recipient_id!, (n.get(r.recipient_id!) ?? 0) + 1)
  return [...n].map(([recipientId, keys]) => ({ recipientId, keys })).sort((a, b) => a.recipientId.localeCompare(b.recipientId))
}
