// The audit log fails closed (REQ-SEC-04): a use of personal data is committed only after its entry
// is durable, and carries that entry's number; one entry the store refuses fails only its own
// request; and a process killed at any moment of an import or a write storm leaves no committed
// value without its entry.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes, randomInt } from 'node:crypto'
import { sql } from 'kysely'
import { DATABASES, createPostgresDatabase, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey } from './support/actors.ts'
import { openNode, type NodeTarget } from './support/erasure-node.ts'
import { REPO_ROOT } from './support/paths.ts'
import { unauditedChanges } from '../src/audit/unaudited.ts'
import { runOperation } from '../src/operations.ts'
import type { Runtime } from '../src/runtime.ts'
import type { Actor } from '../src/gate/actor.ts'
import type { Kysely } from 'kysely'
import type { DB } from '../src/db/schema.ts'

/** Every value, person, event and consent carries a number whose entry is in the log, about that person. */
async function assertEveryChangeAudited(db: Kysely<DB>): Promise<void> {
  assert.deepEqual(await unauditedChanges(db, { withoutNumber: true }), [])
  const bare = await sql<{ n: number }>`select count(*)::int as n from personal_data where audit_seq is null`.execute(db)
  assert.equal(bare.rows[0]!.n, 0, 'every value carries its entry\'s number')
}

for (const variant of DATABASES) {
  describe(`${variant.name}: one refused entry fails only its own request`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let crm: Actor
    let poisoned = ''
    before(async () => {
      t = await variant.open()
      // A store that refuses the entries about one chosen person, as a database refusing a row would.
      runtime = await testRuntime(t.database, { audit: { beforeWrite: (entries) => {
        if (poisoned && entries.some((e) => e.subjectId === poisoned && e.action === 'subject.write')) throw new Error('the store refuses this entry')
      } } })
      crm = await runtimeKey(runtime, 'crm', ['customer_registration', 'customer_service'])
    })
    after(async () => {
      await runtime?.close()
      await t?.drop()
    })

    test('REQ-SEC-04 40 concurrent writes with one poisoned entry among them: the 39 others commit with their entries, the poisoned one writes nothing', async () => {
      const people: string[] = []
      for (let i = 0; i < 40; i++) people.push((await runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': `Batch Person ${i}` } })).id)
      poisoned = people[17]!
      const outcomes = await Promise.allSettled(people.map((id, i) => runtime.gate.write(crm, 'customer_registration', id, { 'online.ip_address': `203.0.113.${i + 1}` })))
      const failed = outcomes.map((o, i) => (o.status === 'rejected' ? people[i] : undefined)).filter(Boolean)
      assert.deepEqual(failed, [poisoned])
      const written = await t.database.db.selectFrom('personal_data').select('subject_id').where('category', '=', 'online.ip_address').where('subject_id', 'in', people).execute()
      assert.deepEqual(new Set(written.map((w) => w.subject_id)), new Set(people.filter((p) => p !== poisoned)))
      const entries = await t.database.db.selectFrom('audit_entry').select('subject_id').where('action', '=', 'subject.write').where('subject_id', 'in', people).execute()
      assert.equal(entries.length, 39)
      assert.ok(!entries.some((e) => e.subject_id === poisoned))
      await assertEveryChangeAudited(t.database.db)
      poisoned = ''
    })

    test('REQ-SEC-04 pledge audit verify fails on a value whose entry is about someone else, naming the table and the person', async () => {
      const a = (await runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': 'Person A' } })).id
      const b = (await runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': 'Person B' } })).id
      const ok = await runOperation({ database: t.database, config: runtime.config, runtime, policyPath: runtime.config.policyPath, now: () => new Date() }, 'audit-verify', {})
      assert.match(ok.output, /audit log intact/)
      // Someone moves B's value under A's entry, behind Pledge's back.
      const seqA = (await t.database.db.selectFrom('subject').select('audit_seq').where('id', '=', a).executeTakeFirstOrThrow()).audit_seq
      await t.database.db.updateTable('personal_data').set({ audit_seq: seqA }).where('subject_id', '=', b).execute()
      assert.deepEqual((await unauditedChanges(t.database.db)).map((u) => [u.table, u.subjectId, u.problem]), [['personal_data', b, 'entry_of_another_person']])
      await assert.rejects(
        runOperation({ database: t.database, config: runtime.config, runtime, policyPath: runtime.config.policyPath, now: () => new Date() }, 'audit-verify', {}),
        (err: Error) => /1 data change is without their audit entry/.test(err.message) && err.message.includes(`personal_data of subject ${b}: entry_of_another_person`),
      )
    })
  })

  describe(`${variant.name}: killed mid-way, nothing committed without its entry`, { skip: variant.skip }, () => {
    const ROUNDS = 3
    for (const mode of ['import', 'writes'] as const) {
      test(`REQ-SEC-04 REQ-SEC-05 ${mode === 'import' ? 'an import' : 'a write storm'} killed with SIGKILL at a random moment, ${ROUNDS} rounds: every committed value has its entry`, { timeout: 600_000 }, async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'pledge-storm-'))
        const outside = mkdtempSync(join(tmpdir(), 'pledge-storm-tomb-'))
        const pg = variant.name === 'postgres' ? await createPostgresDatabase() : undefined
        const target: NodeTarget = { dataDir, databaseUrl: pg?.url, tombstones: join(outside, 'tombstones'), masterKey: randomBytes(32).toString('base64') }
        try {
          for (let round = 0; round < ROUNDS; round++) {
            const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/storm-child.ts')], {
              env: { ...process.env, STORM_TARGET: JSON.stringify(target), STORM_MODE: mode, STORM_ROUND: String(round) },
              stdio: ['ignore', 'pipe', 'inherit'],
            })
            const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
            await new Promise<void>((resolve, reject) => {
              child.stdout.setEncoding('utf8')
              child.stdout.on('data', (chunk: string) => {
                if (chunk.includes('committed')) resolve()
              })
              child.on('exit', (code) => reject(new Error(`the storm child exited early (${code})`)))
            })
            // Once something is committed, let it run on for a random while (the kill lands anywhere
            // in a batch: before, during or after its audit entries and its rows), then kill it.
            await new Promise((resolve) => setTimeout(resolve, randomInt(0, 1500)))
            child.kill('SIGKILL')
            await exited
            const node = await openNode(target)
            try {
              const rows = await sql<{ n: number }>`select count(*)::int as n from personal_data`.execute(node.database.db)
              assert.ok(rows.rows[0]!.n > 0, 'something was committed before the kill')
              await assertEveryChangeAudited(node.database.db)
            } finally {
              await node.close()
            }
          }
        } finally {
          await pg?.drop()
          rmSync(dataDir, { recursive: true, force: true })
          rmSync(outside, { recursive: true, force: true })
        }
      })
    }
  })
}
