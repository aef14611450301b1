// The tamper suite (REQ-SEC-04, REQ-AUD-01): 25 ways to change, cut, roll back or rebuild the
// audit log, each run on a fresh chain of 300 entries (a signed checkpoint every 100) with a
// witness on other storage, on both databases — and every one is detected. Then what a missing
// witness leaves undetectable, stated as the README states it.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPairSync } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { createAuditLog } from '../src/audit/chain-store.ts'
import { verifyAuditStore, type StoreVerifyResult } from '../src/audit/verify-store.ts'
import { GENESIS_HASH, hashEntry, type AuditFields } from '../src/audit/chain.ts'
import type { AuditRecord } from '../src/audit/audit-log.ts'
import type { DB } from '../src/db/schema.ts'

const signer = generateKeyPairSync('ed25519')
const publicKeys = [signer.publicKey]
const COUNT = 300

const record = (i: number): AuditRecord => ({ actorId: `key:tamper-${i % 7}`, action: 'subject.read', subjectId: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`, purpose: 'customer_service', categories: ['contact.name'], decision: 'allow', reason: null })

interface Row {
  seq: string | number
  at: string
  actor_id: string
  action: string
  subject_id: string | null
  purpose: string | null
  categories: string[] | string
  decision: 'allow' | 'deny' | null
  reason: string | null
  prev_hash: string
  hash: string
}

const fieldsOf = (r: Row, seq: number): AuditFields => ({
  seq,
  at: r.at,
  actorId: r.actor_id,
  action: r.action,
  subjectId: r.subject_id,
  purpose: r.purpose,
  categories: typeof r.categories === 'string' ? (JSON.parse(r.categories) as string[]) : r.categories,
  decision: r.decision,
  reason: r.reason,
})

/** What an attacker who can write the database (but not sign) does to rebuild the chain from `seq` on. */
async function rehashFrom(db: Kysely<DB>, seq: number): Promise<void> {
  const rows = (await sql<Row>`select * from audit_entry where seq >= ${seq - 1} order by seq`.execute(db)).rows
  let prev = seq - 1 >= 1 ? rows.find((r) => Number(r.seq) === seq - 1)?.hash ?? GENESIS_HASH : GENESIS_HASH
  for (const r of rows.filter((x) => Number(x.seq) >= seq)) {
    const hash = hashEntry(prev, fieldsOf(r, Number(r.seq)))
    await sql`update audit_entry set prev_hash = ${prev}, hash = ${hash} where seq = ${r.seq}`.execute(db)
    prev = hash
  }
  const last = (await sql<{ seq: string; hash: string }>`select seq, hash from audit_entry order by seq desc limit 1`.execute(db)).rows[0]
  await sql`update audit_head set seq = ${last ? Number(last.seq) : 0}, hash = ${last?.hash ?? GENESIS_HASH} where id = 1`.execute(db)
}

type Ctx = { db: Kysely<DB>; headPath: string; witnessPath: string; oldHead: string }
const TAMPERS: readonly { name: string; tamper: (c: Ctx) => Promise<void> }[] = [
  { name: 'an entry\'s action changed', tamper: async ({ db }) => void (await sql`update audit_entry set action = 'subject.write' where seq = 50`.execute(db)) },
  { name: 'an entry\'s categories changed', tamper: async ({ db }) => void (await sql`update audit_entry set categories = '["financial.bank_account"]'::jsonb where seq = 51`.execute(db)) },
  { name: 'an entry\'s reason changed', tamper: async ({ db }) => void (await sql`update audit_entry set reason = 'x' where seq = 52`.execute(db)) },
  { name: 'an entry\'s subject changed', tamper: async ({ db }) => void (await sql`update audit_entry set subject_id = '01900000-0000-7000-8000-999999999999' where seq = 53`.execute(db)) },
  { name: 'an entry\'s time changed', tamper: async ({ db }) => void (await sql`update audit_entry set at = '2020-01-01T00:00:00.000Z' where seq = 54`.execute(db)) },
  { name: 'an entry\'s actor changed', tamper: async ({ db }) => void (await sql`update audit_entry set actor_id = 'key:someone-else' where seq = 55`.execute(db)) },
  { name: 'a value holding a column separator', tamper: async ({ db }) => void (await sql`update audit_entry set reason = ${'a\u001fb'} where seq = 56`.execute(db)) },
  { name: 'an entry\'s previous hash changed', tamper: async ({ db }) => void (await sql`update audit_entry set prev_hash = ${'1'.repeat(64)} where seq = 57`.execute(db)) },
  { name: 'an entry\'s hash changed', tamper: async ({ db }) => void (await sql`update audit_entry set hash = ${'2'.repeat(64)} where seq = 58`.execute(db)) },
  { name: 'an entry deleted', tamper: async ({ db }) => void (await sql`delete from audit_entry where seq = 120`.execute(db)) },
  {
    name: 'an entry inserted and the rest renumbered',
    tamper: async ({ db }) => {
      await sql`update audit_entry set seq = -seq where seq >= 130`.execute(db)
      await sql`update audit_entry set seq = -seq + 1 where seq <= -130`.execute(db)
      await sql`insert into audit_entry (seq, at, actor_id, action, subject_id, purpose, categories, decision, reason, prev_hash, hash) values (130, '2026-01-01T00:00:00.000Z', 'key:x', 'subject.read', null, null, '[]'::jsonb, 'allow', null, ${'3'.repeat(64)}, ${'4'.repeat(64)})`.execute(db)
    },
  },
  {
    name: 'two entries swapped',
    tamper: async ({ db }) => {
      await sql`update audit_entry set seq = -1 where seq = 140`.execute(db)
      await sql`update audit_entry set seq = 140 where seq = 141`.execute(db)
      await sql`update audit_entry set seq = 141 where seq = -1`.execute(db)
    },
  },
  {
    name: 'an entry rewritten and the rest of the chain re-hashed',
    tamper: async ({ db }) => {
      await sql`update audit_entry set action = 'subject.write' where seq = 150`.execute(db)
      await rehashFrom(db, 150)
    },
  },
  { name: 'the tail cut and the head row fixed up', tamper: async ({ db }) => {
    await sql`delete from audit_entry where seq > 250`.execute(db)
    await sql`delete from audit_checkpoint where seq > 250`.execute(db)
    await rehashFrom(db, 251)
  } },
  { name: 'a stored checkpoint\'s signature forged', tamper: async ({ db }) => void (await sql`update audit_checkpoint set signature = ${Buffer.alloc(64, 7).toString('base64')} where seq = 100`.execute(db)) },
  { name: 'a stored checkpoint\'s hash changed', tamper: async ({ db }) => void (await sql`update audit_checkpoint set hash = ${'5'.repeat(64)} where seq = 200`.execute(db)) },
  {
    name: 'the head file\'s signature forged',
    tamper: async ({ headPath }) => {
      const head = JSON.parse(readFileSync(headPath, 'utf8')) as Record<string, unknown>
      writeFileSync(headPath, JSON.stringify({ ...head, signature: Buffer.alloc(64, 9).toString('base64') }))
    },
  },
  { name: 'the oldest entries deleted without a pruning', tamper: async ({ db }) => void (await sql`delete from audit_entry where seq <= 40`.execute(db)) },
  {
    name: 'the oldest entries deleted and the start moved in the database to a signed checkpoint (a forged pruning)',
    tamper: async ({ db }) => {
      await sql`delete from audit_entry where seq < 100`.execute(db)
      await sql`update audit_start set (seq, hash, checkpoint_at, key_id, signature, pruned_at) = (select seq, hash, at, key_id, signature, now() from audit_checkpoint where seq = 100) where id = 1`.execute(db)
    },
  },
  { name: 'the log emptied, the head file kept', tamper: async ({ db }) => {
    await sql`delete from audit_entry`.execute(db)
    await sql`delete from audit_checkpoint`.execute(db)
    await sql`update audit_head set seq = 0, hash = ${GENESIS_HASH} where id = 1`.execute(db)
  } },
  // The five the head file alone did not catch: the head file goes (or an old one comes back) too.
  {
    name: 'the tail cut, its checkpoints and the head file deleted',
    tamper: async ({ db, headPath }) => {
      await sql`delete from audit_entry where seq > 250`.execute(db)
      await sql`delete from audit_checkpoint where seq > 250`.execute(db)
      await rehashFrom(db, 251)
      unlinkSync(headPath)
    },
  },
  {
    name: 'cut back to an older, genuinely signed head, and that old head file put back',
    tamper: async ({ db, headPath, oldHead }) => {
      const old = JSON.parse(readFileSync(oldHead, 'utf8')) as { seq: number }
      await sql`delete from audit_entry where seq > ${old.seq}`.execute(db)
      await sql`delete from audit_checkpoint where seq > ${old.seq}`.execute(db)
      await rehashFrom(db, old.seq + 1)
      copyFileSync(oldHead, headPath)
    },
  },
  {
    name: 'the log emptied and the head file deleted',
    tamper: async ({ db, headPath }) => {
      await sql`delete from audit_entry`.execute(db)
      await sql`delete from audit_checkpoint`.execute(db)
      await sql`update audit_head set seq = 0, hash = ${GENESIS_HASH} where id = 1`.execute(db)
      unlinkSync(headPath)
    },
  },
  {
    name: 'an entry rewritten, the chain re-hashed, and the head file deleted',
    tamper: async ({ db, headPath }) => {
      await sql`update audit_entry set reason = 'quietly changed' where seq = 260`.execute(db)
      await rehashFrom(db, 260)
      unlinkSync(headPath)
    },
  },
  {
    name: 'an entry rewritten, the chain re-hashed, the later checkpoints dropped and the head file deleted',
    tamper: async ({ db, headPath }) => {
      await sql`update audit_entry set reason = 'quietly changed' where seq = 160`.execute(db)
      await rehashFrom(db, 160)
      await sql`delete from audit_checkpoint where seq >= 160`.execute(db)
      unlinkSync(headPath)
    },
  },
]

for (const variant of DATABASES) {
  describe(`${variant.name}: the tamper suite`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let dir: string
    let n = 0
    before(async () => {
      t = await variant.open()
      dir = mkdtempSync(join(tmpdir(), 'pledge-tamper-'))
    })
    after(async () => {
      await t?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    /** A fresh closed chain of COUNT entries, its head file, its witness, and a copy of the head at seq 200. */
    async function chain(): Promise<Ctx> {
      const db = t.database.db
      await sql`delete from audit_entry`.execute(db)
      await sql`delete from audit_checkpoint`.execute(db)
      await sql`update audit_head set seq = 0, hash = ${GENESIS_HASH} where id = 1`.execute(db)
      await sql`update audit_start set seq = 0, hash = null, checkpoint_at = null, key_id = null, signature = null, pruned_at = null, entry_seq = null where id = 1`.execute(db)
      const k = ++n
      const ctx: Ctx = { db, headPath: join(dir, `head-${k}.json`), witnessPath: join(dir, `witness-${k}.jsonl`), oldHead: join(dir, `old-head-${k}.json`) }
      const log = createAuditLog(db, { signer, headPath: ctx.headPath, witnessPath: ctx.witnessPath, checkpointEvery: 100 })
      await log.appendMany(Array.from({ length: 200 }, (_, i) => record(i)))
      await log.checkpoint()
      copyFileSync(ctx.headPath, ctx.oldHead)
      await log.appendMany(Array.from({ length: COUNT - 200 }, (_, i) => record(200 + i)))
      await log.close()
      return ctx
    }
    const verify = (c: Ctx, withWitness = true): Promise<StoreVerifyResult> => verifyAuditStore(c.db, { publicKeys, headPath: c.headPath, workers: 0, ...(withWitness ? { witnessPath: c.witnessPath } : {}) })

    test('REQ-SEC-04 an untouched chain with its witness verifies intact', async () => {
      const c = await chain()
      const r = await verify(c)
      assert.equal(r.ok, true)
      assert.equal(r.witness?.seq, COUNT)
      assert.ok(existsSync(c.witnessPath))
      assert.deepEqual(readFileSync(c.witnessPath, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq), [100, 200, 300], 'every signed checkpoint, once')
    })

    test(`REQ-SEC-04 REQ-AUD-01 with a witness, all ${TAMPERS.length} tamperings are detected`, async () => {
      assert.equal(TAMPERS.length, 25)
      const missed: string[] = []
      const found: string[] = []
      for (const { name, tamper } of TAMPERS) {
        const c = await chain()
        await tamper(c)
        const r = await verify(c)
        if (r.ok) missed.push(name)
        else found.push(`${name}: ${r.problem} at seq ${r.firstBadSeq}`)
      }
      assert.deepEqual(missed, [])
      assert.equal(found.length, 25)
    })

    test('REQ-SEC-04 without a witness: a deleted head file fails verification; an old head file put back with the log cut to it cannot be detected', async () => {
      const results: Record<string, boolean> = {}
      for (const { name, tamper } of TAMPERS.slice(-5)) {
        const c = await chain()
        await tamper(c)
        results[name] = (await verify(c, false)).ok === false
      }
      assert.deepEqual(results, {
        'the tail cut, its checkpoints and the head file deleted': true,
        'cut back to an older, genuinely signed head, and that old head file put back': false,
        'the log emptied and the head file deleted': true,
        'an entry rewritten, the chain re-hashed, and the head file deleted': true,
        'an entry rewritten, the chain re-hashed, the later checkpoints dropped and the head file deleted': true,
      })
      // A log declared new (`--first-run`) may have no head file yet.
      const fresh = await chain()
      unlinkSync(fresh.headPath)
      await sql`delete from audit_entry`.execute(fresh.db)
      await sql`delete from audit_checkpoint`.execute(fresh.db)
      await sql`update audit_head set seq = 0, hash = ${GENESIS_HASH} where id = 1`.execute(fresh.db)
      assert.equal((await verifyAuditStore(fresh.db, { publicKeys, headPath: fresh.headPath, newLog: true })).ok, true)
      assert.equal((await verifyAuditStore(fresh.db, { publicKeys, headPath: fresh.headPath })).ok, false)
    })
  })
}
