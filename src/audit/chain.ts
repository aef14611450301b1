// The tamper-evident audit log core: entries form a SHA-256 hash chain, each hash covering the
// previous entry's hash and every field of the entry. Entries carry identifiers only — never personal
// data — so erasure never has to touch the log.
//
// Encoding hashed (fixed field order, canonical by construction): canonical JSON of the array
//   ["pledge-audit-v1", prevHash, seq, at, actorId, action, subjectId, purpose, categories, decision, reason]
// An array of strings, integers, nulls and string arrays has exactly one JSON form, so this is both
// canonicalJson(...) and JSON.stringify(...); encodeEntry builds the same string by hand.
// The hash covers `at` as the exact string: store it as text, not as a timestamp that a database
// may re-format or round.
//
// verifyChain reports the FIRST bad sequence number and what happened there. Without a signed
// anchor an attacker who can write the database can rebuild the whole chain after the point they
// changed (the hash is unkeyed); signed checkpoints and the signed head outside the database are what
// catch that, and then the first bad seq is known to lie after the last checkpoint that still matches.
import { hash as oneShotHash } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { verifyCheckpoint, trustedKeys, type SignedCheckpoint, type TrustedKeys } from './checkpoint.ts'

export const GENESIS_HASH = '0'.repeat(64)
export const FIRST_SEQ = 1
const FORMAT = 'pledge-audit-v1'

export type AuditDecision = 'allow' | 'deny'

export interface AuditFields {
  readonly seq: number
  /** ISO 8601, hashed as the exact string. */
  readonly at: string
  readonly actorId: string
  readonly action: string
  readonly subjectId: string | null
  readonly purpose: string | null
  readonly categories: readonly string[]
  readonly decision: AuditDecision | null
  /** A reason code, not free text about a person. */
  readonly reason: string | null
}

export interface AuditEntry extends AuditFields {
  readonly prevHash: string
  readonly hash: string
}

/** What verification may be given: seq may come back from a database as bigint or string. */
export type AuditEntryInput = Omit<AuditEntry, 'seq'> & { readonly seq: number | bigint | string }

// JSON string literal: identical to JSON.stringify, but skips it for the common plain-ASCII case
// (about 1.7× faster on the verification hot path).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/
function str(s: unknown): string {
  return typeof s === 'string' && !NEEDS_ESCAPE.test(s) ? `"${s}"` : (JSON.stringify(s) ?? 'null')
}

/**
 * The exact string that is hashed: canonical JSON of the fixed-order array in the header, built by
 * hand for speed (a test pins it to canonicalJson). `seq` is passed separately so that a database's
 * bigint/string seq, or a candidate seq during diagnosis, is encoded as a plain integer.
 */
export function encodeEntry(prevHash: string, f: Omit<AuditFields, 'seq'>, seq: number): string {
  const c = f.categories
  let cats = ''
  if (Array.isArray(c)) for (let i = 0; i < c.length; i++) cats += i === 0 ? str(c[i]) : `,${str(c[i])}`
  else cats = 'invalid'
  return `["${FORMAT}",${str(prevHash)},${JSON.stringify(seq)},${str(f.at)},${str(f.actorId)},${str(f.action)},${str(f.subjectId)},${str(f.purpose)},[${cats}],${str(f.decision)},${str(f.reason)}]`
}

/** SHA-256 (hex) over the canonical encoding of the entry and the previous entry's hash. */
export function hashEntry(prevHash: string, fields: AuditFields): string {
  return oneShotHash('sha256', encodeEntry(prevHash, fields, fields.seq), 'hex')
}

const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/

function checkFields(f: Omit<AuditFields, 'seq'>): void {
  const str = (name: string, v: unknown, nullable: boolean): void => {
    if (v === null && nullable) return
    if (typeof v !== 'string' || v === '') throw new TypeError(`audit entry ${name} must be a non-empty string${nullable ? ' or null' : ''}`)
    if (EMAIL_LIKE.test(v)) throw new TypeError(`audit entry ${name} looks like an e-mail address: audit entries carry identifiers only, never personal data`)
  }
  if (typeof f.at !== 'string' || Number.isNaN(Date.parse(f.at))) throw new TypeError('audit entry at must be an ISO 8601 string')
  str('actorId', f.actorId, false)
  str('action', f.action, false)
  str('subjectId', f.subjectId, true)
  str('purpose', f.purpose, true)
  str('reason', f.reason, true)
  if (!Array.isArray(f.categories)) throw new TypeError('audit entry categories must be an array of strings')
  for (const c of f.categories) str('categories[]', c, false)
  if (f.decision !== null && f.decision !== 'allow' && f.decision !== 'deny') throw new TypeError(`audit entry decision must be 'allow', 'deny' or null`)
}

/**
 * The next entry after `prev` (null for the first entry of the chain): assigns seq, links prevHash,
 * computes the hash. Validates the fields and refuses e-mail-like values (identifiers only).
 */
export function appendEntry(prev: { readonly seq: number; readonly hash: string } | null, fields: Omit<AuditFields, 'seq'>): AuditEntry {
  checkFields(fields)
  const seq = prev === null ? FIRST_SEQ : prev.seq + 1
  const prevHash = prev === null ? GENESIS_HASH : prev.hash
  const entry = {
    seq,
    at: fields.at,
    actorId: fields.actorId,
    action: fields.action,
    subjectId: fields.subjectId,
    purpose: fields.purpose,
    categories: [...fields.categories],
    decision: fields.decision,
    reason: fields.reason,
  }
  return { ...entry, prevHash, hash: hashEntry(prevHash, entry) }
}

export type ChainProblem =
  /** An entry's content no longer matches its hash, or an entry was rewritten and re-hashed. */
  | 'modified'
  /** Sequence numbers are missing (or entries were removed and the rest renumbered). */
  | 'deleted'
  /** An entry that is not part of the chain sits in it (duplicate seq, or entries shifted to make room). */
  | 'inserted'
  /** Entries are present but in another order. */
  | 'reordered'
  /** The chain ends before the signed head. */
  | 'truncated'
  /** The chain is internally consistent but differs from a signed checkpoint or the signed head at that seq: rebuilt after firstBadSeq - 1. */
  | 'rewritten'
  /** A checkpoint or head signature does not verify under the trusted keys. */
  | 'bad-signature'

export type VerifyResult =
  | { readonly ok: true; readonly count: number; readonly lastSeq: number; readonly lastHash: string }
  | { readonly ok: false; readonly firstBadSeq: number; readonly problem: ChainProblem; readonly message: string; readonly count: number }

export interface VerifyOptions {
  /** Start at this signed checkpoint (entries up to its seq may have been pruned). */
  readonly startFrom?: SignedCheckpoint
  /** The latest signed head (from outside the database): the chain must reach it and match it. */
  readonly head?: SignedCheckpoint
  /** Intermediate signed checkpoints (any order); each must match the chain at its seq. */
  readonly checkpoints?: Iterable<SignedCheckpoint>
  /** Public keys trusted to sign checkpoints (required when any checkpoint is given). */
  readonly keys?: TrustedKeys | KeyObject | Iterable<KeyObject>
}

const RING = 64 // recent accepted entries kept for diagnosis
const SEARCH = 64 // how far a renumbered entry's original seq is searched

function toSeq(v: number | bigint | string): number {
  return typeof v === 'number' ? v : Number(v)
}

/**
 * Streaming verifier: push entries in seq order, then finish(). push returns false once the
 * verdict is known (the caller may stop reading). Diagnosis of a break looks one entry ahead.
 */
export class ChainVerifier {
  #expected: number
  #prev: string
  #lastPrevHash: string | undefined // prevHash field of the last accepted entry
  #count = 0
  #startSeq: number // the seq of the anchor the chain starts after (0 = genesis)
  readonly #ringSeq = new Array<number>(RING).fill(-1)
  readonly #ringHash = new Array<string>(RING).fill('')
  readonly #anchors: SignedCheckpoint[] // ascending, after start, head included
  #anchorIdx = 0
  #nextAnchorSeq: number
  #lastMatchedAnchor: number
  readonly #head: SignedCheckpoint | undefined
  #pending: AuditEntryInput | undefined
  #verdict: VerifyResult | undefined

  constructor(options: VerifyOptions = {}) {
    const { startFrom, head } = options
    const cps = [...(options.checkpoints ?? [])]
    const all = [...(startFrom ? [startFrom] : []), ...(head ? [head] : []), ...cps]
    this.#head = head
    this.#startSeq = startFrom ? startFrom.seq : FIRST_SEQ - 1
    this.#expected = this.#startSeq + 1
    this.#prev = startFrom ? startFrom.hash : GENESIS_HASH
    this.#lastMatchedAnchor = this.#startSeq
    this.#remember(this.#startSeq, this.#prev)
    if (all.length > 0) {
      if (!options.keys) throw new TypeError('verifyChain: signed checkpoints were given without trusted keys')
      const keys = options.keys instanceof Map ? (options.keys as TrustedKeys) : trustedKeys(isIterable(options.keys) ? options.keys : [options.keys as KeyObject])
      const bad = all.filter((cp) => !verifyCheckpoint(cp, keys)).sort((a, b) => a.seq - b.seq)[0]
      if (bad) this.#fail(bad.seq, 'bad-signature', `the signed checkpoint at seq ${bad.seq} does not verify under the trusted keys (key id ${String(bad.keyId)})`)
    }
    this.#anchors = [...cps, ...(head ? [head] : [])].filter((cp) => cp.seq > this.#startSeq).sort((a, b) => a.seq - b.seq)
    this.#nextAnchorSeq = this.#anchors[0]?.seq ?? -1
  }

  /** Feeds the next entry. Returns false once a verdict is known. */
  push(e: AuditEntryInput): boolean {
    if (this.#verdict) return false
    if (this.#pending) {
      this.#diagnose(this.#pending, e)
      return false
    }
    const seq = toSeq(e.seq)
    const prev = this.#prev
    if (seq === this.#expected && e.prevHash === prev) {
      const h = oneShotHash('sha256', encodeEntry(prev, e, seq), 'hex')
      if (h === e.hash) {
        this.#accept(seq, h, prev)
        return this.#verdict === undefined
      }
    }
    return this.#slow(e, seq)
  }

  #accept(seq: number, h: string, prevHash: string): void {
    this.#prev = h
    this.#lastPrevHash = prevHash
    this.#expected = seq + 1
    this.#count++
    const i = seq % RING
    this.#ringSeq[i] = seq
    this.#ringHash[i] = h
    if (seq === this.#nextAnchorSeq) this.#checkAnchor(seq, h)
  }

  #remember(seq: number, h: string): void {
    const i = ((seq % RING) + RING) % RING
    this.#ringSeq[i] = seq
    this.#ringHash[i] = h
  }

  #checkAnchor(seq: number, h: string): void {
    while (this.#nextAnchorSeq === seq) {
      const a = this.#anchors[this.#anchorIdx++] as SignedCheckpoint
      if (a.hash !== h) {
        const what = a === this.#head ? 'the signed head' : 'the signed checkpoint'
        this.#fail(this.#lastMatchedAnchor + 1, 'rewritten', `entry ${seq} differs from ${what} at that seq: the chain was rebuilt somewhere after seq ${this.#lastMatchedAnchor}`)
        return
      }
      this.#lastMatchedAnchor = seq
      this.#nextAnchorSeq = this.#anchors[this.#anchorIdx]?.seq ?? -1
    }
  }

  /** Seq of a recently accepted entry (or the start anchor) with this hash. */
  #findAccepted(h: string): number | undefined {
    let best: number | undefined
    for (let i = 0; i < RING; i++) {
      if (this.#ringHash[i] === h && this.#ringSeq[i]! >= 0 && (best === undefined || this.#ringSeq[i]! > best)) best = this.#ringSeq[i]
    }
    return best
  }

  #slow(e: AuditEntryInput, seq: number): boolean {
    if (!Number.isSafeInteger(seq)) {
      this.#fail(this.#expected, 'modified', `entry after seq ${this.#expected - 1} has an invalid seq`)
      return false
    }
    // Before the start checkpoint: pruned or not, those entries are not verified — except the anchor itself.
    if (this.#count === 0 && seq <= this.#startSeq && this.#startSeq >= FIRST_SEQ) {
      if (seq === this.#startSeq) {
        const self = oneShotHash('sha256', encodeEntry(e.prevHash, e, seq), 'hex')
        if (e.hash !== this.#prev || self !== e.hash) {
          this.#fail(seq, 'modified', `entry ${seq} does not match the signed checkpoint the verification starts from`)
          return false
        }
      }
      return true
    }
    this.#pending = e
    return true
  }

  /** Hash of `e` as if it had sequence number `seq`, with its own recorded prevHash. */
  #selfHash(e: AuditEntryInput, seq: number): string {
    return oneShotHash('sha256', encodeEntry(e.prevHash, e, seq), 'hex')
  }

  /** The seq at which `e` is self-consistent (its original position), searched near `around`. */
  #originalSeq(e: AuditEntryInput, around: number): number | undefined {
    if (this.#selfHash(e, around) === e.hash) return around
    for (let d = 1; d <= SEARCH; d++) {
      if (this.#selfHash(e, around + d) === e.hash) return around + d
      if (around - d >= FIRST_SEQ && this.#selfHash(e, around - d) === e.hash) return around - d
    }
    return undefined
  }

  #diagnose(f: AuditEntryInput, next: AuditEntryInput | undefined): void {
    const s = this.#expected
    const r = this.#prev
    const seq = toSeq(f.seq)
    const nextSeq = next === undefined ? undefined : toSeq(next.seq)
    if (seq > s) {
      if (nextSeq !== undefined && nextSeq >= s && nextSeq < seq) return this.#fail(s, 'reordered', `entry ${seq} comes before entry ${nextSeq}`)
      return this.#fail(s, 'deleted', seq === s + 1 ? `entry ${s} is missing` : `entries ${s}–${seq - 1} are missing`)
    }
    if (seq < s) {
      if (seq === s - 1) return this.#fail(seq, 'inserted', `two entries have seq ${seq}`)
      return this.#fail(seq, 'reordered', `entry ${seq} comes after entry ${s - 1}`)
    }
    // seq === s
    if (f.prevHash === r) {
      if (next !== undefined && next.prevHash === r) return this.#fail(s, 'inserted', `entries ${s} and ${nextSeq} both follow entry ${s - 1}: entry ${s} does not belong to the chain`)
      return this.#fail(s, 'modified', `entry ${s} does not match its hash`)
    }
    const t = this.#originalSeq(f, s)
    if (t === s) {
      const p = this.#findAccepted(f.prevHash)
      if (p !== undefined && p < s - 1) return this.#fail(p + 1, 'inserted', `entry ${s} follows entry ${p}: entries ${p + 1}–${s - 1} do not belong to the chain`)
      if (s - 1 > this.#startSeq) return this.#fail(s - 1, 'modified', `entry ${s} does not follow entry ${s - 1}: entry ${s - 1} was rewritten (and re-hashed), or entry ${s}'s link was`)
      return this.#fail(s, 'modified', `entry ${s} does not follow the ${this.#startSeq >= FIRST_SEQ ? `checkpoint at seq ${this.#startSeq}` : 'start of the chain'}`)
    }
    if (t !== undefined && t < s) {
      const p = this.#findAccepted(f.prevHash)
      const first = p !== undefined ? p + 1 : s
      return this.#fail(first, 'inserted', `entry ${s} was entry ${t}: entries were inserted from seq ${first} and the rest renumbered`)
    }
    if (t !== undefined && t > s) {
      const nt = next === undefined || nextSeq === undefined ? undefined : this.#originalSeq(next, nextSeq)
      if (nt !== undefined && nt < t) return this.#fail(s, 'reordered', `entry ${s} was entry ${t} and entry ${nextSeq} was entry ${nt}: entries were reordered`)
      return this.#fail(s, 'deleted', `entry ${s} was entry ${t}: ${t - s === 1 ? `entry ${s} was` : `entries ${s}–${t - 1} were`} deleted and the rest renumbered`)
    }
    return this.#fail(s, 'modified', `entry ${s} does not match its hash and does not follow entry ${s - 1}`)
  }

  #fail(firstBadSeq: number, problem: ChainProblem, message: string): void {
    this.#verdict ??= { ok: false, firstBadSeq, problem, message, count: this.#count }
  }

  /** The verdict, once every entry has been pushed. */
  finish(): VerifyResult {
    if (this.#pending && !this.#verdict) this.#diagnose(this.#pending, undefined)
    if (this.#verdict) return this.#verdict
    const lastSeq = this.#expected - 1
    if (this.#head && lastSeq < this.#head.seq) {
      return { ok: false, firstBadSeq: lastSeq + 1, problem: 'truncated', message: `the chain ends at seq ${lastSeq} but the signed head is at seq ${this.#head.seq}`, count: this.#count }
    }
    return { ok: true, count: this.#count, lastSeq, lastHash: this.#prev }
  }
}

function isIterable(x: unknown): x is Iterable<KeyObject> {
  return typeof x === 'object' && x !== null && Symbol.iterator in x
}

/** Verifies entries given in seq order (an array, a generator, or an async iterable of entries or of pages of entries). */
export async function verifyChain(
  entries: Iterable<AuditEntryInput> | AsyncIterable<AuditEntryInput | readonly AuditEntryInput[]>,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  if (!(Symbol.asyncIterator in entries)) return verifyChainSync(entries, options)
  const v = new ChainVerifier(options)
  outer: for await (const item of entries) {
    if (Array.isArray(item)) {
      for (const e of item as readonly AuditEntryInput[]) if (!v.push(e)) break outer
    } else if (!v.push(item as AuditEntryInput)) break
  }
  return v.finish()
}

export function verifyChainSync(entries: Iterable<AuditEntryInput>, options: VerifyOptions = {}): VerifyResult {
  const v = new ChainVerifier(options)
  for (const e of entries) if (!v.push(e)) break
  return v.finish()
}
