// `pledge processors list|show|set|remove|check` as operations: inside the running server (its
// register, whose memory copy the gate reads, is refreshed at once) or over the database directly
// (PostgreSQL: a running server sees the change at its next refresh or restart). Output is JSON or
// lines of ids, codes and dates; the register holds no personal data.
import { OperationError, type OperationContext, type OperationResult } from '../operation.ts'
import { auditOperation, OPERATOR_ACTOR } from '../audit/operation-audit.ts'
import { loadPolicyFile } from '../policy/load.ts'
import { latestVersion, versionInForce } from '../policy/versions.ts'
import { lintUncoveredRecipients } from '../policy/lint.ts'
import { dateInZone } from '../util/dates.ts'
import { AppError } from '../util/app-error.ts'
import { ProcessorRegister } from './register.ts'
import { registerView } from './view.ts'
import type { Policy } from '../policy/policy.ts'
import type { AuditRecord } from '../audit/audit-log.ts'
import type { Runtime } from '../runtime.ts'
import { loadMasterKeyRing } from '../vault/keyring.ts'
import { runEndOfContract } from './end-of-contract.ts'
import { keysDocument } from './certificate.ts'

type Args = Record<string, string | undefined>

export async function registerOf(ctx: OperationContext): Promise<{ register: ProcessorRegister; policy: Policy }> {
  if (ctx.runtime) return { register: ctx.runtime.processors, policy: ctx.runtime.policy() }
  const filePolicy = await loadPolicyFile(ctx.policyPath)
  const v = (await versionInForce(ctx.database.db, dateInZone(ctx.now(), filePolicy.controller.timeZone))) ?? (await latestVersion(ctx.database.db))
  if (!v) throw new OperationError('nothing is published yet: start Pledge once, or run `pledge policy publish`')
  const audit = { append: async (record: AuditRecord) => (await auditOperation(ctx, [record]), 0) }
  const register = new ProcessorRegister({ db: ctx.database.db, audit, policy: () => v.policy, now: ctx.now })
  await register.refresh()
  return { register, policy: v.policy }
}

async function withAppErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof AppError) throw new OperationError(`${err.code}: ${err.message}`)
    throw err
  }
}

/** The end-of-contract dependencies from a runtime (in the server, or built by the CLI). */
export function endOfContractDeps(runtime: Runtime) {
  return {
    db: runtime.database.db,
    gate: runtime.gate,
    audit: runtime.audit,
    policy: runtime.policy,
    currentVersion: runtime.currentVersion,
    signingKey: () => runtime.keys().current.auditSigningKeyPair().privateKey,
    now: runtime.now,
  }
}

export const processorOperations: Record<string, (ctx: OperationContext, args: Args) => Promise<OperationResult>> = {
  /** REQ-PR-04: return and/or delete one customer's people; answers with the run id, the export file and the signed certificate. */
  async 'processors-end-contract'(ctx, args) {
    if (!ctx.runtime) throw new OperationError('this command needs a Runtime (it was called without one)')
    const result = await withAppErrors(() => runEndOfContract(endOfContractDeps(ctx.runtime!), { tenantId: args.tenant ?? '', returnDir: args.returnDir, delete: args.delete === 'true', startedBy: args.startedBy ?? OPERATOR_ACTOR }))
    return { output: JSON.stringify(result) }
  },

  /** The public half of the audit signing key (every master key version), as /.well-known/pledge-keys.json serves it. */
  async 'certificate-key'(ctx) {
    const ring = ctx.runtime ? ctx.runtime.keys() : loadMasterKeyRing(ctx.config, ctx.database.mode).ring
    return { output: keysDocument(ring.versions.map((v) => ring.get(v).auditSigningKeyPair().publicKey)).trimEnd() }
  },

  async 'processors-list'(ctx) {
    const { register } = await registerOf(ctx)
    const lines = register.list().map((r) => `${r.recipient.id}\t${r.recipient.role}\t${r.recipient.country}\t${r.entry?.dpa ? `DPA ${r.entry.dpa.version} of ${r.entry.dpa.signedOn}${r.entry.dpa.endsOn ? ` until ${r.entry.dpa.endsOn}` : ''}` : 'no DPA'}\t${r.gaps.length ? `NOT COVERED: ${r.gaps.join(', ')}` : 'covered'}`)
    return { output: lines.join('\n') }
  },

  async 'processors-show'(ctx, args) {
    const { register, policy } = await registerOf(ctx)
    return withAppErrors(async () => ({ output: JSON.stringify(registerView(policy, register.row(args.recipient ?? '')), null, 2) }))
  },

  async 'processors-set'(ctx, args) {
    if (args.entry === undefined) throw new OperationError('give --file FILE: the register entry as JSON (see GET /v1/processors/{recipientId})')
    let input: unknown
    try {
      input = JSON.parse(args.entry)
    } catch (err) {
      throw new OperationError(`the entry is not valid JSON: ${(err as Error).message}`)
    }
    const { register, policy } = await registerOf(ctx)
    return withAppErrors(async () => {
      const row = await register.set(OPERATOR_ACTOR, args.recipient ?? '', input)
      return { output: `${row.recipient.id}: ${row.gaps.length ? `recorded, NOT COVERED: ${row.gaps.join(', ')}` : 'recorded, covered'}${ctx.runtime ? '' : ' (a running server sees it at its next refresh or restart)'}\n${JSON.stringify(registerView(policy, row).entry)}` }
    })
  },

  async 'processors-remove'(ctx, args) {
    const { register } = await registerOf(ctx)
    return withAppErrors(async () => ({ output: (await register.remove(OPERATOR_ACTOR, args.recipient ?? '')) ? `removed the register row of ${args.recipient}` : `${args.recipient} had no register row` }))
  },

  /** The lint warning (REQ-PRC-01, REQ-TF-01): recipients the register does not cover; exit 0 (a warning). */
  async 'processors-check'(ctx) {
    const { register, policy } = await registerOf(ctx)
    const warnings = lintUncoveredRecipients(policy.document, (id) => register.gaps(id)?.gaps ?? [])
    return { output: warnings.length ? warnings.map((w) => `warning: ${w.path}: ${w.message}`).join('\n') : 'every recipient is covered by the register' }
  },
}
