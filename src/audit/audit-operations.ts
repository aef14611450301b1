// `pledge audit verify` as an operation (see src/operations.ts): runs in the CLI against the
// database, or inside the running server that holds the embedded database.
import type { KeyObject } from 'node:crypto'
import { OperationError, type OperationContext, type OperationResult } from '../operation.ts'
import { loadMasterKeyRing, checkMasterKey } from '../vault/keyring.ts'
import type { MasterKeyRing } from '../vault/master-key.ts'
import { auditHeadPath } from './chain-store.ts'
import { verifyAuditStore, type StoreVerifyResult } from './verify-store.ts'
import { unauditedChanges, type UnauditedChange } from './unaudited.ts'
import type { AuditStart } from './audit-start.ts'

type Args = Record<string, string | undefined>

/** The audit public keys of every master key version in the ring (checkpoints signed before a rotation stay valid). */
export function auditPublicKeys(ring: MasterKeyRing): KeyObject[] {
  return ring.versions.map((v) => ring.get(v).auditSigningKeyPair().publicKey)
}

/**
 * The lines `pledge audit verify` prints for a verdict: the first bad entry, then every bad entry
 * found (the first MAX_REPORTED_PROBLEMS) and how many there are in all.
 */
export function describeVerdict(r: StoreVerifyResult, headPath: string, witnessPath?: string): string {
  const rate = `${Math.round(r.rate).toLocaleString('en-US')} entries/s`
  if (!r.ok) {
    const n = (x: number) => x.toLocaleString('en-US')
    const lines = [
      `audit log TAMPERED: first bad entry seq ${r.firstBadSeq} (${r.problem}): ${r.message}`,
      `(${n(r.count)} entries verified before it, ${rate})`,
      `${n(r.problemCount)} bad ${r.problemCount === 1 ? 'entry' : 'entries'} in all${r.problemCount > r.problems.length ? `, the first ${n(r.problems.length)} listed` : ''}:`,
      ...r.problems.map((p) => `  seq ${p.seq} (${p.problem}): ${p.message}`),
    ]
    return lines.join('\n')
  }
  const from = r.startedAt > 0 ? `from entry ${r.startedAt}` : 'from the genesis'
  const head = r.head ? `matches the signed head at seq ${r.head.seq} (${headPath})` : `no signed head file at ${headPath} yet (the log was declared new)`
  const witness = witnessPath ? (r.witness ? `; reaches the witness's last checkpoint at seq ${r.witness.seq} (${witnessPath})` : `; the witness ${witnessPath} holds no checkpoint yet`) : '; no witness (PLEDGE_AUDIT_WITNESS): a rollback together with the head file cannot be detected'
  return `audit log intact: ${r.count.toLocaleString('en-US')} entries verified ${from}, last seq ${r.lastSeq}, ${rate}; ${r.checkpoints} signed checkpoints; ${head}${witness}\n${describeStart(r.start)}`
}

/** Where the chain starts: the genesis, or the signed checkpoint a pruning left it at. */
export function describeStart(start: AuditStart): string {
  if (start.seq === 0 || !start.checkpoint) return 'chain starts at entry 1 (the genesis): never pruned'
  const pruned = start.seq - 1
  return `chain starts at entry ${start.seq} (signed checkpoint of ${start.checkpoint.at}), ${pruned.toLocaleString('en-US')} ${pruned === 1 ? 'entry' : 'entries'} before it were pruned on ${start.prunedAt?.toISOString() ?? 'an unrecorded date'}`
}

/** The lines for data changes whose audit entry is missing (ids and seqs only). */
export function describeChanges(changes: readonly UnauditedChange[]): string[] {
  if (changes.length === 0) return []
  return [`${changes.length} data ${changes.length === 1 ? 'change is' : 'changes are'} without their audit entry:`, ...changes.slice(0, 100).map((c) => `  ${c.table} of subject ${c.subjectId}: ${c.problem}${c.auditSeq === null ? '' : ` (seq ${c.auditSeq})`}`)]
}

export const auditOperations: Record<string, (ctx: OperationContext, args: Args) => Promise<OperationResult>> = {
  async 'audit-verify'(ctx, args) {
    let ring: MasterKeyRing
    if (ctx.runtime) {
      ring = ctx.runtime.keys()
      // Entries still queued in this server are committed and signed first, so they are verified
      // too and the head file is there.
      await ctx.runtime.audit.checkpoint()
    } else {
      ring = loadMasterKeyRing(ctx.config, ctx.database.mode).ring
      await checkMasterKey(ctx.database.db, ring)
    }
    const pageSize = args.pageSize === undefined ? undefined : Number(args.pageSize)
    if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1)) throw new OperationError(`--page-size must be a positive whole number, got "${args.pageSize}"`)
    const headPath = auditHeadPath(ctx.config)
    const witnessPath = ctx.config.auditWitness
    const result = await verifyAuditStore(ctx.database.db, { publicKeys: auditPublicKeys(ring), headPath, witnessPath, newLog: args.firstRun === 'true', ...(pageSize ? { pageSize } : {}) })
    // The other half of failing closed: every data change must carry an entry that is in the log.
    const changes = await unauditedChanges(ctx.database.db, { withoutNumber: true })
    const text = [describeVerdict(result, headPath, witnessPath), ...describeChanges(changes)].join('\n')
    if (!result.ok || changes.length) throw new OperationError(text, 1)
    return { output: text }
  },
}
