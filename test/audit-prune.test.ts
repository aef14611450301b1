// Pruning the audit log from its start (REQ-RT-05, issue 13 §5), on both databases: the chain is cut
// to the last signed checkpoint whose entries are all older than the cut-off, the new start is
// recorded in the database and the witness, verification starts there and says so; a start moved
// without a pruning (or ahead of the witness) is tampering; a prune killed half-way leaves a log
// that verifies and a next prune that finishes it; data changes recorded under pruned entries are
// not reported as missing their entry.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPairSync } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { createAuditLog, type ChainAuditLog } from '../src/audit/chain-store.ts'
import { verifyAuditStore, type StoreVerifyResult } from '../src/audit/verify-store.ts'
import { appendEntry, GENESIS_HASH } from '../src/audit/chain.ts'
import { appendWitness } from '../src/audit/witness.ts'
import { describeVerdict } from '../src/audit/audit-operations.ts'
import { unauditedChanges } from '../src/audit/unaudited.ts'
import type { AuditRecord } from '../src/audit/audit-log.ts'
import type { DB } from '../src/db/schema.ts'

const signer = generateKeyPairSync('ed25519')
const publicKeys = [signer.publicKey]
const OLD = new Date('2020-01-01T00:00:00.000Z')
const NEW = new Date('2026-01-01T00:00:00.000Z')
const PRUNE_DAY = new Date('2026-02-01T00:00:00.000Z')
const CUTOFF = new Date('2021-01-01T00:00:00.000Z')

const subjectOf = (i: number) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`
const record = (i: number): AuditRecord => ({ actorId: `key:prune-${i % 5}`, action: 'subject.read', subjectId: subjectOf(i), purpose: 'customer_service', categories: ['contact.name'], decision: 'allow', reason: null })

interface Ctx {
  db: Kysely<DB>
  headPath: string
  witnessPath: string
  log: ChainAuditLog
  clock: { now: Date }
}

for (const variant of DATABASES) {
  describe(`${variant.name}: pruning the audit log`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let dir: string
    let n = 0
    before(async () => {
      t = await variant.open()
      dir = mkdtempSync(join(tmpdir(), 'pledge-prune-'))
    })
    after(async () => {
      await t?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    /**
     * A fresh open log (a checkpoint every 100, a witness): entries 1–250 written in 2020, 251–500 in
     * 2026. Signed checkpoints at 100 and 200 (of 2020), 300, 400 and 500 (of 2026).
     */
    async function chain(options: { witness?: boolean } = {}): Promise<Ctx> {
      const db = t.database.db
      await sql`delete from audit_entry`.execute(db)
      await sql`delete from audit_checkpoint`.execute(db)
      await sql`delete from subject`.execute(db)
      await sql`update audit_head set seq = 0, hash = ${GENESIS_HASH} where id = 1`.execute(db)
      await sql`update audit_start set seq = 0, hash = null, checkpoint_at = null, key_id = null, signature = null, pruned_at = null, entry_seq = null where id = 1`.execute(db)
      const k = ++n
      const clock = { now: OLD }
      const headPath = join(dir, `head-${k}.json`)
      const witnessPath = join(dir, `witness-${k}.jsonl`)
      const log = createAuditLog(db, { signer, headPath, ...(options.witness === false ? {} : { witnessPath }), checkpointEvery: 100, checkpointIntervalMs: 3_600_000, now: () => clock.now })
      await log.appendMany(Array.from({ length: 250 }, (_, i) => record(i + 1)))
      clock.now = NEW
      await log.appendMany(Array.from({ length: 250 }, (_, i) => record(251 + i)))
      clock.now = PRUNE_DAY
      return { db, headPath, witnessPath, log, clock }
    }
    const verify = (c: Ctx, withWitness = true): Promise<StoreVerifyResult> => verifyAuditStore(c.db, { publicKeys, headPath: c.headPath, workers: 0, ...(withWitness ? { witnessPath: c.witnessPath } : {}) })
    const seqs = async (db: Kysely<DB>, table: 'audit_entry' | 'audit_checkpoint') => (await sql<{ seq: string | number }>`select seq from ${sql.table(table)} order by seq`.execute(db)).rows.map((r) => Number(r.seq))
    const witnessLines = (c: Ctx) => readFileSync(c.witnessPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)

    test('REQ-RT-05 the audit log is pruned from its start to a signed checkpoint and verify says where it starts', async () => {
      const c = await chain()
      const r = await c.log.prune(CUTOFF)
      assert.equal(r.removed, 199)
      assert.equal(r.startSeq, 200)
      assert.equal(r.entrySeq, 501)
      assert.equal(r.startCheckpoint?.seq, 200)
      assert.equal(r.startCheckpoint?.at, '2020-01-01T00:00:00.000Z')
      // Entries 1–199 and the checkpoint at 100 are gone; entry 200 (the checkpoint's) is the first.
      const entries = await seqs(c.db, 'audit_entry')
      assert.equal(entries[0], 200)
      assert.equal(entries.length, 302)
      assert.deepEqual(await seqs(c.db, 'audit_checkpoint'), [200, 300, 400, 500])
      // The prune is an entry of its own: numbers only.
      const entry = (await sql<{ actor_id: string; action: string; subject_id: string | null; purpose: string | null; categories: unknown; decision: string | null; reason: string | null }>`
        select actor_id, action, subject_id, purpose, categories, decision, reason from audit_entry where seq = 501`.execute(c.db)).rows[0]
      assert.deepEqual({ ...entry, categories: typeof entry?.categories === 'string' ? JSON.parse(entry.categories) : entry?.categories }, {
        actor_id: 'system:retention', action: 'audit.prune', subject_id: null, purpose: null, categories: [], decision: null, reason: 'start:200 from:0',
      })
      // Recorded in the database…
      const start = (await sql<{ seq: string | number; pruned_at: Date | string; entry_seq: string | number }>`select seq, pruned_at, entry_seq from audit_start where id = 1`.execute(c.db)).rows[0]!
      assert.deepEqual([Number(start.seq), new Date(start.pruned_at).toISOString(), Number(start.entry_seq)], [200, '2026-02-01T00:00:00.000Z', 501])
      // …and in the witness, after the checkpoints it already held.
      const lines = witnessLines(c)
      assert.deepEqual(lines.map((l) => (l['kind'] === 'prune' ? `prune:${String(l['startSeq'])}` : `checkpoint:${String(l['seq'])}`)), ['checkpoint:100', 'checkpoint:200', 'checkpoint:300', 'checkpoint:400', 'checkpoint:500', 'prune:200'])
      assert.deepEqual({ seq: (lines[5]!['checkpoint'] as { seq: number }).seq, at: lines[5]!['at'] }, { seq: 200, at: '2026-02-01T00:00:00.000Z' })
      await c.log.close()

      const v = await verify(c)
      assert.equal(v.ok, true, JSON.stringify(v))
      assert.equal(v.startedAt, 200)
      assert.equal(v.count, 301, 'entries 201–500 and the audit.prune entry (501)')
      assert.equal(v.lastSeq, 501)
      const text = describeVerdict(v, c.headPath, c.witnessPath).split('\n')
      assert.match(text[0]!, /^audit log intact: 301 entries verified from entry 200, last seq 501, /)
      assert.equal(text[1], 'chain starts at entry 200 (signed checkpoint of 2020-01-01T00:00:00.000Z), 199 entries before it were pruned on 2026-02-01T00:00:00.000Z')
    })

    test('REQ-RT-05 pruning again moves the start only to a later signed checkpoint with older entries only', async () => {
      const c = await chain()
      await c.log.prune(CUTOFF)
      // Nothing new is old enough: nothing moves, no entry.
      const again = await c.log.prune(CUTOFF)
      assert.deepEqual({ removed: again.removed, startSeq: again.startSeq, checkpoint: again.startCheckpoint?.seq, entrySeq: again.entrySeq }, { removed: 0, startSeq: 200, checkpoint: 200, entrySeq: null })
      // Everything up to the checkpoint at 500 is older than 2026-01-02 (the prune entry 501 is not, and is not checkpointed).
      c.clock.now = new Date('2026-03-01T00:00:00.000Z')
      const r = await c.log.prune(new Date('2026-01-02T00:00:00.000Z'))
      assert.deepEqual({ removed: r.removed, startSeq: r.startSeq, entrySeq: r.entrySeq }, { removed: 300, startSeq: 500, entrySeq: 502 })
      assert.deepEqual(await seqs(c.db, 'audit_entry'), [500, 501, 502])
      const reasons = (await sql<{ reason: string }>`select reason from audit_entry where action = 'audit.prune' order by seq`.execute(c.db)).rows.map((x) => x.reason)
      assert.deepEqual(reasons, ['start:200 from:0', 'start:500 from:200'], 'the first pruning\'s entry (501) comes after the new start, so it is kept')
      await c.log.close()
      const v = await verify(c)
      assert.equal(v.ok, true, JSON.stringify(v))
      assert.equal(describeVerdict(v, c.headPath, c.witnessPath).split('\n')[1], 'chain starts at entry 500 (signed checkpoint of 2026-01-01T00:00:00.000Z), 499 entries before it were pruned on 2026-03-01T00:00:00.000Z')
      // A cut-off before every entry prunes nothing on a fresh log either.
      const fresh = await chain()
      assert.deepEqual(await fresh.log.prune(new Date('2019-01-01T00:00:00.000Z')), { removed: 0, startSeq: 0, startCheckpoint: null, entrySeq: null })
      await fresh.log.close()
      assert.equal(describeVerdict(await verify(fresh), fresh.headPath, fresh.witnessPath).split('\n')[1], 'chain starts at entry 1 (the genesis): never pruned')
    })

    test('REQ-RT-05 REQ-SEC-04 rows deleted from the start without a prune record are detected, with and without a witness', async () => {
      const c = await chain()
      await c.log.close()
      await sql`delete from audit_entry where seq < 100`.execute(c.db)
      for (const withWitness of [true, false]) {
        const v = await verify(c, withWitness)
        assert.ok(!v.ok && v.firstBadSeq === 1 && v.problem === 'deleted', JSON.stringify(v))
      }
      // The start moved in the database too (to the genuinely signed checkpoint at 100): still no pruning.
      await sql`update audit_start set (seq, hash, checkpoint_at, key_id, signature, pruned_at) = (select seq, hash, at, key_id, signature, now() from audit_checkpoint where seq = 100) where id = 1`.execute(c.db)
      const withWitness = await verify(c)
      assert.ok(!withWitness.ok && withWitness.firstBadSeq === 1 && withWitness.problem === 'deleted', JSON.stringify(withWitness))
      assert.ok(withWitness.problems.some((p) => p.message === 'the database records the chain as starting at entry 100, but the witness records no pruning: entries 1–99 were deleted without a pruning'), JSON.stringify(withWitness.problems))
      const without = await verify(c, false)
      assert.ok(!without.ok && without.firstBadSeq === 1 && without.problem === 'deleted', JSON.stringify(without))
      assert.ok(without.problems.some((p) => p.message === 'entries 1–99 are missing and no audit.prune entry records their pruning'), JSON.stringify(without.problems))
    })

    test('REQ-RT-05 REQ-SEC-04 a prune record in the database moved forward beyond the witness\'s is detected', async () => {
      const c = await chain()
      await c.log.prune(CUTOFF)
      await c.log.close()
      // Whoever can write the database cuts on to the checkpoint at 300 and appends a matching
      // audit.prune entry after the last signed checkpoint (the chain has no key).
      await sql`delete from audit_entry where seq < 300`.execute(c.db)
      await sql`delete from audit_checkpoint where seq < 300`.execute(c.db)
      await sql`update audit_start set (seq, hash, checkpoint_at, key_id, signature) = (select seq, hash, at, key_id, signature from audit_checkpoint where seq = 300) where id = 1`.execute(c.db)
      const last = (await sql<{ seq: string; hash: string }>`select seq, hash from audit_entry order by seq desc limit 1`.execute(c.db)).rows[0]!
      const forged = appendEntry({ seq: Number(last.seq), hash: last.hash }, { at: PRUNE_DAY.toISOString(), actorId: 'system:retention', action: 'audit.prune', subjectId: null, purpose: null, categories: [], decision: null, reason: 'start:300 from:200' })
      await sql`insert into audit_entry (seq, at, actor_id, action, subject_id, purpose, categories, decision, reason, prev_hash, hash)
        values (${forged.seq}, ${forged.at}, ${forged.actorId}, ${forged.action}, null, null, '[]'::jsonb, null, ${forged.reason}, ${forged.prevHash}, ${forged.hash})`.execute(c.db)
      await sql`update audit_head set seq = ${forged.seq}, hash = ${forged.hash} where id = 1`.execute(c.db)
      const v = await verify(c)
      assert.ok(!v.ok && v.firstBadSeq === 200 && v.problem === 'deleted', JSON.stringify(v))
      assert.equal(v.message, 'the database records the chain as starting at entry 300, but the witness records a pruning to entry 200 only: entries 200–299 were deleted without a pruning')
      // Without the witness this one cannot be told from a real pruning (as the README says).
      assert.equal((await verify(c, false)).ok, true)
    })

    test('REQ-RT-05 a prune killed half-way: verify still passes and the next prune finishes it', async () => {
      const c = await chain()
      // Killed after its audit.prune entry and its witness record, before the database recorded the start.
      const checkpoint = (await sql<{ seq: string; hash: string; at: string; key_id: string; signature: string }>`select seq, hash, at, key_id, signature from audit_checkpoint where seq = 200`.execute(c.db)).rows[0]!
      const cp = { seq: 200, hash: checkpoint.hash, at: checkpoint.at, keyId: checkpoint.key_id, signature: checkpoint.signature }
      assert.equal(await c.log.append({ actorId: 'system:retention', action: 'audit.prune', subjectId: null, purpose: null, categories: [], decision: null, reason: 'start:200 from:0' }), 501)
      appendWitness(c.witnessPath, [{ kind: 'prune', startSeq: 200, checkpoint: cp, at: PRUNE_DAY.toISOString() }])
      await c.log.checkpoint()
      const lagging = await verify(c)
      assert.equal(lagging.ok, true, JSON.stringify(lagging))
      assert.equal(lagging.startedAt, 0, 'the database lags the witness: verified from the genesis')
      // Killed after recording the start and deleting the first 49 entries only.
      await sql`update audit_start set (seq, hash, checkpoint_at, key_id, signature, pruned_at, entry_seq) = (200, ${cp.hash}, ${cp.at}, ${cp.keyId}, ${cp.signature}, ${PRUNE_DAY.toISOString()}, 501) where id = 1`.execute(c.db)
      await sql`delete from audit_entry where seq < 50`.execute(c.db)
      const halfway = await verify(c)
      assert.equal(halfway.ok, true, JSON.stringify(halfway))
      assert.equal(halfway.startedAt, 200)
      assert.equal(halfway.count, 301)
      // The next prune deletes what is left below the start first (in batches), then finds nothing new to prune.
      const r = await c.log.prune(CUTOFF, { batchSize: 40 })
      assert.deepEqual({ removed: r.removed, startSeq: r.startSeq, entrySeq: r.entrySeq }, { removed: 150, startSeq: 200, entrySeq: null })
      assert.equal((await seqs(c.db, 'audit_entry'))[0], 200)
      assert.deepEqual((await seqs(c.db, 'audit_checkpoint'))[0], 200)
      await c.log.close()
      assert.equal((await verify(c)).ok, true)
    })

    test('REQ-RT-05 a data change recorded under a pruned entry is not reported as missing its entry', async () => {
      const c = await chain()
      // Subjects whose changes were recorded under entries 50 (pruned), 250 (kept) and 300 (kept, but about someone else).
      await sql`insert into subject (id, type, created_by, audit_seq) values (${subjectOf(50)}, 'customer', 'key:prune-0', 50), (${subjectOf(250)}, 'customer', 'key:prune-0', 250), (${subjectOf(999)}, 'customer', 'key:prune-0', 300)`.execute(c.db)
      const before = await unauditedChanges(c.db)
      assert.deepEqual(before.map((u) => [u.auditSeq, u.problem]), [[300, 'entry_of_another_person']])
      await c.log.prune(CUTOFF)
      await c.log.close()
      const afterPrune = await unauditedChanges(c.db)
      assert.deepEqual(afterPrune.map((u) => [u.auditSeq, u.problem]), [[300, 'entry_of_another_person']], 'entry 50 was pruned: not checkable, not missing')
      // An entry at or after the start deleted by hand is still missing.
      await sql`delete from audit_entry where seq = 250`.execute(c.db)
      const deleted = await unauditedChanges(c.db)
      assert.deepEqual(deleted.map((u) => [u.auditSeq, u.problem]).sort(), [[250, 'entry_missing'], [300, 'entry_of_another_person']])
    })

    test('REQ-RT-05 a witness configured after a pruning first records the start, and verifies', async () => {
      const c = await chain({ witness: false })
      await c.log.prune(CUTOFF)
      await c.log.close()
      const later = createAuditLog(c.db, { signer, headPath: c.headPath, witnessPath: c.witnessPath, checkpointEvery: 100, now: () => PRUNE_DAY })
      await later.append(record(1))
      await later.close()
      assert.deepEqual(witnessLines(c).map((l) => `${String(l['kind'])}:${String(l['kind'] === 'prune' ? l['startSeq'] : l['seq'])}`), ['prune:200', 'checkpoint:502'])
      const v = await verify(c)
      assert.equal(v.ok, true, JSON.stringify(v))
      assert.equal(v.startedAt, 200)
    })
  })
}
