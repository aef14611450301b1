import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { canonicalJson } from '../src/util/canonical-json.ts'
import {
  GENESIS_HASH,
  MAX_REPORTED_PROBLEMS,
  appendEntry,
  encodeEntry,
  hashEntry,
  looksLikeEmail,
  verifyChain,
  verifyChainSync,
  type AuditEntry,
  type VerifyOptions,
} from '../src/audit/chain.ts'
import {
  CheckpointError,
  parseSignedHead,
  readSignedHead,
  serializeSignedHead,
  signCheckpoint,
  trustedKeys,
  verifyCheckpoint,
  writeSignedHead,
  type SignedCheckpoint,
} from '../src/audit/checkpoint.ts'
import { generateMasterKeyRing } from '../src/vault/master-key.ts'

const ring = generateMasterKeyRing()
const { privateKey, publicKey } = ring.current.auditSigningKeyPair()
const keys = trustedKeys([publicKey])

function chain(n: number, from: AuditEntry | null = null, salt = ''): AuditEntry[] {
  const out: AuditEntry[] = []
  let prev = from
  for (let i = 0; i < n; i++) {
    const k = (prev?.seq ?? 0) + 1
    prev = appendEntry(prev, {
      at: new Date(Date.UTC(2025, 0, 1, 0, 0, k)).toISOString(),
      actorId: `apikey:billing${salt}`,
      action: k % 3 === 0 ? 'write' : 'read',
      subjectId: k % 5 === 0 ? null : `subject-${k % 4}`,
      purpose: 'contract_execution',
      categories: k % 2 ? ['contact.email', 'identification.name'] : [],
      decision: k % 4 === 0 ? 'deny' : 'allow',
      reason: k % 4 === 0 ? 'purpose_not_allowed' : null,
    })
    out.push(prev)
  }
  return out
}

const head = (entries: AuditEntry[], seq: number): SignedCheckpoint => {
  const e = entries.find((x) => x.seq === seq)!
  return signCheckpoint({ seq, hash: e.hash, at: '2025-01-02T00:00:00.000Z' }, privateKey)
}
const bySeq = (entries: AuditEntry[], seq: number): AuditEntry => entries.find((e) => e.seq === seq)!
/** Re-hash an entry in place of the original (an attacker who recomputes the hash). */
const rehash = (e: AuditEntry): AuditEntry => ({ ...e, hash: hashEntry(e.prevHash, e) })
const renumber = (e: AuditEntry, seq: number): AuditEntry => ({ ...e, seq })

function expectBad(entries: AuditEntry[], firstBadSeq: number, problem: string, options?: VerifyOptions): void {
  const r = verifyChainSync(entries, options)
  assert.equal(r.ok, false, 'tampering must be detected')
  if (r.ok) return
  assert.deepEqual({ firstBadSeq: r.firstBadSeq, problem: r.problem }, { firstBadSeq, problem }, r.message)
}

test('an intact chain verifies: count, last seq and last hash; genesis prevHash is 64 zeros', () => {
  const c = chain(50)
  assert.equal(c[0]!.seq, 1)
  assert.equal(c[0]!.prevHash, GENESIS_HASH)
  assert.equal(c[1]!.prevHash, c[0]!.hash)
  assert.match(c[0]!.hash, /^[0-9a-f]{64}$/)
  assert.deepEqual(verifyChainSync(c), { ok: true, count: 50, lastSeq: 50, lastHash: c[49]!.hash })
  assert.deepEqual(verifyChainSync([]), { ok: true, count: 0, lastSeq: 0, lastHash: GENESIS_HASH })
  assert.equal(verifyChainSync(c, { head: head(c, 50), keys }).ok, true)
  assert.equal(verifyChainSync(c, { head: head(c, 40), keys }).ok, true, 'entries after the head are fine')
})

test('the hashed encoding is canonical JSON of the fixed-order field array (for any strings)', () => {
  const str = fc.string({ unit: 'binary' })
  const nullable = fc.option(str, { nil: null })
  fc.assert(
    fc.property(
      fc.record({ at: str, actorId: str, action: str, subjectId: nullable, purpose: nullable, categories: fc.array(str), reason: nullable, decision: fc.constantFrom('allow' as const, 'deny' as const, null) }),
      fc.nat(),
      str,
      (f, seq, prev) => {
        assert.equal(encodeEntry(prev, f, seq), canonicalJson(['pledge-audit-v1', prev, seq, f.at, f.actorId, f.action, f.subjectId, f.purpose, f.categories, f.decision, f.reason]))
      },
    ),
    { numRuns: 500 },
  )
})

test('entries carry identifiers only: e-mail-like values and malformed fields are refused', () => {
  const base = { at: '2025-01-01T00:00:00.000Z', actorId: 'staff:7', action: 'read', subjectId: 's1', purpose: 'marketing', categories: ['contact.email'], decision: 'allow' as const, reason: null }
  assert.doesNotThrow(() => appendEntry(null, base))
  assert.throws(() => appendEntry(null, { ...base, subjectId: 'ann@example.be' }), /identifiers only/)
  assert.throws(() => appendEntry(null, { ...base, reason: 'asked by ann.peeters@example.be' }), /identifiers only/)
  assert.throws(() => appendEntry(null, { ...base, at: 'yesterday' }), TypeError)
  assert.throws(() => appendEntry(null, { ...base, decision: 'maybe' as 'allow' }), TypeError)
})

test('REQ-AUD-01 appendEntry refuses text the database would change (NUL, lone surrogates), naming the field, so a hash and its row cannot disagree', () => {
  const base = { at: '2025-01-01T00:00:00.000Z', actorId: 'staff:7', action: 'read', subjectId: 's1', purpose: 'marketing', categories: ['contact.email'], decision: 'allow' as const, reason: null }
  for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'x\udc00', 'customer_service\ud83d']) {
    for (const field of ['actorId', 'action', 'subjectId', 'purpose', 'reason'] as const) {
      assert.throws(() => appendEntry(null, { ...base, [field]: bad }), (e: unknown) => e instanceof TypeError && e.message.startsWith(`audit entry ${field} holds`))
    }
    assert.throws(() => appendEntry(null, { ...base, categories: ['contact.email', bad] }), (e: unknown) => e instanceof TypeError && e.message.startsWith('audit entry categories[] holds'))
  }
  // A well-formed surrogate pair (an emoji) is stored as given: it is not refused.
  assert.doesNotThrow(() => appendEntry(null, { ...base, reason: 'case_\ud83d\ude00' }))
})

test('the e-mail-shaped check on audit fields is the same test as before, and linear: 1,000,000 characters in well under a second', () => {
  const quadratic = /[^\s@]+@[^\s@]+\.[^\s@]+/
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', '@', '.', ' ', '\t', '\u00a0', 'é'), maxLength: 24 }), (s) => {
      assert.equal(looksLikeEmail(s), quadratic.test(s), JSON.stringify(s))
    }),
    { numRuns: 3000 },
  )
  assert.equal(looksLikeEmail('ann.peeters@example.be'), true)
  assert.equal(looksLikeEmail('purpose:contract_execution'), false)
  const started = performance.now()
  for (const s of ['a'.repeat(1_000_000), `a@${'b'.repeat(1_000_000)}`, 'a@'.repeat(500_000), '@.'.repeat(500_000), `${'a.'.repeat(250_000)}@ ${'b'.repeat(500_000)}`]) assert.equal(looksLikeEmail(s), false)
  assert.ok(performance.now() - started < 5_000, 'a generous guard: the quadratic form took minutes here')
})

test('REQ-AUD-01 REQ-SEC-04 every bad entry is listed, not only the first: one bad entry hides nothing after it', () => {
  const c = chain(60)
  const tampered = c.filter((e) => e.seq !== 20).map((e) => (e.seq === 3 ? { ...e, purpose: 'marketing' } : e.seq === 40 ? { ...e, actorId: 'apikey:other' } : e))
  const r = verifyChainSync(tampered)
  assert.ok(!r.ok)
  assert.deepEqual({ firstBadSeq: r.firstBadSeq, problem: r.problem, count: r.count }, { firstBadSeq: 3, problem: 'modified', count: 2 })
  assert.deepEqual(r.problems.map((p) => [p.seq, p.problem]), [[3, 'modified'], [20, 'deleted'], [40, 'modified']])
  assert.equal(r.problemCount, 3)
  // A rewritten and re-hashed entry, a swap and a renumbered deletion after it: each once (the
  // renumbered tail still reaches the signed head: nothing is truncated).
  const rehashed = c.map((e) => (e.seq === 5 ? rehash({ ...e, reason: 'forged' }) : e))
  const swapped = rehashed.map((e) => (e.seq === 25 ? renumber(e, 26) : e.seq === 26 ? renumber(e, 25) : e)).sort((x, y) => x.seq - y.seq)
  const renumbered = swapped.filter((e) => e.seq !== 45).map((e) => (e.seq > 45 ? renumber(e, e.seq - 1) : e))
  const s = verifyChainSync(renumbered, { head: head(c, 60), keys })
  assert.ok(!s.ok)
  assert.deepEqual(s.problems.map((p) => [p.seq, p.problem]), [[5, 'modified'], [25, 'reordered'], [45, 'deleted']])
  assert.equal(s.problemCount, 3)
  const truncated = verifyChainSync(tampered.filter((e) => e.seq <= 50), { head: head(c, 60), keys })
  assert.ok(!truncated.ok)
  assert.deepEqual(truncated.problems.map((p) => [p.seq, p.problem]), [[3, 'modified'], [20, 'deleted'], [40, 'modified'], [51, 'truncated']])
})

test('REQ-AUD-01 property: two separate tamperings are both listed, each at its seq with its kind', () => {
  const c = chain(80)
  const kinds = ['modify', 'delete', 'swap'] as const
  const apply = (entries: AuditEntry[], k: number, kind: (typeof kinds)[number]): AuditEntry[] =>
    kind === 'modify'
      ? entries.map((e) => (e.seq === k ? { ...e, purpose: 'marketing' } : e))
      : kind === 'delete'
        ? entries.filter((e) => e.seq !== k)
        : entries.map((e) => (e.seq === k ? renumber(e, k + 1) : e.seq === k + 1 ? renumber(e, k) : e)).sort((x, y) => x.seq - y.seq)
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 35 }), fc.integer({ min: 40, max: 78 }), fc.constantFrom(...kinds), fc.constantFrom(...kinds), (k1, k2, kind1, kind2) => {
      const r = verifyChainSync(apply(apply(c, k1, kind1), k2, kind2))
      assert.ok(!r.ok)
      const label = { modify: 'modified', delete: 'deleted', swap: 'reordered' }
      assert.deepEqual(r.problems.map((p) => [p.seq, p.problem]), [[k1, label[kind1]], [k2, label[kind2]]])
      assert.equal(r.problemCount, 2)
      assert.equal(r.firstBadSeq, k1)
    }),
    { seed: 11, numRuns: 300 },
  )
})

test('REQ-AUD-01 the list of bad entries stops at its cap, and says how many there are in all', () => {
  const c = chain(2500)
  const r = verifyChainSync(c.map((e) => (e.seq % 2 === 0 ? { ...e, action: 'export' } : e)))
  assert.ok(!r.ok)
  assert.equal(r.problems.length, MAX_REPORTED_PROBLEMS)
  assert.equal(r.problemCount, 1250)
  assert.deepEqual(r.problems.slice(0, 3).map((p) => p.seq), [2, 4, 6])
  assert.equal(r.problems.at(-1)!.seq, 2000)
})

test('REQ-AUD-01 REQ-SEC-04 modified entry: first bad seq is the modified one', () => {
  const c = chain(30)
  expectBad(c.map((e) => (e.seq === 10 ? { ...e, actorId: 'apikey:other' } : e)), 10, 'modified')
  expectBad(c.map((e) => (e.seq === 10 ? { ...e, categories: ['contact.email'] } : e)), 10, 'modified')
  expectBad(c.map((e) => (e.seq === 10 ? { ...e, decision: 'deny' as const } : e)), 10, 'modified')
  expectBad(c.map((e) => (e.seq === 10 ? { ...e, hash: 'f'.repeat(64) } : e)), 10, 'modified')
  expectBad(c.map((e) => (e.seq === 10 ? { ...e, prevHash: 'e'.repeat(64) } : e)), 10, 'modified')
  expectBad(c.map((e) => (e.seq === 30 ? { ...e, reason: 'x' } : e)), 30, 'modified')
  expectBad(c.map((e) => (e.seq === 1 ? { ...e, action: 'x' } : e)), 1, 'modified')
  // rewritten and re-hashed (the attacker recomputes its hash): the link from 11 breaks, 10 is named
  expectBad(c.map((e) => (e.seq === 10 ? rehash({ ...e, action: 'export' }) : e)), 10, 'modified')
})

test('REQ-AUD-01 REQ-SEC-04 deleted entries: first bad seq is the first missing one', () => {
  const c = chain(30)
  expectBad(c.filter((e) => e.seq !== 10), 10, 'deleted')
  expectBad(c.filter((e) => e.seq < 10 || e.seq > 13), 10, 'deleted')
  expectBad(c.filter((e) => e.seq !== 1), 1, 'deleted')
  // deleted and the rest renumbered to hide the gap
  expectBad(c.filter((e) => e.seq !== 10).map((e) => (e.seq > 10 ? renumber(e, e.seq - 1) : e)), 10, 'deleted')
  expectBad(c.filter((e) => e.seq < 10 || e.seq > 12).map((e) => (e.seq > 12 ? renumber(e, e.seq - 3) : e)), 10, 'deleted')
})

test('REQ-AUD-01 REQ-SEC-04 inserted entry: first bad seq is where the foreign entry sits', () => {
  const c = chain(30)
  const e9 = bySeq(c, 9)
  const forged = appendEntry(e9, { at: '2025-01-01T00:00:10.000Z', actorId: 'apikey:billing', action: 'read', subjectId: 'subject-2', purpose: 'contract_execution', categories: [], decision: 'allow', reason: null })
  assert.equal(forged.seq, 10)
  // duplicate seq, properly chained, before or after the original
  expectBad([...c.slice(0, 9), forged, ...c.slice(9)], 10, 'inserted')
  expectBad([...c.slice(0, 10), forged, ...c.slice(10)], 10, 'inserted')
  // the rest renumbered to make room (seq is unique)
  const shifted = c.slice(9).map((e) => renumber(e, e.seq + 1))
  expectBad([...c.slice(0, 9), forged, ...shifted], 10, 'inserted')
  // a clumsy forgery (bad hash) with the rest renumbered
  expectBad([...c.slice(0, 9), { ...forged, hash: '1'.repeat(64) }, ...shifted], 10, 'inserted')
  // two forged entries, properly chained
  const forged2 = appendEntry(forged, { at: '2025-01-01T00:00:11.000Z', actorId: 'apikey:billing', action: 'read', subjectId: null, purpose: null, categories: [], decision: null, reason: null })
  expectBad([...c.slice(0, 9), forged, forged2, ...c.slice(9).map((e) => renumber(e, e.seq + 2))], 10, 'inserted')
})

test('REQ-AUD-01 REQ-SEC-04 reordered entries: first bad seq is the first out-of-place one', () => {
  const c = chain(30)
  const swapSeqs = (a: number, b: number): AuditEntry[] =>
    c.map((e) => (e.seq === a ? renumber(e, b) : e.seq === b ? renumber(e, a) : e)).sort((x, y) => x.seq - y.seq)
  expectBad(swapSeqs(10, 11), 10, 'reordered')
  expectBad(swapSeqs(10, 14), 10, 'reordered')
  expectBad(swapSeqs(29, 30), 29, 'reordered')
  // delivered out of order (seq values kept)
  const out = [...c]
  ;[out[9], out[10]] = [out[10]!, out[9]!]
  expectBad(out, 10, 'reordered')
})

test('REQ-AUD-01 REQ-SEC-04 truncated tail: the chain ends before the signed head, or was re-grown past it', () => {
  const c = chain(30)
  const h = head(c, 30)
  expectBad(c.slice(0, 24), 25, 'truncated', { head: h, keys })
  expectBad(c.slice(0, 29), 30, 'truncated', { head: h, keys })
  expectBad([], 1, 'truncated', { head: h, keys })
  // without the head the shortened chain looks fine: this is what the signed head is for
  assert.equal(verifyChainSync(c.slice(0, 24)).ok, true)
  // truncated at 25, then new (valid-looking) entries appended past the head
  const regrown = [...c.slice(0, 24), ...chain(10, c[23]!, '-forged')]
  assert.equal(verifyChainSync(regrown).ok, true, 'internally consistent')
  expectBad(regrown, 1, 'rewritten', { head: h, keys })
  // with an intermediate signed checkpoint at 20 the rebuild is located after it
  expectBad(regrown, 21, 'rewritten', { head: h, checkpoints: [head(c, 20)], keys })
})

test('REQ-AUD-01 property: any single modification, deletion or seq swap is reported at its seq', () => {
  const c = chain(60)
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 59 }), fc.constantFrom('modify', 'delete', 'swap'), (k, kind) => {
      const tampered =
        kind === 'modify'
          ? c.map((e) => (e.seq === k ? { ...e, purpose: 'marketing' } : e))
          : kind === 'delete'
            ? c.filter((e) => e.seq !== k)
            : c.map((e) => (e.seq === k ? renumber(e, k + 1) : e.seq === k + 1 ? renumber(e, k) : e)).sort((x, y) => x.seq - y.seq)
      const r = verifyChainSync(tampered)
      assert.equal(r.ok, false)
      if (!r.ok) {
        assert.equal(r.firstBadSeq, k)
        assert.equal(r.problem, { modify: 'modified', delete: 'deleted', swap: 'reordered' }[kind])
      }
    }),
  )
})

test('verification may start at a signed checkpoint (older entries pruned)', () => {
  const c = chain(40)
  const cp = head(c, 15)
  const pruned = c.filter((e) => e.seq > 15)
  assert.deepEqual(verifyChainSync(pruned, { startFrom: cp, keys }), { ok: true, count: 25, lastSeq: 40, lastHash: c[39]!.hash })
  // the anchor entry itself, and earlier ones, may still be present
  assert.equal(verifyChainSync(c, { startFrom: cp, keys }).ok, true)
  // tampering after the checkpoint is still found
  expectBad(pruned.map((e) => (e.seq === 22 ? { ...e, action: 'export' } : e)), 22, 'modified', { startFrom: cp, keys })
  expectBad(pruned.filter((e) => e.seq !== 16), 16, 'deleted', { startFrom: cp, keys })
  // the anchor entry, when present, must match the checkpoint
  expectBad(c.map((e) => (e.seq === 15 ? { ...e, action: 'export' } : e)), 15, 'modified', { startFrom: cp, keys })
})

test('REQ-SEC-04 checkpoint signatures: any tampering with a signed head or checkpoint is detected', () => {
  const c = chain(20)
  const h = head(c, 20)
  assert.ok(verifyCheckpoint(h, keys))
  assert.ok(verifyCheckpoint(h, publicKey))
  assert.ok(verifyCheckpoint(h, [privateKey]), 'a private key is reduced to its public half')
  for (const bad of [
    { ...h, seq: 19 },
    { ...h, hash: bySeq(c, 19).hash },
    { ...h, at: '2030-01-01T00:00:00.000Z' },
    { ...h, signature: Buffer.from(h.signature, 'base64').fill(1, 0, 1).toString('base64') },
    { ...h, signature: 'not base64!' },
    { ...h, keyId: '0000000000000000' },
  ]) {
    assert.equal(verifyCheckpoint(bad, keys), false, JSON.stringify(bad))
  }
  // a head signed by another key (an attacker's) is not trusted
  const other = generateMasterKeyRing().current.auditSigningKeyPair()
  const forged = signCheckpoint({ seq: 12, hash: bySeq(c, 12).hash, at: h.at }, other.privateKey)
  assert.equal(verifyCheckpoint(forged, keys), false)
  // the verifier refuses them as bad signatures, naming their seq
  expectBad(c.slice(0, 12), 12, 'bad-signature', { head: forged, keys })
  expectBad(c, 20, 'bad-signature', { head: { ...h, hash: 'a'.repeat(64) }, keys })
  expectBad(c, 14, 'bad-signature', { startFrom: { ...head(c, 15), seq: 14 }, keys })
  assert.throws(() => verifyChainSync(c, { head: h }), /without trusted keys/)
})

test('signed head file: serialise, parse, atomic write (0600), read; malformed files are refused', () => {
  const c = chain(5)
  const h = head(c, 5)
  assert.deepEqual(parseSignedHead(serializeSignedHead(h)), h)
  const dir = mkdtempSync(join(tmpdir(), 'pledge-head-'))
  const path = join(dir, 'audit-head.json')
  assert.equal(readSignedHead(path), undefined)
  writeSignedHead(path, h)
  assert.equal(statSync(path).mode & 0o777, 0o600)
  const back = readSignedHead(path)!
  assert.ok(verifyCheckpoint(back, keys))
  writeSignedHead(path, head(c, 4))
  assert.equal(readSignedHead(path)!.seq, 4)
  for (const text of ['', '[]', '{"format":"other"}', JSON.stringify({ ...JSON.parse(serializeSignedHead(h)), seq: '5' }), JSON.stringify({ ...JSON.parse(serializeSignedHead(h)), hash: 'xyz' })]) {
    assert.throws(() => parseSignedHead(text), CheckpointError, text)
  }
  writeFileSync(path, '{oops')
  assert.throws(() => readSignedHead(path), (e: unknown) => e instanceof CheckpointError && e.message.startsWith(path))
})

test('verifyChain accepts async pages of entries and database-shaped seq values (bigint, string)', async () => {
  const c = chain(2500)
  async function* pages(): AsyncGenerator<AuditEntry[]> {
    for (let i = 0; i < c.length; i += 1000) yield c.slice(i, i + 1000)
  }
  assert.deepEqual(await verifyChain(pages(), { head: head(c, 2500), keys }), { ok: true, count: 2500, lastSeq: 2500, lastHash: c[2499]!.hash })
  async function* one(): AsyncGenerator<AuditEntry> {
    for (const e of c) yield e
  }
  assert.equal((await verifyChain(one())).ok, true)
  const rows = c.map((e, i) => ({ ...e, seq: i % 2 ? BigInt(e.seq) : String(e.seq) }))
  assert.equal(verifyChainSync(rows).ok, true)
  const r = await verifyChain(c.map((e) => (e.seq === 1234 ? { ...e, subjectId: 'subject-9' } : e)))
  assert.equal(r.ok ? 0 : r.firstBadSeq, 1234)
})
