// One page of stored audit entries, as verification reads it, and the fast check of a page (run in
// worker threads by verify-store.ts). The fast check only ever says "this page is intact and links
// to X"; anything else sends verification to the slow path (ChainVerifier), which names the first
// bad seq.
//
// A page comes back from the database as ONE text value (about 8× faster to read than row objects on
// PGlite, 2× on PostgreSQL, where the server builds it on its own core): rows separated by U+001E,
// columns by U+001F, nullable columns prefixed with 'v' (empty = null) so that no stored value can
// pass for a null. Every row must split into exactly 11 columns, so a value holding a separator
// cannot shift the others: the split is injective, and what is hashed is what is stored. categories
// is jsonb, whose text form escapes control characters.
import { hash as oneShotHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { encodeEntry, type AuditEntryInput } from './chain.ts'

export const RS = '\u001e'
export const US = '\u001f'
const COLUMNS = 11

/** The action of the entry that records a pruning; its reason is `start:<seq> from:<seq>` (src/audit/audit-start.ts). */
export const PRUNE_ACTION = 'audit.prune'

/** Entries with seq > after, in seq order, at most `limit`, as one text value ('' when none). */
export function fetchPage(db: Kysely<DB>, after: number, limit: number): Promise<string> {
  return sql<{ page: string | null }>`select string_agg(concat_ws(chr(31), seq, at, actor_id, action,
        case when subject_id is null then '' else 'v' || subject_id end,
        case when purpose is null then '' else 'v' || purpose end,
        categories::text,
        case when decision is null then '' else 'v' || decision end,
        case when reason is null then '' else 'v' || reason end,
        prev_hash, hash), chr(30) order by seq) as page
      from (select * from audit_entry where seq > ${after} order by seq limit ${limit}) p`
    .execute(db)
    .then((r) => r.rows[0]?.page ?? '')
}

const nullable = (s: string): string | null => (s === '' ? null : s.slice(1))

function parseCategories(text: string): string[] {
  // Fast path for the usual plain identifiers; anything else through JSON.parse.
  if (text === '[]') return []
  if (text.startsWith('["') && text.endsWith('"]') && !text.includes('\\')) {
    const inner = text.slice(2, -2)
    const parts = inner.split('", "')
    if (parts.every((p) => !p.includes('"'))) return parts
  }
  const v = JSON.parse(text) as unknown
  if (!Array.isArray(v)) throw new TypeError('categories is not an array')
  return v as string[]
}

/** One row of a page, or undefined when it does not split into exactly 11 columns. */
export function parseRow(row: string): AuditEntryInput | undefined {
  const c = row.split(US)
  if (c.length !== COLUMNS) return undefined
  let categories: string[]
  try {
    categories = parseCategories(c[6]!)
  } catch {
    return undefined
  }
  return {
    seq: Number(c[0]),
    at: c[1]!,
    actorId: c[2]!,
    action: c[3]!,
    subjectId: nullable(c[4]!),
    purpose: nullable(c[5]!),
    categories,
    decision: nullable(c[7]!) as AuditEntryInput['decision'],
    reason: nullable(c[8]!),
    prevHash: c[9]!,
    hash: c[10]!,
  }
}

/** The seq at the start of a raw row (NaN when malformed). */
export function rowSeq(row: string): number {
  return Number(row.slice(0, row.indexOf(US)))
}

export interface PageSummary {
  /** Every row parsed, hashed to its recorded hash, and linked to the row before it, seqs contiguous. */
  readonly ok: boolean
  readonly count: number
  readonly firstSeq: number
  readonly firstPrevHash: string
  readonly lastSeq: number
  readonly lastHash: string
  /** Anchors (signed checkpoints, the head) in this page whose hash differs. */
  readonly anchorMismatch: boolean
}

/** The fast check of one page (see the header). `anchors` maps seq → signed hash. */
export function checkPage(text: string, anchors: ReadonlyMap<number, string>): PageSummary {
  const rows = text.split(RS)
  let ok = true
  let anchorMismatch = false
  let firstSeq = NaN
  let firstPrevHash = ''
  let lastSeq = NaN
  let lastHash = ''
  for (let i = 0; i < rows.length; i++) {
    const e = parseRow(rows[i]!)
    if (e === undefined) {
      ok = false
      break
    }
    const seq = e.seq as number
    if (i === 0) {
      firstSeq = seq
      firstPrevHash = e.prevHash
    } else if (seq !== lastSeq + 1 || e.prevHash !== lastHash) {
      ok = false
      break
    }
    if (!Number.isSafeInteger(seq) || oneShotHash('sha256', encodeEntry(e.prevHash, e, seq), 'hex') !== e.hash) {
      ok = false
      break
    }
    const anchor = anchors.get(seq)
    if (anchor !== undefined && anchor !== e.hash) anchorMismatch = true
    lastSeq = seq
    lastHash = e.hash
  }
  return { ok: ok && !anchorMismatch, count: rows.length, firstSeq, firstPrevHash, lastSeq, lastHash, anchorMismatch }
}
