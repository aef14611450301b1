// The commands that need the database, written once. The CLI runs them directly, or through a
// running server's loopback admin endpoint when that server holds the embedded database.
import type { Config } from './config.ts'
import { OperationError, type OperationContext, type OperationResult } from './operation.ts'
import { createApiKey, listApiKeys, revokeApiKey, ApiKeyError, INTAKE_SCOPE, apiKeyAuditEntry } from './gate/api-keys.ts'
import { loadMasterKeyRing, checkMasterKey } from './vault/keyring.ts'
import { rewrapAll, writeKeyFile, countStaleKeys } from './vault/rotation.ts'
import { auditOperations } from './audit/audit-operations.ts'
import { auditOperation, OPERATOR_ACTOR } from './audit/operation-audit.ts'
import { importOperations } from './import/import-operations.ts'
import { requestOperations } from './requests/request-operations.ts'
import { retentionOperations } from './retention/retention-operations.ts'
import { newsletterOperations } from './consent/newsletter-operations.ts'
import { staffOperations } from './staff/staff-operations.ts'
import { processorOperations, registerOf } from './processors/processor-operations.ts'
import { checkRopaConsistency, formatRopaCheck, recipientsInUse, registerFacts, ropaHistory } from './policy/ropa-check.ts'
import { migrateToLatest } from './db/database.ts'
import { loadPolicyFile } from './policy/load.ts'
import { publishPolicyFile } from './policy/publish.ts'
import { noticeCounts } from './policy/notices.ts'
import { versionInForce, latestVersion, getVersion, listVersions, type PublishedVersion } from './policy/versions.ts'
import { renderStatement } from './policy/statement.ts'
import { buildRopa, ropaToCsv, ropaToHtml, ropaToJson } from './policy/ropa.ts'
import { dateInZone } from './util/dates.ts'
import { isLanguage } from './policy/schema.ts'

export { OperationError, type OperationContext, type OperationResult } from './operation.ts'

type Args = Record<string, string | undefined>

async function pickVersion(ctx: OperationContext, requested: string | undefined): Promise<PublishedVersion> {
  if (requested !== undefined) {
    const n = Number(requested)
    if (!Number.isInteger(n) || n < 1) throw new OperationError(`--version must be a positive whole number, got "${requested}"`)
    const v = await getVersion(ctx.database.db, n)
    if (!v) throw new OperationError(`statement version ${n} does not exist`)
    return v
  }
  const filePolicy = await loadPolicyFile(ctx.policyPath)
  const today = dateInZone(ctx.now(), filePolicy.controller.timeZone)
  const v = (await versionInForce(ctx.database.db, today)) ?? (await latestVersion(ctx.database.db))
  if (!v) throw new OperationError('nothing is published yet: start Pledge once, or run `pledge policy publish`')
  return v
}

export const operations: Record<string, (ctx: OperationContext, args: Args) => Promise<OperationResult>> = {
  async migrate(ctx) {
    const applied = await migrateToLatest(ctx.database.db)
    return { output: applied.length ? `applied ${applied.join(', ')}` : 'the database is up to date' }
  },

  async publish(ctx, args) {
    const v = await publishPolicyFile(ctx, { actorId: OPERATOR_ACTOR, policyPath: args.policyPath, effective: args.effective })
    const material = v.materialChanges.filter((c) => c.material)
    const lines = [
      `published statement version ${v.version} (effective ${v.effectiveDate}, content ${v.contentHash.slice(0, 12)})`,
      material.length === 0
        ? 'no material change to any purpose'
        : `material changes: ${material.map((c) => `${c.purposeId} (${c.changed.join(', ') || (c.added ? 'added' : 'removed')})`).join('; ')}`,
    ]
    if (material.length > 0) {
      lines.push(
        v.noticesQueued > 0
          ? `${v.noticesQueued} ${v.noticesQueued === 1 ? 'person is' : 'people are'} told by e-mail before ${v.effectiveDate} (${ctx.runtime ? 'sending now' : 'sent by the running server; start one if none runs'}); progress: pledge policy notices ${v.version}`
          : 'nobody the change concerns has an e-mail address on record: no notice to send (notification status: sent)',
      )
    }
    return { output: lines.join('\n') }
  },

  async notices(ctx, args) {
    const n = Number(args.version)
    if (!Number.isInteger(n) || n < 1) throw new OperationError(`the version must be a positive whole number, got "${args.version ?? ''}"`)
    const v = (await listVersions(ctx.database.db)).find((x) => x.version === n)
    if (!v) throw new OperationError(`statement version ${n} does not exist`)
    const c = await noticeCounts(ctx.database.db, n)
    return {
      output: [
        `version ${n} (effective ${v.effectiveDate}): notification status ${v.notificationStatus}`,
        `notices: ${c.total} (pending ${c.pending}, sent ${c.sent}, failed ${c.failed}, no contact ${c.no_contact})`,
      ].join('\n'),
    }
  },

  async versions(ctx) {
    const versions = await listVersions(ctx.database.db)
    return {
      output: versions.map((v) => `${v.version}\t${v.effectiveDate}\t${v.contentHash.slice(0, 12)}\t${v.materialChanges.filter((c) => c.material).map((c) => c.purposeId).join(',') || '-'}\t${v.notificationStatus}`).join('\n'),
    }
  },

  async statement(ctx, args) {
    const lang = args.lang ?? 'en'
    if (!isLanguage(lang)) throw new OperationError(`--lang must be one of nl, fr, en, got "${lang}"`)
    const format = args.format ?? 'html'
    if (format !== 'html' && format !== 'md') throw new OperationError(`--format must be html or md, got "${format}"`)
    const v = await pickVersion(ctx, args.version)
    return { output: renderStatement(v.policy, lang, format, { version: v.version, effectiveDate: v.effectiveDate }) }
  },

  async ropa(ctx, args) {
    const format = args.format ?? 'json'
    if (!['json', 'csv', 'html'].includes(format)) throw new OperationError(`--format must be csv, json or html, got "${format}"`)
    const v = await pickVersion(ctx, args.version)
    const { register } = await registerOf(ctx)
    const ropa = buildRopa(v.policy, { version: v.version, register: registerFacts(register), history: await ropaHistory(ctx.database.db) })
    return { output: format === 'csv' ? ropaToCsv(ropa) : format === 'html' ? ropaToHtml(ropa) : ropaToJson(ropa) }
  },

  /** REQ-ROPA-04: the ROPA, the statement in force and the running configuration agree; exit 1 with the reasons when not. */
  async 'ropa-check'(ctx) {
    const v = await pickVersion(ctx, undefined)
    const { register } = await registerOf(ctx)
    const ropa = buildRopa(v.policy, { version: v.version, register: registerFacts(register) })
    const filePolicy = await loadPolicyFile(ctx.policyPath).catch(() => undefined)
    const result = checkRopaConsistency({ statement: v, ropa, inUse: await recipientsInUse(ctx.database.db), policyFileDraft: filePolicy !== undefined && filePolicy.contentHash !== v.policy.contentHash, registerGaps: (id) => register.gaps(id)?.gaps ?? [] })
    if (!result.ok) throw new OperationError(formatRopaCheck(result))
    return { output: formatRopaCheck(result) }
  },
}

async function withKeyErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof ApiKeyError) throw new OperationError(err.message)
    throw err
  }
}

Object.assign(operations, {
  async 'apikey-create'(ctx: OperationContext, args: Args): Promise<OperationResult> {
    const v = await pickVersion(ctx, undefined)
    const purposes = (args.purposes ?? '').split(',').map((p) => p.trim()).filter(Boolean)
    const scopes = args.intake === 'true' ? [INTAKE_SCOPE] : []
    const { info, token } = await withKeyErrors(() =>
      createApiKey(ctx.database.db, v.policy, { name: args.name ?? '', purposes, scopes, tenantId: args.tenant ?? null, recipientId: args.recipient ?? null }),
    )
    await auditOperation(ctx, [keyEntry('apikey.create', info)])
    const what = [
      ...(info.purposes.length ? [`purposes: ${info.purposes.join(', ')}`] : []),
      ...(info.scopes.includes(INTAKE_SCOPE) ? ['scope: intake (may post the public newsletter and request forms for its visitors, in its own rate-limit bucket)'] : []),
    ].join('; ')
    const lines = [
      `created API key ${info.name} (id ${info.id})`,
      `${what}${info.tenantId ? `; tenant: ${info.tenantId}` : ''}${info.recipientId ? `; recipient: ${info.recipientId} (every read is recorded as a disclosure)` : ''}`,
      'the key is shown once; store it now:',
      token,
    ]
    return { output: lines.join('\n') }
  },
  async 'apikey-revoke'(ctx: OperationContext, args: Args): Promise<OperationResult> {
    const info = await withKeyErrors(() => revokeApiKey(ctx.database.db, args.key ?? ''))
    ctx.runtime?.apiKeys.forget()
    await auditOperation(ctx, [keyEntry('apikey.revoke', info)])
    return { output: `revoked API key ${info.name} (id ${info.id})` }
  },
  async 'apikey-list'(ctx: OperationContext): Promise<OperationResult> {
    const keys = await listApiKeys(ctx.database.db)
    return {
      output: keys.length
        ? keys.map((k) => `${k.id}\t${k.name}\t${k.purposes.join(',') || '-'}\t${k.scopes.join(',') || '-'}\t${k.tenantId ?? '-'}\t${k.recipientId ?? '-'}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}`).join('\n')
        : 'no API keys yet: pledge apikey create --name NAME --purposes P1,P2 (or --intake for a website backend)',
    }
  },
  async 'keys-rotate'(ctx: OperationContext): Promise<OperationResult> {
    const loaded = ctx.runtime ? { ring: ctx.runtime.keys(), keyFile: keyFileOf(ctx.config) } : loadMasterKeyRing(ctx.config, ctx.database.mode)
    let ring = loaded.ring
    if (!ctx.runtime) await checkMasterKey(ctx.database.db, ring)
    const lines: string[] = []
    // A generated key file gets a new version here; a key given by the operator already carries it.
    if ((await countStaleKeys(ctx.database.db, ring)) === 0 && loaded.keyFile && !ctx.config.masterKey) {
      ring = ring.withNewVersion()
      writeKeyFile(loaded.keyFile, ring)
      ctx.runtime?.replaceKeys(ring)
      lines.push(`added master key v${ring.current.version} to ${loaded.keyFile}`)
    } else if ((await countStaleKeys(ctx.database.db, ring)) === 0) {
      return { output: `every data key is already wrapped under master key v${ring.current.version}. To rotate, put a new key first: PLEDGE_MASTER_KEY=v${ring.current.version + 1}:<new key>,${ring.versions.map((v) => `v${v}:<key>`).join(',')} on every instance, then run this again.` }
    }
    const result = await rewrapAll(ctx.database.db, ring)
    await auditOperation(ctx, [{ actorId: OPERATOR_ACTOR, action: 'keys.rotate', subjectId: null, purpose: null, categories: [], decision: null, reason: `v${ring.current.version}:rewrapped:${result.rewrapped}:remaining:${result.remaining}` }], ring)
    lines.push(`re-wrapped ${result.rewrapped} data keys under master key v${ring.current.version}; ${result.remaining} left${result.remaining ? ' (run again to finish)' : ''}`)
    return { output: lines.join('\n') }
  },
})

/** An API key's audit entry: its id and name, its purposes, its tenant or recipient; never the token. */
function keyEntry(action: 'apikey.create' | 'apikey.revoke', info: Parameters<typeof apiKeyAuditEntry>[2]) {
  return apiKeyAuditEntry(OPERATOR_ACTOR, action, info)
}

Object.assign(operations, auditOperations)
Object.assign(operations, importOperations)
Object.assign(operations, requestOperations)
Object.assign(operations, retentionOperations)
Object.assign(operations, newsletterOperations)
Object.assign(operations, staffOperations)
Object.assign(operations, processorOperations)

function keyFileOf(config: Config): string | undefined {
  if (config.masterKey) return undefined
  return loadMasterKeyRing(config, 'embedded').keyFile
}

export async function runOperation(ctx: OperationContext, name: string, args: Args): Promise<OperationResult> {
  const op = operations[name]
  if (!op) throw new OperationError(`unknown operation ${name}`)
  return op(ctx, args)
}
