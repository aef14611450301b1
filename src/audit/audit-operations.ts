// `pledge audit verify` as an operation (see src/operations.ts): runs in the CLI against the
// database, or inside the running server that holds the embedded database.
import type { KeyObject } from 'node:crypto'
import { OperationError, type OperationContext, type OperationResult } from '../operation.ts'
import { loadMasterKeyRing, checkMasterKey } from '../vault/keyring.ts'
import type { MasterKeyRing } from '../vault/master-key.ts'
import { auditHeadPath } from './chain-store.ts'
import { verifyAuditStore, type StoreVerifyResult } from './verify-store.ts'

type Args = Record<string, string | undefined>

/** The audit public keys of every master key version in the ring (checkpoints signed before a rotation stay valid). */
export function auditPublicKeys(ring: MasterKeyRing): KeyObject[] {
  return ring.versions.map((v) => ring.get(v).auditSigningKeyPair().publicKey)
}

/**
 * The lines `pledge audit verify` prints for a verdict: the first bad entry, then every bad entry
 * found (the first MAX_REPORTED_PROBLEMS) and how many there are in all.
 */
export function describeVerdict(r: StoreVerifyResult, headPath: string): string {
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
  const from = r.startedAt > 0 ? `from the signed checkpoint at seq ${r.startedAt} (earlier entries pruned)` : 'from the genesis'
  const head = r.head ? `matches the signed head at seq ${r.head.seq} (${headPath})` : `no signed head file at ${headPath} yet: a truncated tail cannot be detected without it`
  return `audit log intact: ${r.count.toLocaleString('en-US')} entries verified ${from}, last seq ${r.lastSeq}, ${rate}; ${r.checkpoints} signed checkpoints; ${head}`
}

export const auditOperations: Record<string, (ctx: OperationContext, args: Args) => Promise<OperationResult>> = {
  async 'audit-verify'(ctx, args) {
    let ring: MasterKeyRing
    if (ctx.runtime) {
      ring = ctx.runtime.keys()
      // Entries still queued in this server are committed first, so they are verified too.
      const audit = ctx.runtime.audit as { flush?: () => Promise<void> }
      await audit.flush?.()
    } else {
      ring = loadMasterKeyRing(ctx.config, ctx.database.mode).ring
      await checkMasterKey(ctx.database.db, ring)
    }
    const pageSize = args.pageSize === undefined ? undefined : Number(args.pageSize)
    if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1)) throw new OperationError(`--page-size must be a positive whole number, got "${args.pageSize}"`)
    const headPath = auditHeadPath(ctx.config)
    const result = await verifyAuditStore(ctx.database.db, { publicKeys: auditPublicKeys(ring), headPath, ...(pageSize ? { pageSize } : {}) })
    const text = describeVerdict(result, headPath)
    if (!result.ok) throw new OperationError(text, 1)
    return { output: text }
  },
}
