// The witness: an append-only file of every signed checkpoint (and every pruning) of the audit log,
// meant for other storage than the database, its backups and the data directory (PLEDGE_AUDIT_WITNESS).
// Whoever can rewrite the database and its head file can make the log look whole again; they cannot
// take back what the witness already holds, so a log rolled back, truncated or emptied is found:
// verification fails when the database is behind the witness, disagrees with it, or the head file
// is missing or older than the witness's last checkpoint.
//
// One JSON object per line: {"kind":"checkpoint","seq":…,"hash":…,"at":…,"keyId":…,"signature":…}
// or {"kind":"prune","startSeq":…,"checkpoint":{seq,hash,at,keyId,signature},"at":…} — the chain was
// pruned and now starts at the entry of that signed checkpoint (an older form, {"kind":"prune",
// "through":…}, is read as a start at `through`). Each line is written with one append and an fsync.
// The database's recorded start may be behind the witness's last prune (a prune killed after
// writing here), never ahead of it: a start moved forward in the database alone is entries deleted.
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs'
import { CheckpointError, type SignedCheckpoint } from './checkpoint.ts'

export type WitnessRecord =
  | ({ readonly kind: 'checkpoint' } & SignedCheckpoint)
  | { readonly kind: 'prune'; readonly startSeq: number; readonly checkpoint: SignedCheckpoint; readonly at: string }

/** The witness's record of the latest pruning. */
export interface WitnessPrune {
  /** The chain starts at this seq (the entry of a signed checkpoint). */
  readonly startSeq: number
  /** That signed checkpoint (absent in the older record form). */
  readonly checkpoint: SignedCheckpoint | undefined
  readonly at: string
}

/** Appends records durably (O_APPEND, fsync). */
export function appendWitness(path: string, records: readonly WitnessRecord[]): void {
  if (records.length === 0) return
  const fd = openSync(path, 'a', 0o600)
  try {
    writeSync(fd, records.map((r) => `${JSON.stringify(r)}\n`).join(''))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export interface Witness {
  readonly checkpoints: readonly SignedCheckpoint[]
  /** The latest pruning recorded (the one with the highest start), undefined when none. */
  readonly prune: WitnessPrune | undefined
}

/**
 * Reads the witness; undefined when the file does not exist yet. A last line cut short (a crash
 * while appending) is ignored; any other bad line is an error (someone edited the witness).
 */
export function readWitness(path: string): Witness | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const lines = text.split('\n')
  const complete = text.endsWith('\n') ? lines.slice(0, -1) : lines.slice(0, -1)
  const checkpoints: SignedCheckpoint[] = []
  let prune: WitnessPrune | undefined
  complete.forEach((line, i) => {
    let r: Record<string, unknown>
    try {
      r = JSON.parse(line) as Record<string, unknown>
    } catch {
      throw new CheckpointError(`${path}: line ${i + 1} is not a witness record`)
    }
    if (r['kind'] === 'checkpoint' && typeof r['seq'] === 'number' && typeof r['hash'] === 'string' && typeof r['at'] === 'string' && typeof r['keyId'] === 'string' && typeof r['signature'] === 'string') {
      checkpoints.push({ seq: r['seq'], hash: r['hash'], at: r['at'], keyId: r['keyId'], signature: r['signature'] })
    } else if (r['kind'] === 'prune' && (typeof r['startSeq'] === 'number' || typeof r['through'] === 'number')) {
      const startSeq = typeof r['startSeq'] === 'number' ? r['startSeq'] : (r['through'] as number)
      const c = r['checkpoint'] as Record<string, unknown> | undefined
      const checkpoint =
        c && typeof c === 'object' && typeof c['seq'] === 'number' && typeof c['hash'] === 'string' && typeof c['at'] === 'string' && typeof c['keyId'] === 'string' && typeof c['signature'] === 'string'
          ? { seq: c['seq'], hash: c['hash'], at: c['at'], keyId: c['keyId'], signature: c['signature'] }
          : undefined
      if (!prune || startSeq >= prune.startSeq) prune = { startSeq, checkpoint, at: typeof r['at'] === 'string' ? r['at'] : '' }
    } else {
      throw new CheckpointError(`${path}: line ${i + 1} is not a witness record`)
    }
  })
  return { checkpoints, prune }
}
