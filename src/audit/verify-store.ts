// Verifies the audit chain stored in the database against the signed checkpoints and the signed
// head file outside the database.
//
// Where it starts: at the genesis when entry 1 is there; otherwise (old entries pruned) at the
// earliest signed checkpoint the remaining entries follow, and then the chain must contain an
// `audit.prune` entry (appended by pruneAuditEntries) that covers the missing prefix — so deleting
// the oldest entries by hand is reported as a deletion, not taken for a pruning.
//
// How: entries are read in seq-ordered pages (keyset pagination, `seq > last order by seq limit N`),
// the next page being read while earlier ones are checked. The fast path checks pages in worker
// threads (each entry's hash, the links inside a page) and the links between pages, the signed
// checkpoints and the head here; it can only conclude "intact". When it finds anything wrong, the
// slow path runs ChainVerifier over the whole chain, which reports the FIRST bad sequence number and a
// problem kind (see ChainProblem): modified, deleted, inserted, reordered, truncated (the chain ends
// before the signed head), rewritten (rebuilt after a signed checkpoint or the head), bad-signature
// (a checkpoint or the head file does not verify: forging one is tampering too) — and the list of
// every bad entry after it, so that one bad entry cannot hide the next.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { hash as oneShotHash, type KeyObject } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { AuditLog } from './audit-log.ts'
import { ChainVerifier, FIRST_SEQ, GENESIS_HASH, encodeEntry, withProblem, type VerifyResult } from './chain.ts'
import { readSignedHead, trustedKeys, verifyCheckpoint, type SignedCheckpoint, type TrustedKeys } from './checkpoint.ts'
import { PRUNE_ACTION, US, RS, checkPage, fetchPage, parseRow, rowSeq, type PageSummary } from './verify-page.ts'

export { PRUNE_ACTION }

export interface VerifyStoreOptions {
  /** Audit public keys of every master key version (`ring.get(v).auditSigningKeyPair().publicKey`). */
  readonly publicKeys: readonly KeyObject[]
  /** The signed head file (see auditHeadPath). When it does not exist yet, only the chain and the stored checkpoints are checked. */
  readonly headPath: string
  /** Entries per page (default 10,000). */
  readonly pageSize?: number
  /** Worker threads for the fast path (default 0: check in this thread — measured faster on 2 cores, where a worker's start-up and the database's own work eat the gain). */
  readonly workers?: number
}

export type StoreVerifyResult = VerifyResult & {
  /** Entries verified per second (the whole run, reads included). */
  readonly rate: number
  readonly elapsedMs: number
  /** The seq of the checkpoint verification started from (0: the genesis). */
  readonly startedAt: number
  /** The signed head file that was compared, or undefined when there was none. */
  readonly head: SignedCheckpoint | undefined
  /** Signed checkpoints stored in the database. */
  readonly checkpoints: number
}

interface Plan {
  readonly startFrom: SignedCheckpoint | undefined
  readonly head: SignedCheckpoint | undefined
  readonly checkpoints: readonly SignedCheckpoint[]
  readonly keys: TrustedKeys
  readonly minSeq: number | undefined
}

export async function verifyAuditStore(db: Kysely<DB>, options: VerifyStoreOptions): Promise<StoreVerifyResult> {
  const started = performance.now()
  const pageSize = Math.max(1, options.pageSize ?? 10_000)
  const keys = trustedKeys(options.publicKeys)
  const head = readSignedHead(options.headPath)
  const checkpoints: SignedCheckpoint[] = (
    await db.selectFrom('audit_checkpoint').select(['seq', 'hash', 'at', 'key_id', 'signature']).orderBy('seq').execute()
  ).map((c) => ({ seq: Number(c.seq), hash: c.hash, at: c.at, keyId: c.key_id, signature: c.signature }))
  const first = await sql<{ seq: number }>`select seq from audit_entry order by seq limit 1`.execute(db)
  const minSeq = first.rows[0] ? Number(first.rows[0].seq) : undefined
  // Pruned (or deleted) at the start: begin at the earliest valid checkpoint the rest follows.
  const startFrom = minSeq !== undefined && minSeq > FIRST_SEQ ? checkpoints.find((c) => c.seq >= minSeq - 1 && verifyCheckpoint(c, keys)) : undefined
  const plan: Plan = { startFrom, head, checkpoints, keys, minSeq }

  const finish = (result: VerifyResult): StoreVerifyResult => {
    const elapsedMs = performance.now() - started
    return { ...result, rate: elapsedMs > 0 ? (result.count * 1000) / elapsedMs : 0, elapsedMs, startedAt: startFrom?.seq ?? 0, head, checkpoints: checkpoints.length }
  }
  if (minSeq !== undefined && minSeq > FIRST_SEQ && !startFrom) {
    // The rest is still verified, from the genesis, so that every other bad entry is listed too.
    const rest = await slowPath(db, plan, pageSize)
    return finish(withProblem(rest, { seq: FIRST_SEQ, problem: 'deleted', message: `the chain starts at seq ${minSeq} and no valid signed checkpoint marks where entries were pruned: entries ${FIRST_SEQ}–${minSeq - 1} are missing` }))
  }
  const workers = Math.max(0, Math.min(options.workers ?? 0, availableParallelism()))
  const fast = await fastPath(db, plan, pageSize, workers)
  if (fast.ok) return finish(fast)
  return finish(await slowPath(db, plan, pageSize))
}

/** The fast path: true only when everything holds; otherwise the slow path decides. */
async function fastPath(db: Kysely<DB>, plan: Plan, pageSize: number, workerCount: number): Promise<VerifyResult | { ok: false }> {
  const { startFrom, head, checkpoints, keys } = plan
  for (const cp of [...checkpoints, ...(head ? [head] : [])]) if (!verifyCheckpoint(cp, keys)) return { ok: false }
  const startSeq = startFrom?.seq ?? 0
  const anchors = new Map<number, string>()
  for (const cp of checkpoints) if (cp.seq > startSeq) anchors.set(cp.seq, cp.hash)
  if (head && head.seq > startSeq) {
    if (anchors.has(head.seq) && anchors.get(head.seq) !== head.hash) return { ok: false }
    anchors.set(head.seq, head.hash)
  }
  if (startFrom) {
    // The entry at the start checkpoint, when it is still there, must be the one signed.
    const text = await sql<{ page: string | null }>`select concat_ws(chr(31), seq, at, actor_id, action,
        case when subject_id is null then '' else 'v' || subject_id end, case when purpose is null then '' else 'v' || purpose end,
        categories::text, case when decision is null then '' else 'v' || decision end, case when reason is null then '' else 'v' || reason end,
        prev_hash, hash) as page from audit_entry where seq = ${startSeq}`.execute(db)
    const row = text.rows[0]?.page
    if (row) {
      const e = parseRow(row)
      if (!e || e.hash !== startFrom.hash || oneShotHash('sha256', encodeEntry(e.prevHash, e, startSeq), 'hex') !== e.hash) return { ok: false }
    }
  }

  // Workers only pay off past one page (starting one costs tens of milliseconds).
  let pool: ReturnType<typeof startWorkers> | undefined
  try {
    let expected = startSeq + 1
    let prev = startFrom?.hash ?? GENESIS_HASH
    let count = 0
    let prunedThrough = 0
    const inFlight: Promise<PageSummary>[] = []
    const settle = (s: PageSummary): boolean => {
      if (!s.ok || s.firstSeq !== expected || s.firstPrevHash !== prev) return false
      expected = s.lastSeq + 1
      prev = s.lastHash
      count += s.count
      if (s.prunedThrough > prunedThrough) prunedThrough = s.prunedThrough
      return true
    }
    let last = startSeq
    let next = fetchPage(db, last, pageSize)
    for (;;) {
      const text = await next
      if (text === '') break
      const lastRow = text.slice(text.lastIndexOf(RS) + 1)
      last = rowSeq(lastRow)
      const full = countRows(text) === pageSize
      next = full && Number.isSafeInteger(last) ? fetchPage(db, last, pageSize) : Promise.resolve('')
      if (full && !pool && workerCount > 0) pool = startWorkers(workerCount, anchors)
      inFlight.push(pool ? pool.check(text) : Promise.resolve(checkPage(text, anchors)))
      while (inFlight.length > Math.max(1, workerCount)) if (!settle(await inFlight.shift()!)) return drain(next, inFlight)
      if (!full) break
    }
    while (inFlight.length) if (!settle(await inFlight.shift()!)) return drain(next, inFlight)
    const lastSeq = expected - 1
    if (head && lastSeq < head.seq) return { ok: false }
    if (startFrom && prunedThrough < startFrom.seq) return { ok: false }
    return { ok: true, count, lastSeq, lastHash: prev }
  } finally {
    await pool?.close()
  }
}

async function drain(next: Promise<string>, inFlight: Promise<PageSummary>[]): Promise<{ ok: false }> {
  await Promise.allSettled([next, ...inFlight])
  return { ok: false }
}

function countRows(text: string): number {
  let n = 1
  for (let i = text.indexOf(RS); i !== -1; i = text.indexOf(RS, i + 1)) n++
  return n
}

function startWorkers(n: number, anchors: ReadonlyMap<number, string>) {
  // The worker runs from TypeScript like the rest of Pledge: it registers the tsx loader first.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./verify-worker.ts', import.meta.url).href)}) })`
  const workers = Array.from({ length: n }, () => new Worker(boot, { eval: true, workerData: { anchors: [...anchors] } }))
  const waiting = new Map<number, { resolve: (s: PageSummary) => void; reject: (e: unknown) => void }>()
  let id = 0
  for (const w of workers) {
    w.on('message', (m: { id: number; summary: PageSummary }) => {
      waiting.get(m.id)?.resolve(m.summary)
      waiting.delete(m.id)
    })
    w.on('error', (err) => {
      for (const p of waiting.values()) p.reject(err)
      waiting.clear()
    })
  }
  return {
    check(text: string): Promise<PageSummary> {
      const my = id++
      return new Promise<PageSummary>((resolve, reject) => {
        waiting.set(my, { resolve, reject })
        workers[my % workers.length]!.postMessage({ id: my, text })
      })
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}

/** The slow path: every entry through ChainVerifier, which names the first bad seq and lists every bad entry. */
async function slowPath(db: Kysely<DB>, plan: Plan, pageSize: number): Promise<VerifyResult> {
  const { startFrom, head, checkpoints, keys, minSeq } = plan
  const verifier = new ChainVerifier({ ...(startFrom ? { startFrom } : {}), ...(head ? { head } : {}), checkpoints, keys })
  let prunedThrough = 0
  let last = 0
  for (;;) {
    const text = await fetchPage(db, last, pageSize)
    if (text === '') break
    const rows = text.split(RS)
    for (let i = 0; i < rows.length; i++) {
      const e = parseRow(rows[i]!)
      if (e === undefined) {
        // A row that does not split into its columns: bad, and the next rows are still checked.
        const columns = rows[i]!.split(US)
        verifier.unreadable(rowSeq(rows[i]!), columns.length > 1 ? columns[columns.length - 1] : undefined)
        continue
      }
      if (e.action === PRUNE_ACTION && e.reason?.startsWith('through:')) {
        const through = Number(e.reason.slice(8))
        if (Number.isSafeInteger(through) && through > prunedThrough) prunedThrough = through
      }
      verifier.push(e)
    }
    const lastRow = rows[rows.length - 1]!
    last = rowSeq(lastRow)
    if (rows.length < pageSize || !Number.isSafeInteger(last)) break
  }
  const result = verifier.finish()
  if (startFrom && prunedThrough < startFrom.seq) {
    const missing = { seq: prunedThrough + 1, problem: 'deleted' as const, message: `entries ${prunedThrough + 1}–${minSeq! - 1} are missing and no ${PRUNE_ACTION} entry records their pruning` }
    // The missing prefix comes before anything the chain walk found.
    return withProblem(result, missing)
  }
  return result
}

/**
 * Removes entries up to a signed checkpoint (old entries under their own retention), after
 * recording the pruning in the chain itself: an `audit.prune` entry with reason `through:<seq>`.
 * Verification then starts at that checkpoint. Returns the number of entries removed.
 */
export async function pruneAuditEntries(db: Kysely<DB>, log: AuditLog, options: { throughSeq: number; actorId: string; publicKeys: readonly KeyObject[] }): Promise<number> {
  const cp = await db.selectFrom('audit_checkpoint').select(['seq', 'hash', 'at', 'key_id', 'signature']).where('seq', '=', options.throughSeq).executeTakeFirst()
  if (!cp || !verifyCheckpoint({ seq: Number(cp.seq), hash: cp.hash, at: cp.at, keyId: cp.key_id, signature: cp.signature }, options.publicKeys)) {
    throw new Error(`there is no valid signed checkpoint at seq ${options.throughSeq}: prune only up to a checkpoint`)
  }
  await log.append({ actorId: options.actorId, action: PRUNE_ACTION, subjectId: null, purpose: null, categories: [], decision: null, reason: `through:${options.throughSeq}` })
  const deleted = await db.deleteFrom('audit_entry').where('seq', '<=', options.throughSeq).executeTakeFirst()
  await db.deleteFrom('audit_checkpoint').where('seq', '<', options.throughSeq).execute()
  return Number(deleted.numDeletedRows)
}

