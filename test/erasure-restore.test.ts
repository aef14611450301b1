// Restoring a database backup taken before an erasure cannot bring the person back (REQ-ER-04): the
// tombstone file outside the database is re-applied at start. Embedded database in a data
// directory (the snapshot is a copy of its files while closed) and PostgreSQL (the snapshot is a
// database cloned as a template while nobody is connected).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { DATABASES, createPostgresDatabase } from './support/databases.ts'
import { openNode, type NodeTarget } from './support/erasure-node.ts'
import { adminUrl } from './support/paths.ts'
import { openPostgres } from '../src/db/database.ts'
import { runtimeKey, seedRequest } from './support/actors.ts'
import { GateDenied } from '../src/gate/gate.ts'

const EMAIL = 'restored.person@restore-test.example'

interface Snapshots {
  take(): Promise<void>
  restore(): Promise<void>
  cleanup(): Promise<void>
}

function embeddedSnapshots(dataDir: string): Snapshots {
  const copy = mkdtempSync(join(tmpdir(), 'pledge-snapshot-'))
  return {
    async take() {
      cpSync(join(dataDir, 'pg'), join(copy, 'pg'), { recursive: true })
    },
    async restore() {
      rmSync(join(dataDir, 'pg'), { recursive: true, force: true })
      cpSync(join(copy, 'pg'), join(dataDir, 'pg'), { recursive: true })
    },
    async cleanup() {
      rmSync(copy, { recursive: true, force: true })
    },
  }
}

function postgresSnapshots(url: string): Snapshots {
  const name = new URL(url).pathname.slice(1)
  const snapshot = `${name}_snap_${randomBytes(3).toString('hex')}`
  const admin = async <T>(work: (db: Awaited<ReturnType<typeof openPostgres>>) => Promise<T>) => {
    const a = await openPostgres(adminUrl(url), { max: 1 })
    try {
      return await work(a)
    } finally {
      await a.close()
    }
  }
  return {
    take: () => admin(async (a) => void (await sql.raw(`create database ${snapshot} template ${name}`).execute(a.db))),
    restore: () =>
      admin(async (a) => {
        await sql.raw(`drop database ${name} with (force)`).execute(a.db)
        await sql.raw(`create database ${name} template ${snapshot}`).execute(a.db)
      }),
    cleanup: () => admin(async (a) => void (await sql.raw(`drop database if exists ${snapshot} with (force)`).execute(a.db))),
  }
}

for (const variant of DATABASES) {
  describe(`${variant.name}: erasure survives a restored backup`, { skip: variant.skip }, () => {
    test('REQ-ER-04 a backup from before the erasure, restored, is erased again at start and stays unreadable', { timeout: 120_000 }, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'pledge-restore-'))
      // The tombstone file lives outside the data directory and its backups.
      const outside = mkdtempSync(join(tmpdir(), 'pledge-tombstones-'))
      const pg = variant.name === 'postgres' ? await createPostgresDatabase() : undefined
      const target: NodeTarget = { dataDir, databaseUrl: pg?.url, tombstones: join(outside, 'tombstones'), masterKey: randomBytes(32).toString('base64') }
      const snapshots = pg ? postgresSnapshots(pg.url) : embeddedSnapshots(dataDir)
      try {
        let node = await openNode(target)
        const crm = await runtimeKey(node.runtime, 'crm', ['customer_registration', 'customer_service'])
        const finance = await runtimeKey(node.runtime, 'finance', ['accounting'])
        const { id } = await node.runtime.gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': 'Restored Person', 'contact.email': EMAIL, 'contact.address': 'Grote Markt 1, 3500 Hasselt', 'identification.vat_number': 'BE0123456749' } })
        await node.runtime.gate.recordEvent(finance, id, 'invoice_issued', new Date(Date.now() - 10 * 86_400_000))
        await node.close()

        await snapshots.take()

        node = await openNode(target)
        await node.runtime.gate.erase(node.runtime.gate.systemActor('requests'), await seedRequest(node.runtime, 'erasure', { subjectIds: [id] }), id)
        await node.close()
        assert.deepEqual(readFileSync(target.tombstones, 'utf8').trim().split('\n'), [id])

        await snapshots.restore()
        node = await openNode(target)
        try {
          const db = node.database.db
          const subject = await db.selectFrom('subject').select(['erased_at']).where('id', '=', id).executeTakeFirstOrThrow()
          assert.ok(subject.erased_at, 'the restored subject is marked erased again')
          assert.equal((await db.selectFrom('subject_key').select('kind').where('subject_id', '=', id).where('kind', '=', 'ordinary').execute()).length, 0)
          assert.equal((await db.selectFrom('personal_data').select('record_id').where('subject_id', '=', id).where('key_kind', '=', 'ordinary').execute()).length, 0)
          await assert.rejects(node.runtime.gate.read(crm, 'customer_service', id), (err: unknown) => err instanceof GateDenied && err.reason === 'subject_erased')
          assert.deepEqual(await node.runtime.gate.search(crm, 'customer_service', 'email', EMAIL), [])
          assert.ok(await db.selectFrom('erasure_tombstone').select('subject_id').where('subject_id', '=', id).executeTakeFirst())
          const reapplied = await db.selectFrom('audit_entry').selectAll().where('subject_id', '=', id).where('action', '=', 'subject.erase.reapplied').execute()
          assert.equal(reapplied.length, 1)
          assert.equal(reapplied[0]!.actor_id, 'system:tombstones')
          assert.deepEqual(reapplied[0]!.categories, [])
        } finally {
          await node.close()
        }
        // A further start finds nothing to re-apply.
        node = await openNode(target)
        try {
          const reapplied = await node.database.db.selectFrom('audit_entry').select('seq').where('subject_id', '=', id).where('action', '=', 'subject.erase.reapplied').execute()
          assert.equal(reapplied.length, 1)
        } finally {
          await node.close()
        }
      } finally {
        await snapshots.cleanup()
        await pg?.drop()
        rmSync(dataDir, { recursive: true, force: true })
        rmSync(outside, { recursive: true, force: true })
      }
    })
  })
}
