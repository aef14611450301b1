// The tamper-evident audit log core: entries form a SHA-256 hash chain, each hash covering the
// previous entry's hash and every field of the entry. Entries carry identifiers only — never personal
// data — so erasure never has to touch the log.
//
// Encoding hashed (fixed field order, canonical by construction): the UTF-8 bytes of the canonical
// JSON of the array
//   ["pledge-audit-v1", prevHash, seq, at, actorId, action, subjectId, purpose, categories, decision, reason]
// An array of strings, integers, nulls and string arrays has exactly one JSON form, so this is both
// canonicalJson(...) and JSON.stringify(...); encodeEntry builds the same string by hand.
// What is hashed is exactly what the database stores: appendEntry refuses (TypeError) any string the
// database would change — a NUL, which PostgreSQL cannot store, or a lone UTF-16 surrogate, which
// has no UTF-8 form and would be stored as U+FFFD — so no entry can be written whose row disagrees
// with its hash. (The HTTP edge refuses such text first, with a 422.)
// The hash covers `at` as the exact string: store it as text, not as a timestamp that a database
// may re-format or round.
//
// verifyChain reports the FIRST bad sequence number and what happened there (firstBadSeq, problem,
// message), and goes on to the end: `problems` lists every bad entry it found (the first
// MAX_REPORTED_PROBLEMS), `problemCount` says how many there are, so one bad entry cannot hide later
// tampering. Without a signed anchor an attacker who can write the database can rebuild the whole
// chain after the point they changed (the hash is unkeyed); signed checkpoints and the signed head
// outside the database are what catch that, and then the first bad seq is known to lie after the last
// checkpoint that still matches.
import { hash as oneShotHash } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { verifyCheckpoint, trustedKeys, type SignedCheckpoint, type TrustedKeys } from './checkpoint.ts'
import { textProblem } from '../util/text.ts'

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

// Something shaped like an e-mail address: x@y.z with no whitespace or @ in x, y or z. This is the
// same test as /[^\s@]+@[^\s@]+\.[^\s@]+/ (one character each side of the @ and after the dot is
// enough), but linear: the engine only starts at a character before an @, and the run it scans after
// that @ ends at the next @, so no character is scanned from two starts. The unbounded form was
// quadratic on a long run without an @ (seconds for 50,000 characters).
const EMAIL_LIKE = /[^\s@]@[^\s@]+\.[^\s@]/

/** Whether a string holds something shaped like an e-mail address (linear in its length). */
export function looksLikeEmail(s: string): boolean {
  return EMAIL_LIKE.test(s)
}

function checkFields(f: Omit<AuditFields, 'seq'>): void {
  const str = (name: string, v: unknown, nullable: boolean): void => {
    if (v === null && nullable) return
    if (typeof v !== 'string' || v === '') throw new TypeError(`audit entry ${name} must be a non-empty string${nullable ? ' or null' : ''}`)
    const problem = textProblem(v)
    if (problem) throw new TypeError(`audit entry ${name} holds ${problem === 'nul' ? 'a NUL character' : 'a lone UTF-16 surrogate'}, which the database would not store as given: the entry is refused so that its hash and its row cannot disagree`)
    if (looksLikeEmail(v)) throw new TypeError(`audit entry ${name} looks like an e-mail address: audit entries carry identifiers only, never personal data`)
  }
  if (typeof f.at !== 'string' || Number.isNaN(Date.parse(f.at))) throw new TypeError('audit entry at must be an ISO 8601 string')
  str('at', f.at, false)
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
 * computes the hash. Validates the fields, refuses e-mail-like values (identifiers only) and text the
 * database would not store as given (NUL, lone surrogates), with a TypeError.
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

/** One bad entry (or run of entries) found by verification. */
export interface ChainProblemReport {
  readonly seq: number
  readonly problem: ChainProblem
  readonly message: string
}

/** Bad entries listed in a verdict, at most; problemCount counts them all. */
export const MAX_REPORTED_PROBLEMS = 1000

export type VerifyResult =
  | { readonly ok: true; readonly count: number; readonly lastSeq: number; readonly lastHash: string }
  | {
      readonly ok: false
      /** The first bad entry: where the chain stops being trustworthy. */
      readonly firstBadSeq: number
      readonly problem: ChainProblem
      readonly message: string
      /** Entries verified before the first bad one. */
      readonly count: number
      /** Every bad entry found, in seq order (the first MAX_REPORTED_PROBLEMS); the first bad one among them. */
      readonly problems: readonly ChainProblemReport[]
      /** How many bad entries were found in all. */
      readonly problemCount: number
    }

/** The first-bad verdict before the list of every bad entry is attached. */
type FirstBad = { readonly ok: false; readonly firstBadSeq: number; readonly problem: ChainProblem; readonly message: string; readonly count: number }

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
  #verdict: FirstBad | undefined
  readonly #census: Census

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
    }
    const keys = all.length > 0 ? (options.keys instanceof Map ? (options.keys as TrustedKeys) : trustedKeys(isIterable(options.keys) ? options.keys : [options.keys as KeyObject])) : undefined
    const badSignatures = keys ? all.filter((cp) => !verifyCheckpoint(cp, keys)).sort((a, b) => a.seq - b.seq) : []
    const bad = badSignatures[0]
    if (bad) this.#fail(bad.seq, 'bad-signature', badSignatureMessage(bad))
    this.#anchors = [...cps, ...(head ? [head] : [])].filter((cp) => cp.seq > this.#startSeq).sort((a, b) => a.seq - b.seq)
    this.#nextAnchorSeq = this.#anchors[0]?.seq ?? -1
    this.#census = new Census(this.#startSeq, this.#prev, this.#anchors, head, badSignatures)
  }

  /**
   * Feeds the next entry. Every entry is checked, also after the first bad one, so that finish()
   * can list every bad entry; the first-bad diagnosis stops at its verdict.
   */
  push(e: AuditEntryInput): void {
    const seq = toSeq(e.seq)
    // Hash of the entry as stored, at its own seq: shared by the census and the first-bad check.
    const self = Number.isSafeInteger(seq) ? oneShotHash('sha256', encodeEntry(e.prevHash, e, seq), 'hex') : ''
    this.#census.push(e, seq, self)
    if (this.#verdict) return
    if (this.#pending) {
      this.#diagnose(this.#pending, e)
      return
    }
    const prev = this.#prev
    if (seq === this.#expected && e.prevHash === prev && self === e.hash) {
      this.#accept(seq, self, prev)
      return
    }
    this.#slow(e, seq)
  }

  /**
   * An entry that could not be read as an entry at all (a stored value holding a separator, or
   * malformed categories): it is bad; its last column, when there is one, is taken as its hash so
   * that the entries after it are still checked against it.
   */
  unreadable(seq: number, hash: string | undefined): void {
    const at = Number.isSafeInteger(seq) ? seq : this.#census.nextSeq()
    this.#census.unreadable(at, hash)
    if (this.#verdict) return
    if (this.#pending) this.#diagnose(this.#pending, undefined)
    if (!this.#verdict) {
      const bad = Number.isSafeInteger(seq) ? seq : this.#expected
      this.#fail(bad, 'modified', `entry ${bad} has a column holding a separator character, or malformed categories`)
    }
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

  #slow(e: AuditEntryInput, seq: number): void {
    if (!Number.isSafeInteger(seq)) {
      this.#fail(this.#expected, 'modified', `entry after seq ${this.#expected - 1} has an invalid seq`)
      return
    }
    // Before the start checkpoint: pruned or not, those entries are not verified — except the anchor itself.
    if (this.#count === 0 && seq <= this.#startSeq && this.#startSeq >= FIRST_SEQ) {
      if (seq === this.#startSeq) {
        const self = oneShotHash('sha256', encodeEntry(e.prevHash, e, seq), 'hex')
        if (e.hash !== this.#prev || self !== e.hash) {
          this.#fail(seq, 'modified', `entry ${seq} does not match the signed checkpoint the verification starts from`)
        }
      }
      return
    }
    this.#pending = e
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

  /** The verdict, once every entry has been pushed: the first bad entry, and every bad entry. */
  finish(): VerifyResult {
    if (this.#pending && !this.#verdict) this.#diagnose(this.#pending, undefined)
    const census = this.#census.finish()
    let first: FirstBad | undefined = this.#verdict
    const lastSeq = this.#expected - 1
    if (!first && this.#head && lastSeq < this.#head.seq) {
      first = { ok: false, firstBadSeq: lastSeq + 1, problem: 'truncated', message: `the chain ends at seq ${lastSeq} but the signed head is at seq ${this.#head.seq}`, count: this.#count }
    }
    if (!first) {
      const found = census.problems[0]
      // The list found something the first-bad walk accepted: it still is a verdict of tampering.
      if (!found) return { ok: true, count: this.#count, lastSeq, lastHash: this.#prev }
      first = { ok: false, firstBadSeq: found.seq, problem: found.problem, message: found.message, count: this.#count }
    }
    return withProblem({ ...first, problems: census.problems, problemCount: census.count }, { seq: first.firstBadSeq, problem: first.problem, message: first.message })
  }
}

function badSignatureMessage(cp: SignedCheckpoint): string {
  return `the signed checkpoint at seq ${cp.seq} does not verify under the trusted keys (key id ${String(cp.keyId)})`
}

/**
 * A verdict with one more bad entry in its list (the one at that seq is replaced: one report per
 * seq), in seq order and within MAX_REPORTED_PROBLEMS; it becomes the first bad entry when it comes
 * first, and an intact verdict becomes a failed one.
 */
export function withProblem(result: VerifyResult, report: ChainProblemReport): VerifyResult {
  if (result.ok) return { ok: false, firstBadSeq: report.seq, problem: report.problem, message: report.message, count: result.count, problems: [report], problemCount: 1 }
  const known = result.problems.some((p) => p.seq === report.seq)
  const problems = [...result.problems.filter((p) => p.seq !== report.seq), report].sort((a, b) => a.seq - b.seq).slice(0, MAX_REPORTED_PROBLEMS)
  const first = report.seq <= result.firstBadSeq ? { firstBadSeq: report.seq, problem: report.problem, message: report.message } : {}
  return { ...result, ...first, problems, problemCount: result.problemCount + (known ? 0 : 1) }
}

/** An entry the census has passed: where it sits (as stored, and originally), and whether it was out of line. */
interface Seen {
  readonly stored: number
  readonly orig: number
  readonly hash: string
  /** Part of a reported problem (or of one already reported): breaks right after it are the same problem. */
  involved: boolean
}

/** Renumbering searches (each up to 2 × SEARCH + 1 hashes) the census may spend, at most. */
const SEARCH_BUDGET = 10_000

/**
 * The list of every bad entry. Each entry is checked on its own — its hash, and its link and seq
 * against the entry before it — and verification resynchronises on it, so one bad entry is reported
 * once and the entries after it are checked as before. Entries renumbered to hide a deletion or an
 * insertion are followed by their offset (found by hashing them at nearby seqs), so a renumbered
 * tail is one problem, not thousands.
 */
class Census {
  readonly #startSeq: number
  readonly #anchors: ReadonlyMap<number, SignedCheckpoint>
  readonly #head: SignedCheckpoint | undefined
  #lastMatchedAnchor: number
  #prev: Seen
  #offset = 0
  #started = false
  #searches = 0
  readonly #ring = new Map<string, Seen>() // recent entries by hash
  readonly #order: string[] = []
  readonly #problems: ChainProblemReport[] = []
  readonly #reported = new Set<number>()
  #count = 0
  #lastReported = Number.NaN
  /** A deletion just reported at the previous entry: it was a reordering if the next entry goes back. */
  #maybeReordered: { index: number; seq: number; orig: number } | undefined

  constructor(startSeq: number, startHash: string, anchors: readonly SignedCheckpoint[], head: SignedCheckpoint | undefined, badSignatures: readonly SignedCheckpoint[]) {
    this.#startSeq = startSeq
    this.#anchors = new Map(anchors.map((a) => [a.seq, a]))
    this.#head = head
    this.#lastMatchedAnchor = startSeq
    this.#prev = { stored: startSeq, orig: startSeq, hash: startHash, involved: false }
    this.#remember(this.#prev)
    for (const cp of badSignatures) {
      this.#report(cp.seq, 'bad-signature', badSignatureMessage(cp))
      if (cp.seq === startSeq) this.#prev.involved = true
    }
  }

  nextSeq(): number {
    return this.#prev.stored + 1
  }

  #report(seq: number, problem: ChainProblem, message: string): void {
    if (seq === this.#lastReported || this.#reported.has(seq)) return
    this.#lastReported = seq
    // Repeats come from nearby entries: the recent reported seqs are enough (memory stays bounded).
    if (this.#reported.size >= 4 * MAX_REPORTED_PROBLEMS) this.#reported.clear()
    this.#reported.add(seq)
    this.#count++
    if (this.#problems.length < MAX_REPORTED_PROBLEMS) this.#problems.push({ seq, problem, message })
  }

  #remember(e: Seen): void {
    this.#ring.set(e.hash, e)
    this.#order.push(e.hash)
    if (this.#order.length > RING) this.#ring.delete(this.#order.shift()!)
  }

  /** The seq at which `e` is self-consistent, near `around`, or undefined. */
  #originalSeq(e: AuditEntryInput, around: number): number | undefined {
    if (this.#searches >= SEARCH_BUDGET) return undefined
    this.#searches++
    for (let d = 0; d <= SEARCH; d++) {
      if (oneShotHash('sha256', encodeEntry(e.prevHash, e, around + d), 'hex') === e.hash) return around + d
      if (d > 0 && around - d >= FIRST_SEQ && oneShotHash('sha256', encodeEntry(e.prevHash, e, around - d), 'hex') === e.hash) return around - d
    }
    return undefined
  }

  push(e: AuditEntryInput, seq: number, selfAtSeq: string): void {
    const p = this.#prev
    if (!Number.isSafeInteger(seq)) {
      this.#report(p.stored + 1, 'modified', `entry after seq ${p.stored} has an invalid seq`)
      this.#prev = { ...p, stored: p.stored + 1, orig: p.orig + 1, hash: e.hash, involved: true }
      return
    }
    // Before the start checkpoint nothing is checked here (the first-bad walk checks the anchor entry).
    if (!this.#started && this.#startSeq >= FIRST_SEQ && seq <= this.#startSeq) return
    this.#started = true
    // Where the entry originally sat: at its seq, at its seq shifted like the entries before it, or nearby.
    let orig: number | undefined
    if (this.#offset === 0 && selfAtSeq === e.hash) orig = seq
    else if (oneShotHash('sha256', encodeEntry(e.prevHash, e, seq + this.#offset), 'hex') === e.hash) orig = seq + this.#offset
    else orig = this.#originalSeq(e, seq + this.#offset)
    const renumbered = orig !== undefined && orig - seq !== this.#offset
    const seen: Seen = { stored: seq, orig: orig ?? seq + this.#offset, hash: e.hash, involved: false }
    // The entry before this one looked like the first after a gap; going back means they were swapped.
    const maybe = this.#maybeReordered
    this.#maybeReordered = undefined
    if (maybe && orig !== undefined && orig < maybe.orig && this.#problems[maybe.index]?.problem === 'deleted') {
      this.#problems[maybe.index] = { seq: this.#problems[maybe.index]!.seq, problem: 'reordered', message: `entry ${maybe.seq} was entry ${maybe.orig} and entry ${seq} was entry ${orig}: entries were reordered` }
    }
    if (orig === undefined) {
      this.#report(seq, 'modified', `entry ${seq} does not match its hash`)
      seen.involved = true
    } else if (!(orig === p.orig + 1 && e.prevHash === p.hash)) {
      seen.involved = true
      const q = this.#ring.get(e.prevHash)
      if (q !== undefined && q.orig === orig - 1) {
        // It follows its own predecessor, which is here, but not right before it: what lies between does not belong there.
        if (!p.involved) this.#report(q.stored + 1, 'inserted', `entry ${seq} follows entry ${q.stored}: entries ${q.stored + 1}–${p.stored} do not belong to the chain`)
      } else if (orig > p.orig + 1) {
        const listed = this.#problems.length
        if (renumbered) this.#report(seq, 'deleted', `entry ${seq} was entry ${orig}: ${orig - p.orig - 1 === 1 ? 'an entry was' : `${orig - p.orig - 1} entries were`} deleted before it and the rest renumbered`)
        else this.#report(p.stored + 1, 'deleted', seq === p.stored + 2 ? `entry ${p.stored + 1} is missing` : `entries ${p.stored + 1}–${seq - 1} are missing`)
        if (this.#problems.length > listed) this.#maybeReordered = { index: listed, seq, orig }
      } else if (orig === p.orig + 1) {
        // Reported at the entry before (once: a problem already reported there is the same one).
        this.#report(p.stored, 'modified', `entry ${seq} does not follow entry ${p.stored}: entry ${p.stored} was rewritten (and re-hashed), or entry ${seq}'s link was`)
      } else if (!p.involved) {
        this.#report(seq, orig === p.orig && e.hash === p.hash ? 'inserted' : 'reordered', orig === p.orig && e.hash === p.hash ? `two entries have seq ${seq}` : `entry ${seq} (originally ${orig}) comes after entry ${p.stored}`)
      }
    }
    if (orig !== undefined) {
      this.#offset = orig - seq
      const anchor = this.#anchors.get(orig)
      if (anchor) {
        if (anchor.hash !== e.hash) {
          const what = anchor === this.#head ? 'the signed head' : 'the signed checkpoint'
          this.#report(this.#lastMatchedAnchor + 1, 'rewritten', `entry ${seq} differs from ${what} at that seq: the chain was rebuilt somewhere after seq ${this.#lastMatchedAnchor}`)
          seen.involved = true
        }
        this.#lastMatchedAnchor = orig
      }
    }
    this.#prev = seen
    this.#remember(seen)
  }

  unreadable(seq: number, hash: string | undefined): void {
    this.#report(seq, 'modified', `entry ${seq} has a column holding a separator character, or malformed categories`)
    this.#started = true
    this.#prev = { stored: seq, orig: seq + this.#offset, hash: hash ?? '', involved: true }
    this.#remember(this.#prev)
  }

  finish(): { problems: readonly ChainProblemReport[]; count: number } {
    const last = this.#prev.orig
    if (this.#head && last < this.#head.seq) this.#report(last + 1, 'truncated', `the chain ends at seq ${last} but the signed head is at seq ${this.#head.seq}`)
    return { problems: [...this.#problems].sort((a, b) => a.seq - b.seq), count: this.#count }
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
  for await (const item of entries) {
    if (Array.isArray(item)) for (const e of item as readonly AuditEntryInput[]) v.push(e)
    else v.push(item as AuditEntryInput)
  }
  return v.finish()
}

export function verifyChainSync(entries: Iterable<AuditEntryInput>, options: VerifyOptions = {}): VerifyResult {
  const v = new ChainVerifier(options)
  for (const e of entries) v.push(e)
  return v.finish()
}
