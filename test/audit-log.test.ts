// The audit log on both databases: group commit, one chain, signed checkpoints and head file, and
// every tamper case reported at its first bad sequence number by verifyAuditStore.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { openPostgres } from '../src/db/database.ts'
import { createAuditLog, auditHeadPath, type ChainAuditLog } from '../src/audit/chain-store.ts'
import { verifyAuditStore } from '../src/audit/verify-store.ts'
import { appendEntry, verifyChainSync, GENESIS_HASH, type AuditEntry } from '../src/audit/chain.ts'
import { readSignedHead, verifyCheckpoint } from '../src/audit/checkpoint.ts'
import { describeVerdict } from '../src/audit/audit-operations.ts'
import { generateMasterKeyRing } from '../src/vault/master-key.ts'
import type { AuditRecord } from '../src/audit/audit-log.ts'

const ring = generateMasterKeyRing()
const signer = ring.current.auditSigningKeyPair()
const publicKeys = [signer.publicKey]

const record = (i: number): AuditRecord => ({
  actorId: `apikey:k${i % 7}`,
  action: i % 3 === 0 ? 'subject.write' : 'subject.read',
  subjectId: i % 5 === 0 ? null : `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  purpose: i % 4 === 0 ? null : 'contract_execution',
  categories: i % 2 === 0 ? ['contact.email', 'identification.name'] : [],
  decision: i % 6 === 0 ? 'deny' : 'allow',
  reason: i % 6 === 0 ? 'no_consent' : null,
})

interface Row {
  seq: number
  at: string
  actor_id: string
  action: string
  subject_id: string | null
  purpose: string | null
  categories: string[]
  decision: 'allow' | 'deny' | null
  reason: string | null
  prev_hash: string
  hash: string
}

const toEntry = (r: Row): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actor_id,
  action: r.action,
  subjectId: r.subject_id,
  purpose: r.purpose,
  categories: r.categories,
  decision: r.decision,
  reason: r.reason,
  prevHash: r.prev_hash,
  hash: r.hash,
})

for (const variant of DATABASES) {
  describe(`${variant.name}: audit log`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let dir: string
    before(async () => {
      t = await variant.open()
      dir = mkdtempSync(join(tmpdir(), 'pledge-audit-'))
    })
    after(async () => {
      await t?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    const db = () => t.database.db
    let n = 0
    /** An empty chain and a fresh head path. */
    async function reset(): Promise<string> {
      await sql`delete from audit_entry`.execute(db())
      await sql`delete from audit_checkpoint`.execute(db())
      await sql`update audit_head set seq = 0, hash = ${GENESIS_HASH} where id = 1`.execute(db())
      await sql`update audit_start set seq = 0, hash = null, checkpoint_at = null, key_id = null, signature = null, pruned_at = null, entry_seq = null where id = 1`.execute(db())
      return join(dir, `head-${++n}.json`)
    }
    const rows = async (): Promise<Row[]> => (await sql<Row>`select * from audit_entry order by seq`.execute(db())).rows
    const verify = (headPath: string, pageSize?: number) => verifyAuditStore(db(), { publicKeys, headPath, workers: 0, ...(pageSize ? { pageSize } : {}) })

    /** A closed log of `count` entries with a checkpoint every 100 and the head file at `count`. */
    async function chainOf(count: number): Promise<string> {
      const headPath = await reset()
      const log = createAuditLog(db(), { signer, headPath, checkpointEvery: 100 })
      await log.appendMany(Array.from({ length: count }, (_, i) => record(i)))
      await log.close()
      return headPath
    }

    test('REQ-AUD-01 appended entries are durable once append resolves and form one hash chain', async () => {
      const headPath = await reset()
      const log = createAuditLog(db(), { signer, headPath, now: () => new Date('2026-03-10T10:00:00.000Z') })
      await log.append(record(1))
      await log.appendMany([record(2), record(3)])
      // Durable before close: read back through the database.
      const stored = await rows()
      assert.deepEqual(stored.map((r) => Number(r.seq)), [1, 2, 3])
      assert.equal(stored[0]!.prev_hash, GENESIS_HASH)
      assert.equal(stored[1]!.prev_hash, stored[0]!.hash)
      assert.equal(stored[0]!.at, '2026-03-10T10:00:00.000Z')
      assert.deepEqual(stored[1]!.categories, record(2).categories)
      const expected = appendEntry(null, { ...record(1), at: '2026-03-10T10:00:00.000Z' })
      assert.equal(stored[0]!.hash, expected.hash, 'the stored hash is the chain hash of the record')
      assert.equal(verifyChainSync(stored.map(toEntry)).ok, true)
      const head = (await sql<{ seq: number; hash: string }>`select seq, hash from audit_head where id = 1`.execute(db())).rows[0]!
      assert.equal(Number(head.seq), 3)
      assert.equal(head.hash, stored[2]!.hash)
      await log.close()
      await assert.rejects(log.append(record(4)), /closed/)
      const v = await verify(headPath)
      assert.equal(v.ok, true)
      assert.equal(v.count, 3)
    })

    test('REQ-AUD-01 an invalid record (personal data) is refused alone; the rest of its batch commits', async () => {
      const headPath = await reset()
      const log = createAuditLog(db(), { signer, headPath })
      const results = await Promise.allSettled([log.append(record(1)), log.append({ ...record(2), subjectId: 'jan@example.com' }), log.append(record(3))])
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled'])
      assert.deepEqual((await rows()).map((r) => r.subject_id), [record(1).subjectId, record(3).subjectId])
      await log.close()
      assert.equal((await verify(headPath)).ok, true)
    })

    test('REQ-AUD-01 a record holding a NUL or a lone surrogate is refused alone, before the database sees it; the rest of its batch commits', async () => {
      const headPath = await reset()
      const log = createAuditLog(db(), { signer, headPath })
      const results = await Promise.allSettled([log.append(record(1)), log.append({ ...record(2), purpose: 'customer\u0000service' }), log.append({ ...record(4), reason: '\ud800' }), log.append(record(3))])
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'rejected', 'fulfilled'])
      for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof TypeError, String(r.reason))
      assert.deepEqual((await rows()).map((r) => r.subject_id), [record(1).subjectId, record(3).subjectId])
      await log.close()
      assert.equal((await verify(headPath)).ok, true)
    })

    test('REQ-AUD-01 group commit: 2,000 concurrent appends take far fewer transactions than entries', async () => {
      const headPath = await reset()
      const log = createAuditLog(db(), { signer, headPath })
      await Promise.all(Array.from({ length: 2000 }, (_, i) => log.append(record(i))))
      const { flushes, entries } = log.stats()
      assert.equal(entries, 2000)
      assert.ok(flushes <= 20, `2,000 appends took ${flushes} flushes`)
      const stored = await rows()
      assert.equal(stored.length, 2000)
      assert.deepEqual(stored.map((r) => Number(r.seq)), Array.from({ length: 2000 }, (_, i) => i + 1))
      await log.close()
      assert.equal((await verify(headPath)).ok, true)
    })

    test('REQ-SEC-04 a signed checkpoint every N entries (even inside one batch) and on close; the head file follows', async () => {
      const headPath = await reset()
      const log = createAuditLog(db(), { signer, headPath, checkpointEvery: 100 })
      await log.appendMany(Array.from({ length: 250 }, (_, i) => record(i)))
      await Promise.all(Array.from({ length: 100 }, (_, i) => log.append(record(i))))
      const cps = (await sql<{ seq: number }>`select seq from audit_checkpoint order by seq`.execute(db())).rows.map((r) => Number(r.seq))
      assert.deepEqual(cps, [100, 200, 300])
      assert.equal(readSignedHead(headPath)?.seq, 300)
      await log.close()
      const head = readSignedHead(headPath)!
      assert.equal(head.seq, 350)
      assert.ok(verifyCheckpoint(head, publicKeys), 'the head file is signed by the master key')
      assert.equal(head.hash, (await rows())[349]!.hash)
      const all = (await sql<{ seq: number }>`select seq from audit_checkpoint order by seq`.execute(db())).rows.map((r) => Number(r.seq))
      assert.deepEqual(all, [100, 200, 300, 350])
      assert.equal((await verify(headPath)).ok, true)
    })

    test('REQ-SEC-04 a signed checkpoint after the interval when there are new entries', async (ctx) => {
      const headPath = await reset()
      // The interval is driven by the test's clock, not by the machine's: no race with a busy CPU.
      ctx.mock.timers.enable({ apis: ['setInterval'] })
      const log = createAuditLog(db(), { signer, headPath, checkpointIntervalMs: 60_000 })
      try {
        await log.append(record(1))
        ctx.mock.timers.tick(59_999)
        await log.flush()
        assert.equal(existsSync(headPath), false, 'no checkpoint before the interval')
        assert.equal(log.stats().checkpoints, 0)
        ctx.mock.timers.tick(1)
        await log.flush()
        assert.equal(readSignedHead(headPath)?.seq, 1)
        assert.equal(log.stats().checkpoints, 1)
        // Another interval without new entries signs nothing new.
        ctx.mock.timers.tick(60_000)
        await log.flush()
        assert.equal(log.stats().checkpoints, 1)
      } finally {
        await log.close()
        ctx.mock.timers.reset()
      }
    })

    test('auditHeadPath: PLEDGE_AUDIT_HEAD (config.auditHead), else the data directory', () => {
      assert.equal(auditHeadPath({ dataDir: '/d', auditHead: '/elsewhere/head.json' }), '/elsewhere/head.json')
      const saved = process.env.PLEDGE_AUDIT_HEAD
      delete process.env.PLEDGE_AUDIT_HEAD
      try {
        assert.equal(auditHeadPath({ dataDir: '/d' }), join('/d', 'audit-head.json'))
      } finally {
        if (saved !== undefined) process.env.PLEDGE_AUDIT_HEAD = saved
      }
    })

    test('REQ-SEC-04 an intact chain verifies across pages, with or without worker threads', async () => {
      const headPath = await chainOf(1000)
      for (const workers of [0, 1]) {
        const v = await verifyAuditStore(db(), { publicKeys, headPath, pageSize: 64, workers })
        assert.equal(v.ok, true, JSON.stringify(v))
        assert.equal(v.count, 1000)
        assert.ok(v.ok && v.lastSeq === 1000)
      }
    })

    test('REQ-SEC-04 tamper: a modified entry is reported at its seq', async () => {
      const headPath = await chainOf(500)
      await sql`update audit_entry set purpose = 'marketing' where seq = 250`.execute(db())
      const v = await verify(headPath, 64)
      assert.equal(v.ok, false)
      assert.ok(!v.ok && v.firstBadSeq === 250 && v.problem === 'modified', JSON.stringify(v))
    })

    test('REQ-SEC-04 tamper: a modified categories array is reported at its seq', async () => {
      const headPath = await chainOf(500)
      await sql`update audit_entry set categories = '["contact.email"]'::jsonb where seq = 2`.execute(db())
      const v = await verify(headPath)
      assert.ok(!v.ok && v.firstBadSeq === 2 && v.problem === 'modified', JSON.stringify(v))
    })

    test('REQ-SEC-04 tamper: a value holding a column separator cannot pass for other columns', async () => {
      const headPath = await chainOf(300)
      await sql`update audit_entry set actor_id = actor_id || chr(31) || 'x' where seq = 120`.execute(db())
      const v = await verify(headPath)
      assert.ok(!v.ok && v.firstBadSeq === 120 && v.problem === 'modified', JSON.stringify(v))
    })

    test('REQ-SEC-04 tamper: an entry rewritten and the rest of the chain re-hashed is caught by the signed checkpoint', async () => {
      const headPath = await chainOf(500)
      const stored = (await rows()).map(toEntry)
      let prev: AuditEntry | null = stored[248]!
      for (const e of stored.slice(249)) {
        const rebuilt = appendEntry(prev, { ...e, purpose: e.seq === 250 ? 'marketing' : e.purpose })
        await sql`update audit_entry set purpose = ${rebuilt.purpose}, prev_hash = ${rebuilt.prevHash}, hash = ${rebuilt.hash} where seq = ${e.seq}`.execute(db())
        prev = rebuilt
      }
      const v = await verify(headPath)
      assert.ok(!v.ok && v.problem === 'rewritten' && v.firstBadSeq === 201, JSON.stringify(v))
    })

    test('REQ-SEC-04 tamper: a deleted entry is reported at its seq', async () => {
      const headPath = await chainOf(500)
      await sql`delete from audit_entry where seq = 250`.execute(db())
      const v = await verify(headPath, 64)
      assert.ok(!v.ok && v.firstBadSeq === 250 && v.problem === 'deleted', JSON.stringify(v))
    })

    test('REQ-SEC-04 tamper: an inserted entry (the rest renumbered) is reported at its seq', async () => {
      const headPath = await chainOf(500)
      await sql`update audit_entry set seq = -seq where seq >= 250`.execute(db())
      await sql`update audit_entry set seq = -seq + 1 where seq < 0`.execute(db())
      const before = toEntry((await sql<Row>`select * from audit_entry where seq = 249`.execute(db())).rows[0]!)
      const forged = appendEntry(before, { ...record(7), at: new Date().toISOString() })
      await sql`insert into audit_entry (seq, at, actor_id, action, subject_id, purpose, categories, decision, reason, prev_hash, hash)
        values (${forged.seq}, ${forged.at}, ${forged.actorId}, ${forged.action}, ${forged.subjectId}, ${forged.purpose}, ${JSON.stringify(forged.categories)}::jsonb, ${forged.decision}, ${forged.reason}, ${forged.prevHash}, ${forged.hash})`.execute(db())
      const v = await verify(headPath, 64)
      assert.ok(!v.ok && v.firstBadSeq === 250 && v.problem === 'inserted', JSON.stringify(v))
    })

    test('REQ-SEC-04 tamper: two entries swapped (reordered) are reported at the first', async () => {
      const headPath = await chainOf(500)
      await sql`update audit_entry a set at = b.at, actor_id = b.actor_id, action = b.action, subject_id = b.subject_id, purpose = b.purpose,
          categories = b.categories, decision = b.decision, reason = b.reason, prev_hash = b.prev_hash, hash = b.hash
        from audit_entry b where (a.seq, b.seq) in ((250, 251), (251, 250))`.execute(db())
      const v = await verify(headPath, 64)
      assert.ok(!v.ok && v.firstBadSeq === 250 && v.problem === 'reordered', JSON.stringify(v))
    })

    test('REQ-SEC-04 tamper: a truncated tail (head row and later checkpoints fixed up) is caught through the head file', async () => {
      const headPath = await chainOf(500)
      await sql`delete from audit_entry where seq > 450`.execute(db())
      await sql`delete from audit_checkpoint where seq > 450`.execute(db())
      await sql`update audit_head set seq = 450, hash = (select hash from audit_entry where seq = 450) where id = 1`.execute(db())
      const v = await verify(headPath, 64)
      assert.ok(!v.ok && v.firstBadSeq === 451 && v.problem === 'truncated', JSON.stringify(v))
    })

    test('REQ-SEC-04 tamper: a forged checkpoint signature is reported at its seq', async () => {
      const headPath = await chainOf(500)
      const other = generateMasterKeyRing().current.auditSigningKeyPair()
      const { signCheckpoint } = await import('../src/audit/checkpoint.ts')
      const cp = (await sql<{ seq: number; hash: string; at: string }>`select seq, hash, at from audit_checkpoint where seq = 300`.execute(db())).rows[0]!
      const forged = signCheckpoint({ seq: Number(cp.seq), hash: cp.hash, at: cp.at }, other.privateKey)
      // The original key id, another key's signature.
      await sql`update audit_checkpoint set signature = ${forged.signature} where seq = 300`.execute(db())
      const v = await verify(headPath)
      assert.ok(!v.ok && v.firstBadSeq === 300 && v.problem === 'bad-signature', JSON.stringify(v))
    })

    test('REQ-SEC-04 REQ-RT-05 verification starts from the recorded signed checkpoint after pruning, and hand-deleted oldest entries are not a pruning', async () => {
      const headPath = await reset()
      let now = new Date('2020-01-01T00:00:00.000Z')
      const log = createAuditLog(db(), { signer, headPath, checkpointEvery: 100, now: () => now })
      await log.appendMany(Array.from({ length: 250 }, (_, i) => record(i)))
      now = new Date('2026-01-01T00:00:00.000Z')
      await log.appendMany(Array.from({ length: 250 }, (_, i) => record(250 + i)))
      const pruned = await log.prune(new Date('2021-01-01T00:00:00.000Z'))
      await log.close()
      assert.deepEqual({ removed: pruned.removed, startSeq: pruned.startSeq, entrySeq: pruned.entrySeq }, { removed: 199, startSeq: 200, entrySeq: 501 })
      const v = await verify(headPath, 64)
      assert.equal(v.ok, true, JSON.stringify(v))
      assert.equal(v.startedAt, 200)
      assert.equal(v.count, 301, 'entries 201–500 and the audit.prune entry')
      // Deleting the next oldest entries by hand is not a pruning.
      await sql`delete from audit_entry where seq <= 250`.execute(db())
      const w = await verify(headPath, 64)
      assert.ok(!w.ok && w.problem === 'deleted' && w.firstBadSeq === 200, JSON.stringify(w))
    })

    test('REQ-SEC-04 deleting the oldest entries without a pruning is reported from seq 1', async () => {
      const headPath = await chainOf(300)
      await sql`delete from audit_entry where seq <= 3`.execute(db())
      const v = await verify(headPath)
      assert.ok(!v.ok && v.firstBadSeq === 1 && v.problem === 'deleted', JSON.stringify(v))
    })

    test('REQ-SEC-04 every bad entry is reported, not only the first: a value stored as U+FFFD, a later modification, an unreadable row and a deletion', async () => {
      const headPath = await chainOf(500)
      // What a lone surrogate used to leave: the row holds U+FFFD where its hash covered the surrogate.
      await sql`update audit_entry set purpose = ${'\ufffd'} where seq = 3`.execute(db())
      await sql`update audit_entry set actor_id = 'apikey:forged' where seq = 300`.execute(db())
      await sql`update audit_entry set action = action || chr(31) || 'x' where seq = 150`.execute(db())
      await sql`delete from audit_entry where seq = 420`.execute(db())
      const v = await verify(headPath, 64)
      assert.ok(!v.ok, JSON.stringify(v))
      assert.deepEqual({ firstBadSeq: v.firstBadSeq, problem: v.problem, count: v.count }, { firstBadSeq: 3, problem: 'modified', count: 2 })
      assert.deepEqual(v.problems.map((p) => [p.seq, p.problem]), [[3, 'modified'], [150, 'modified'], [300, 'modified'], [420, 'deleted']])
      assert.equal(v.problemCount, 4)
      const text = describeVerdict(v, headPath).split('\n')
      assert.equal(text[0], 'audit log TAMPERED: first bad entry seq 3 (modified): entry 3 does not match its hash')
      assert.deepEqual(text.slice(2), [
        '4 bad entries in all:',
        '  seq 3 (modified): entry 3 does not match its hash',
        '  seq 150 (modified): entry 150 has a column holding a separator character, or malformed categories',
        '  seq 300 (modified): entry 300 does not match its hash',
        '  seq 420 (deleted): entry 420 is missing',
      ])
    })

    test('REQ-SEC-04 with the oldest entries deleted by hand, the rest is still verified and its bad entries listed', async () => {
      const headPath = await chainOf(300)
      await sql`delete from audit_entry where seq <= 3`.execute(db())
      await sql`update audit_entry set reason = 'forged' where seq = 250`.execute(db())
      const v = await verify(headPath)
      assert.ok(!v.ok && v.firstBadSeq === 1 && v.problem === 'deleted', JSON.stringify(v))
      assert.deepEqual(v.problems.map((p) => [p.seq, p.problem]), [[1, 'deleted'], [250, 'modified']])
    })

    if (variant.name === 'postgres') {
      test('REQ-AUD-01 two instances on two pools appending concurrently keep one chain', async () => {
        const headPath = await reset()
        const second = await openPostgres(t.url!, { max: 4 })
        try {
          const a: ChainAuditLog = createAuditLog(db(), { signer, headPath, checkpointEvery: 250 })
          const b: ChainAuditLog = createAuditLog(second.db, { signer, headPath, checkpointEvery: 250 })
          const work = (log: ChainAuditLog, tag: string) =>
            Promise.all(Array.from({ length: 1500 }, (_, i) => (i % 10 === 0 ? new Promise((r) => setTimeout(r, i % 7)) : Promise.resolve()).then(() => log.append({ ...record(i), actorId: tag }))))
          await Promise.all([work(a, 'instance:a'), work(b, 'instance:b')])
          assert.ok(a.stats().flushes > 1 && b.stats().flushes > 1, 'both instances flushed several times (interleaved)')
          await Promise.all([a.close(), b.close()])
          const stored = await rows()
          assert.equal(stored.length, 3000)
          assert.deepEqual(stored.map((r) => Number(r.seq)), Array.from({ length: 3000 }, (_, i) => i + 1), 'no gap, no duplicate')
          assert.equal(stored.filter((r) => r.actor_id === 'instance:a').length, 1500)
          const v = await verify(headPath)
          assert.equal(v.ok, true, JSON.stringify(v))
          assert.equal(readSignedHead(headPath)?.seq, 3000)
        } finally {
          await second.close()
        }
      })
    }
  })
}
