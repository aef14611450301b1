// Statement versions on both databases: version 1 at first start, drafts, explicit publishing with
// per-purpose material changes, effective dates.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { parsePolicy } from '../src/policy/load.ts'
import { ensureFirstVersion, publishVersion, listVersions, versionInForce, draftState, PublishError } from '../src/policy/versions.ts'
import { migrateToLatest } from '../src/db/database.ts'

const exampleText = readFileSync(EXAMPLE_POLICY, 'utf8')
const example = parsePolicy(exampleText, 'example')

function edited(mutate: (doc: any) => void) {
  const doc = parseDocument(exampleText).toJS()
  mutate(doc)
  return parsePolicy(JSON.stringify(doc), 'edited')
}

for (const variant of DATABASES) {
  describe(`${variant.name}: statement versions`, { skip: variant.skip }, () => {
    let t: TestDatabase
    before(async () => {
      t = await variant.open()
    })
    after(async () => {
      await t?.drop()
    })

    test('migrations are applied and running them again changes nothing', async () => {
      assert.deepEqual(await migrateToLatest(t.database.db), [])
      const tables = await t.database.db.introspection.getTables()
      const names = tables.map((x) => x.name)
      for (const expected of ['policy_version', 'pledge_meta']) assert.ok(names.includes(expected), `table ${expected} exists`)
    })

    test('REQ-TR-04 the first start publishes version 1 and a restart publishes nothing', async () => {
      const first = await ensureFirstVersion(t.database.db, example, new Date('2026-03-10T10:00:00Z'))
      assert.equal(first.published, true)
      const again = await ensureFirstVersion(t.database.db, example)
      assert.equal(again.published, false)
      assert.equal(again.draft.isDraft, false)
      const versions = await listVersions(t.database.db)
      assert.equal(versions.length, 1)
      assert.equal(versions[0]!.version, 1)
      assert.equal(versions[0]!.contentHash, example.contentHash)
      assert.equal(versions[0]!.effectiveDate, '2026-03-10')
    })

    test('REQ-TR-04 a changed policy file is a draft until published, and a restart keeps it a draft', async () => {
      const changed = edited((doc) => {
        doc.purposes.find((p: any) => p.id === 'accounting').retention.duration = 'P11Y'
      })
      assert.equal((await draftState(t.database.db, changed)).isDraft, true)
      const restart = await ensureFirstVersion(t.database.db, changed)
      assert.equal(restart.published, false)
      assert.equal((await listVersions(t.database.db)).length, 1)
    })

    test('REQ-TR-04 publishing records per purpose whether the change is material', async () => {
      const changed = edited((doc) => {
        doc.purposes.find((p: any) => p.id === 'accounting').retention.duration = 'P11Y'
        doc.statement.security.en = 'We encrypt every value under a key of its own.'
      })
      // A material change: at least the notice period (30 days) after today.
      const v2 = await publishVersion(t.database.db, changed, { now: new Date('2026-03-11T09:00:00Z'), effectiveDate: '2026-04-10' })
      assert.equal(v2.version, 2)
      assert.equal(v2.effectiveDate, '2026-04-10')
      // Nobody is registered in this database: no notice is owed, so nothing stays pending.
      assert.equal(v2.noticesQueued, 0)
      assert.equal(v2.notificationStatus, 'sent')
      const accounting = v2.materialChanges.find((c) => c.purposeId === 'accounting')
      assert.ok(accounting?.material)
      assert.deepEqual(accounting?.changed, ['retention'])
      const others = v2.materialChanges.filter((c) => c.purposeId !== 'accounting' && c.material)
      assert.deepEqual(others, [], 'only accounting changed materially')
      // Before its effective date the old version stays in force.
      assert.equal((await versionInForce(t.database.db, '2026-04-09'))?.version, 1)
      assert.equal((await versionInForce(t.database.db, '2026-04-10'))?.version, 2)
    })

    test('a text-only change is published without a material change', async () => {
      const changed = edited((doc) => {
        doc.purposes.find((p: any) => p.id === 'accounting').retention.duration = 'P11Y'
        doc.statement.security.en = 'We encrypt every value under a key of its own, and rotate keys.'
      })
      const v3 = await publishVersion(t.database.db, changed, { now: new Date('2026-03-12T09:00:00Z'), effectiveDate: '2026-04-01' })
      assert.equal(v3.notificationStatus, 'none')
      assert.ok(v3.materialChanges.every((c) => !c.material))
    })

    test('publishing an unchanged policy or with a past effective date is refused', async () => {
      const latest = (await listVersions(t.database.db)).at(-1)!
      const same = edited((doc) => {
        doc.purposes.find((p: any) => p.id === 'accounting').retention.duration = 'P11Y'
        doc.statement.security.en = 'We encrypt every value under a key of its own, and rotate keys.'
      })
      assert.equal(same.contentHash, latest.contentHash)
      await assert.rejects(publishVersion(t.database.db, same), (e: unknown) => e instanceof PublishError && e.code === 'unchanged')
      await assert.rejects(
        publishVersion(t.database.db, example, { now: new Date('2026-05-02T10:00:00Z'), effectiveDate: '2026-05-01' }),
        (e: unknown) => e instanceof PublishError && e.code === 'effective_date_in_past',
      )
      await assert.rejects(publishVersion(t.database.db, example, { effectiveDate: '2026-02-30' }), (e: unknown) => e instanceof PublishError && e.code === 'invalid_effective_date')
    })

    test('the effective date is counted in the controller time zone', async () => {
      // 23:30 UTC on 31 May is already 1 June in Brussels.
      const wording = edited((doc) => {
        doc.purposes.find((p: any) => p.id === 'accounting').retention.duration = 'P11Y'
        doc.statement.security.en = 'We encrypt every value under a key of its own, rotate keys and test restores.'
      })
      const v = await publishVersion(t.database.db, wording, { now: new Date('2026-05-31T23:30:00Z') })
      assert.equal(v.effectiveDate, '2026-06-01')
    })
  })
}
