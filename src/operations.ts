// The commands that need the database, written once. The CLI runs them directly, or through a
// running server's loopback admin endpoint when that server holds the embedded database.
import type { Database } from './db/database.ts'
import { migrateToLatest } from './db/database.ts'
import { loadPolicyFile } from './policy/load.ts'
import { publishVersion, versionInForce, latestVersion, getVersion, listVersions, type PublishedVersion } from './policy/versions.ts'
import { renderStatement } from './policy/statement.ts'
import { buildRopa, ropaToCsv, ropaToHtml, ropaToJson } from './policy/ropa.ts'
import { dateInZone } from './util/dates.ts'
import { isLanguage } from './http/language.ts'

export interface OperationContext {
  readonly database: Database
  readonly policyPath: string
  readonly now: () => Date
  /** Called after something that changes what the server serves (a publish). */
  readonly onChange?: () => void
}

export class OperationError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode = 1) {
    super(message)
    this.name = 'OperationError'
    this.exitCode = exitCode
  }
}

export interface OperationResult {
  readonly output: string
}

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
    const policy = await loadPolicyFile(args.policyPath ?? ctx.policyPath)
    const v = await publishVersion(ctx.database.db, policy, { effectiveDate: args.effective, now: ctx.now() })
    ctx.onChange?.()
    const material = v.materialChanges.filter((c) => c.material)
    const lines = [
      `published statement version ${v.version} (effective ${v.effectiveDate}, content ${v.contentHash.slice(0, 12)})`,
      material.length === 0
        ? 'no material change to any purpose'
        : `material changes: ${material.map((c) => `${c.purposeId} (${c.changed.join(', ') || (c.added ? 'added' : 'removed')})`).join('; ')}`,
    ]
    if (material.length > 0) lines.push('people affected must be told before the effective date (notification status: pending)')
    return { output: lines.join('\n') }
  },

  async versions(ctx) {
    const versions = await listVersions(ctx.database.db)
    return {
      output: versions.map((v) => `${v.version}\t${v.effectiveDate}\t${v.contentHash.slice(0, 12)}\t${v.materialChanges.filter((c) => c.material).map((c) => c.purposeId).join(',') || '-'}`).join('\n'),
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
    const ropa = buildRopa(v.policy, { version: v.version })
    return { output: format === 'csv' ? ropaToCsv(ropa) : format === 'html' ? ropaToHtml(ropa) : ropaToJson(ropa) }
  },
}

export async function runOperation(ctx: OperationContext, name: string, args: Args): Promise<OperationResult> {
  const op = operations[name]
  if (!op) throw new OperationError(`unknown operation ${name}`)
  return op(ctx, args)
}
