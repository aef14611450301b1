// Verifies the audit chain stored in the database against the signed checkpoints and the signed
// head file outside the database.
//
// Where it starts: at the start recorded in audit_start (migration 0013) — the genesis until the log
// is pruned (ChainAuditLog.prune), then the entry of a signed checkpoint. A pruned start must be a
// validly signed checkpoint whose entry is there, the chain after it must hold the `audit.prune`
// entry recording that start, and with a witness the start may not be ahead of the witness's last
// prune record. So the oldest entries deleted by hand — with or without the start moved forward in
// the database — are reported as a deletion, not taken for a pruning. Rows below the recorded start
// (a prune killed half-way) are not part of the chain and are not read.
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
import { ChainVerifier, FIRST_SEQ, GENESIS_HASH, encodeEntry, withProblem, type ChainProblemReport, type VerifyResult } from './chain.ts'
import { readWitness, type Witness } from './witness.ts'
import { readSignedHead, trustedKeys, verifyCheckpoint, type SignedCheckpoint, type TrustedKeys } from './checkpoint.ts'
import { PRUNE_ACTION, US, RS, checkPage, fetchPage, parseRow, rowSeq, type PageSummary } from './verify-page.ts'
import { pruneStartOf, readAuditStart, type AuditStart } from './audit-start.ts'

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
  /**
   * The witness file (PLEDGE_AUDIT_WITNESS): every checkpoint it holds must be in the chain, the
   * chain must reach its last one, and the head file must exist and be at least as new.
   */
  readonly witnessPath?: string | undefined
  /**
   * The operator says the log is new (`pledge audit verify --first-run`): without a witness, a
   * missing head file is then no failure. Default false: a missing head file fails verification.
   */
  readonly newLog?: boolean
}

export type StoreVerifyResult = VerifyResult & {
  /** Entries verified per second (the whole run, reads included). */
  readonly rate: number
  readonly elapsedMs: number
  /** The seq of the checkpoint verification started from (0: the genesis). */
  readonly startedAt: number
  /** Where the chain starts as recorded by the latest pruning (seq 0: never pruned). */
  readonly start: AuditStart
  /** The signed head file that was compared, or undefined when there was none. */
  readonly head: SignedCheckpoint | undefined
  /** Signed checkpoints stored in the database. */
  readonly checkpoints: number
  /** The witness's last checkpoint, or undefined without a witness (or an empty one). */
  readonly witness: SignedCheckpoint | undefined
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
  const headFile = readSignedHead(options.headPath)
  const start = await readAuditStart(db)
  const stored: SignedCheckpoint[] = (
    await db.selectFrom('audit_checkpoint').select(['seq', 'hash', 'at', 'key_id', 'signature']).where('seq', '>=', start.seq).orderBy('seq').execute()
  ).map((c) => ({ seq: Number(c.seq), hash: c.hash, at: c.at, keyId: c.key_id, signature: c.signature }))
  // The witness, kept elsewhere, cannot be taken back: its checkpoints are anchors the database
  // must match, and its last one is a head the chain must reach (the newer of it and the head file).
  const witness = options.witnessPath ? readWitness(options.witnessPath) : undefined
  const witnessed = (witness?.checkpoints ?? []).filter((c) => c.seq >= start.seq)
  const witnessLast = witnessed.reduce<SignedCheckpoint | undefined>((a, c) => (!a || c.seq > a.seq ? c : a), undefined)
  const head = witnessLast && (!headFile || headFile.seq < witnessLast.seq) ? witnessLast : headFile
  // The stored checkpoints stay as they are (a forged one is reported as such); the witness adds
  // those the database no longer has, and one that differs from the witness at its seq is tampering.
  const storedSeqs = new Map(stored.map((c) => [c.seq, c]))
  const checkpoints = [...stored, ...witnessed.filter((c) => !storedSeqs.has(c.seq))].sort((a, b) => a.seq - b.seq)
  const disagreements: ChainProblemReport[] = witnessed
    .filter((w) => storedSeqs.has(w.seq) && (storedSeqs.get(w.seq)!.hash !== w.hash || storedSeqs.get(w.seq)!.signature !== w.signature) && verifyCheckpoint(w, keys))
    .map((w) => ({ seq: w.seq, problem: 'rewritten', message: `the checkpoint stored at seq ${w.seq} differs from the one the witness holds: it was replaced` }))
  const first = await sql<{ seq: number }>`select seq from audit_entry where seq >= ${start.seq} order by seq limit 1`.execute(db)
  const minSeq = first.rows[0] ? Number(first.rows[0].seq) : undefined
  const startProblems = await checkStart(db, start, witness, minSeq, keys)
  // A pruned log starts at its recorded signed checkpoint (a forged one is reported by the walk).
  const startFrom = start.seq > 0 ? start.checkpoint : undefined
  const plan: Plan = { startFrom, head, checkpoints, keys, minSeq }

  const headProblem = missingHead(headFile, witnessLast, options)
  const finish = (verdict: VerifyResult): StoreVerifyResult => {
    const result = [...startProblems, ...disagreements, ...(headProblem ? [headProblem] : [])].reduce((r, p) => withProblem(r, p), verdict)
    const elapsedMs = performance.now() - started
    return { ...result, rate: elapsedMs > 0 ? (result.count * 1000) / elapsedMs : 0, elapsedMs, startedAt: startFrom?.seq ?? 0, start, head: headFile, checkpoints: stored.length, witness: witnessLast }
  }
  if (minSeq !== undefined && minSeq > FIRST_SEQ && start.seq === 0) {
    // The rest is still verified, from the genesis, so that every other bad entry is listed too.
    const rest = await slowPath(db, plan, pageSize)
    return finish(withProblem(rest, { seq: FIRST_SEQ, problem: 'deleted', message: `the chain starts at seq ${minSeq} and no pruning was recorded: entries ${FIRST_SEQ}–${minSeq - 1} are missing` }))
  }
  const workers = Math.max(0, Math.min(options.workers ?? 0, availableParallelism()))
  const fast = await fastPath(db, plan, pageSize, workers)
  if (fast.ok) return finish(fast)
  return finish(await slowPath(db, plan, pageSize))
}

/**
 * A recorded start that pruning did not make: one without a valid signed checkpoint, one whose entry
 * is gone, or one ahead of the witness's last prune record (the witness learns of a pruning before
 * the database records it, so the database may lag it after a crash, never lead it).
 */
async function checkStart(db: Kysely<DB>, start: AuditStart, witness: Witness | undefined, minSeq: number | undefined, keys: TrustedKeys): Promise<ChainProblemReport[]> {
  const problems: ChainProblemReport[] = []
  // The witness's verdict is pushed last: at the same seq, it is the one reported.
  const witnessProblems: ChainProblemReport[] = []
  const witnessStart = witness?.prune?.startSeq ?? 0
  const witnessHolds = witness !== undefined && (witness.checkpoints.length > 0 || witness.prune !== undefined)
  if (witnessHolds && start.seq > witnessStart) {
    const from = Math.max(FIRST_SEQ, witnessStart)
    witnessProblems.push({
      seq: from,
      problem: 'deleted',
      message: `the database records the chain as starting at entry ${start.seq}, but the witness ${witnessStart > 0 ? `records a pruning to entry ${witnessStart} only` : 'records no pruning'}: entries ${from}–${start.seq - 1} were deleted without a pruning`,
    })
  } else if (witnessHolds && start.seq > 0 && start.seq === witnessStart && start.checkpoint && witness.prune?.checkpoint && witness.prune.checkpoint.hash !== start.checkpoint.hash) {
    witnessProblems.push({ seq: start.seq, problem: 'rewritten', message: `the signed checkpoint the chain starts at (entry ${start.seq}) differs from the one the witness's prune record holds` })
  }
  const done = () => [...problems, ...witnessProblems]
  if (start.seq === 0) return done()
  if (!start.checkpoint) {
    problems.push({ seq: FIRST_SEQ, problem: 'deleted', message: `the database records the chain as starting at entry ${start.seq} without a signed checkpoint: entries ${FIRST_SEQ}–${start.seq - 1} are missing` })
    return done()
  }
  if (!verifyCheckpoint(start.checkpoint, keys)) return done() // reported by the walk (bad-signature at the start)
  if (minSeq !== start.seq) {
    problems.push({ seq: start.seq, problem: 'deleted', message: `entry ${start.seq}, the signed checkpoint the chain starts at, is missing` })
  }
  // The chain itself must record the pruning to this start (an audit.prune entry after it).
  const recorded = await sql<{ reason: string | null }>`select reason from audit_entry where seq > ${start.seq} and action = ${PRUNE_ACTION} and reason like ${`start:${start.seq} %`}`.execute(db)
  if (!recorded.rows.some((r) => pruneStartOf(r.reason) === start.seq)) {
    problems.push({ seq: FIRST_SEQ, problem: 'deleted', message: `entries ${FIRST_SEQ}–${start.seq - 1} are missing and no ${PRUNE_ACTION} entry records their pruning` })
  }
  return done()
}

/**
 * A head file that should be there and is not, or is older than the witness: the one thing a
 * rollback with a rewritten head file looks like. Without a witness, a missing head file is a
 * failure unless the operator declares the log new (or it holds no entry at all).
 */
function missingHead(headFile: SignedCheckpoint | undefined, witnessLast: SignedCheckpoint | undefined, options: VerifyStoreOptions): ChainProblemReport | undefined {
  if (witnessLast) {
    if (!headFile) return { seq: witnessLast.seq, problem: 'head-missing', message: `the signed head file ${options.headPath} is missing, while the witness holds a checkpoint at seq ${witnessLast.seq}: the log and its head may have been rolled back` }
    if (headFile.seq < witnessLast.seq) return { seq: witnessLast.seq, problem: 'head-missing', message: `the signed head file is at seq ${headFile.seq}, older than the witness's last checkpoint at seq ${witnessLast.seq}: an older head was put back` }
    return undefined
  }
  if (headFile || options.newLog) return undefined
  return { seq: FIRST_SEQ, problem: 'head-missing', message: `there is no signed head file at ${options.headPath}: without it (and without a witness, PLEDGE_AUDIT_WITNESS) a truncated, rolled-back or emptied log cannot be told from an intact one; if this log is new, run \`pledge audit verify --first-run\`` }
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
    const inFlight: Promise<PageSummary>[] = []
    const settle = (s: PageSummary): boolean => {
      if (!s.ok || s.firstSeq !== expected || s.firstPrevHash !== prev) return false
      expected = s.lastSeq + 1
      prev = s.lastHash
      count += s.count
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
  const { startFrom, head, checkpoints, keys } = plan
  const verifier = new ChainVerifier({ ...(startFrom ? { startFrom } : {}), ...(head ? { head } : {}), checkpoints, keys })
  // From the start's own entry (the walk checks it against the signed checkpoint); rows below the
  // recorded start (a prune killed half-way) are not part of the chain.
  let last = startFrom ? startFrom.seq - 1 : 0
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
      verifier.push(e)
    }
    const lastRow = rows[rows.length - 1]!
    last = rowSeq(lastRow)
    if (rows.length < pageSize || !Number.isSafeInteger(last)) break
  }
  return verifier.finish()
}
