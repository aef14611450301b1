// An erasure killed with SIGKILL at a random moment is never half done: after a restart the person
// is either untouched and readable (then erased again, to the end) or completely shredded (no
// ordinary key, the accounting records readable under the retention key for accounting only, and
// the unreadable leftovers purged at start). Embedded database in a data directory, and PostgreSQL.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { randomBytes, randomInt } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DATABASES, createPostgresDatabase } from './support/databases.ts'
import { openNode, type NodeTarget } from './support/erasure-node.ts'
import { seedRecords } from './support/erasure-seed.ts'
import { REPO_ROOT } from './support/paths.ts'
import { runtimeKey, seedRequest } from './support/actors.ts'
import { GateDenied } from '../src/gate/gate.ts'
import { parseMasterKey } from '../src/vault/master-key.ts'

const RECORDS = 5000
const ROUNDS = 5

function runChild(target: NodeTarget, subjectId: string, requestId: string, killAfterMs: number | undefined): Promise<{ killed: boolean; finished: boolean; erasingMs: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/erasure-crash-child.ts')], {
    env: { ...process.env, ERASURE_TARGET: JSON.stringify(target), ERASURE_SUBJECT: subjectId, ERASURE_REQUEST: requestId },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let finished = false
  let killed = false
  let started = 0
  let erasingMs = 0
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    if (chunk.includes('erased')) {
      finished = true
      erasingMs = Date.now() - started
    }
    if (chunk.includes('erasing')) started = Date.now()
    if (chunk.includes('erasing') && killAfterMs !== undefined) {
      setTimeout(() => {
        if (!finished && child.exitCode === null) {
          killed = child.kill('SIGKILL')
        }
      }, killAfterMs)
    }
  })
  return new Promise((resolve) => child.on('exit', () => resolve({ killed, finished, erasingMs })))
}

for (const variant of DATABASES) {
  describe(`${variant.name}: erasure killed mid-way`, { skip: variant.skip }, () => {
    test(`REQ-ER-04 REQ-SEC-05 an erasure of a person with ${RECORDS} records killed with SIGKILL is never half done`, { timeout: 600_000 }, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'pledge-erasure-crash-'))
      const outside = mkdtempSync(join(tmpdir(), 'pledge-tombstones-'))
      const pg = variant.name === 'postgres' ? await createPostgresDatabase() : undefined
      const target: NodeTarget = { dataDir, databaseUrl: pg?.url, tombstones: join(outside, 'tombstones'), masterKey: randomBytes(32).toString('base64') }
      const ring = parseMasterKey(target.masterKey)
      const outcomes: string[] = []
      let fullMs = 0
      try {
        for (let round = 0; round < ROUNDS; round++) {
          // A fresh customer with many invoices (payment records kept for accounting) each round.
          let node = await openNode(target)
          const crm = await runtimeKey(node.runtime, 'crm', ['customer_registration', 'customer_service'])
          const finance = await runtimeKey(node.runtime, 'finance', ['accounting'])
          const { id } = await node.runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': `Crash Person ${round}`, 'contact.email': `crash.${round}@crash-test.example`, 'contact.address': 'Kerkstraat 5, 3500 Hasselt', 'identification.vat_number': 'BE0123456749' } })
          await seedRecords(node.database.db, ring, id, 'financial.payment_data', RECORDS, 'accounting')
          await node.runtime.gate.recordEvent(finance, id, 'invoice_issued', new Date(Date.now() - 5 * 86_400_000))
          const requestId = await seedRequest(node.runtime, 'erasure', { subjectIds: [id] })
          await node.close()

          // The first round is not killed: the erasure must finish on its own, and its duration
          // sets the window the later kills land in (anywhere from before the transaction to after
          // the purge).
          const killAfter = round === 0 ? undefined : randomInt(0, Math.max(50, Math.round(fullMs * 1.2)))
          const run = await runChild(target, id, requestId, killAfter)
          if (round === 0) {
            assert.ok(run.finished)
            fullMs = run.erasingMs
          }

          node = await openNode(target)
          const crmAgain = await runtimeKey(node.runtime, 'crm', ['customer_registration', 'customer_service'])
          const financeAgain = await runtimeKey(node.runtime, 'finance', ['accounting'])
          try {
            const db = node.database.db
            const ordinaryKey = await db.selectFrom('subject_key').select('kind').where('subject_id', '=', id).where('kind', '=', 'ordinary').executeTakeFirst()
            const subject = await db.selectFrom('subject').select('erased_at').where('id', '=', id).executeTakeFirstOrThrow()
            const count = async (kind: 'ordinary' | 'retention') => (await db.selectFrom('personal_data').select(db.fn.countAll<number>().as('n')).where('subject_id', '=', id).where('key_kind', '=', kind).executeTakeFirstOrThrow()).n
            if (ordinaryKey) {
              // Untouched: everything as before, readable, nothing kept aside.
              outcomes.push(run.killed ? `killed after ${killAfter} ms: untouched` : 'untouched?')
              assert.equal(subject.erased_at, null)
              assert.equal(Number(await count('ordinary')), RECORDS + 4)
              assert.equal(Number(await count('retention')), 0)
              assert.equal((await db.selectFrom('retained_category').select('category').where('subject_id', '=', id).execute()).length, 0)
              assert.equal((await node.runtime.gate.read(crmAgain, 'customer_service', id)).data['contact.name'], `Crash Person ${round}`)
              await node.runtime.gate.erase(node.runtime.gate.systemActor('requests'), requestId, id)
            } else {
              outcomes.push(run.killed ? `killed after ${killAfter} ms: shredded` : 'finished: shredded')
            }
            // Shredded, completely.
            assert.equal((await db.selectFrom('subject_key').select('kind').where('subject_id', '=', id).where('kind', '=', 'ordinary').executeTakeFirst()), undefined)
            assert.ok((await db.selectFrom('subject').select('erased_at').where('id', '=', id).executeTakeFirstOrThrow()).erased_at)
            assert.equal(Number(await count('ordinary')), 0, 'leftovers are purged at start (or by the erasure itself)')
            assert.equal(Number(await count('retention')), RECORDS + 3)
            const kept = await node.runtime.gate.read(financeAgain, 'accounting', id)
            assert.equal((kept.data['financial.payment_data'] as unknown[]).length, RECORDS)
            assert.equal(kept.data['contact.name'], `Crash Person ${round}`)
            await assert.rejects(node.runtime.gate.read(crmAgain, 'customer_service', id), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased')
            assert.ok(existsSync(target.tombstones) && readFileSync(target.tombstones, 'utf8').split('\n').includes(id), 'the tombstone file names the person')
          } finally {
            await node.close()
          }
        }
        // The rounds show where the kills landed (they vary from run to run).
        console.log(`${variant.name}: full erasure ${fullMs} ms; ${outcomes.join('; ')}`)
      } finally {
        await pg?.drop()
        rmSync(dataDir, { recursive: true, force: true })
        rmSync(outside, { recursive: true, force: true })
      }
    })
  })
}
