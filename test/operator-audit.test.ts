// Accountability (REQ-AUD-01): publishing a policy version, creating and revoking an API key and
// rotating the master key each leave an audit entry with ids and names only — also when the command
// runs from the CLI with no server (the command opens the log, appends, and signs a checkpoint).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { loadConfig } from '../src/config.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { ensureFirstVersion } from '../src/policy/versions.ts'
import { runOperation, type OperationContext } from '../src/operations.ts'
import { parseMasterKey } from '../src/vault/master-key.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey } from './support/actors.ts'

for (const variant of DATABASES) {
  describe(`${variant.name}: operator commands without a server are audited`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let dir: string
    let ctx: OperationContext
    let keyFile: string
    const v1 = `v1:${randomBytes(32).toString('base64')}`
    before(async () => {
      t = await variant.open()
      dir = mkdtempSync(join(tmpdir(), 'pledge-operator-'))
      keyFile = join(dir, 'master.key')
      writeFileSync(keyFile, `${v1}\n`, { mode: 0o600 })
      const config = loadConfig({ dataDir: dir, policy: EXAMPLE_POLICY, masterKey: keyFile, port: 0 }, {})
      await ensureFirstVersion(t.database.db, await loadPolicyFile(EXAMPLE_POLICY))
      // One person, so that a rotation has a data key to re-wrap.
      const runtime = await testRuntime(t.database, { keys: parseMasterKey(v1) })
      await runtime.gate.create(await runtimeKey(runtime, 'crm', ['customer_registration']), 'customer_registration', { type: 'customer', data: { 'contact.name': 'Rotation Person' } })
      await runtime.close()
      ctx = { database: t.database, config, policyPath: EXAMPLE_POLICY, now: () => new Date() }
    })
    after(async () => {
      await t?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    const entries = (action: string) => t.database.db.selectFrom('audit_entry').selectAll().where('action', '=', action).orderBy('seq').execute()

    test('REQ-AUD-01 publish, apikey create and revoke, keys rotate: one entry each, ids and names only, and the log verifies', async () => {
      const changed = join(dir, 'changed.yaml')
      writeFileSync(changed, readFileSync(EXAMPLE_POLICY, 'utf8').replace('duration: P10Y', 'duration: P11Y').replace(/\nstatement:\n/, '\nstatement:\n  materialChangeNoticeDays: 0\n'))
      const published = await runOperation(ctx, 'publish', { policyPath: changed })
      assert.match(published.output, /published statement version 2/)
      const publish = await entries('policy.publish')
      assert.equal(publish.length, 1)
      assert.match(publish[0]!.reason!, /^version:2:[0-9a-f]{16}$/)
      assert.equal(publish[0]!.actor_id, 'system:cli')
      assert.ok((await entries('policy.material_change')).length >= 1, 'the materially changed purposes are named')

      const created = await runOperation(ctx, 'apikey-create', { name: 'crm', purposes: 'customer_registration,customer_service' })
      const id = /\(id ([0-9a-f-]{36})\)/.exec(created.output)![1]!
      const token = created.output.trim().split('\n').at(-1)!
      const create = await entries('apikey.create')
      assert.equal(create.length, 1)
      assert.equal(create[0]!.reason, `key:${id}:crm`)
      assert.deepEqual(create[0]!.categories, ['customer_registration', 'customer_service'])
      await runOperation(ctx, 'apikey-revoke', { key: 'crm' })
      assert.equal((await entries('apikey.revoke'))[0]!.reason, `key:${id}:crm`)

      // The operator puts a new master key version first, then rotates.
      writeFileSync(keyFile, `v2:${randomBytes(32).toString('base64')},${v1}\n`, { mode: 0o600 })
      const rotated = await runOperation(ctx, 'keys-rotate', {})
      assert.match(rotated.output, /re-wrapped 1 data keys under master key v2; 0 left/)
      assert.deepEqual((await entries('keys.rotate')).map((e) => e.reason), ['v2:rewrapped:1:remaining:0'])
      const all = await t.database.db.selectFrom('audit_entry').select(['actor_id', 'action', 'subject_id', 'purpose', 'reason']).execute()
      assert.ok(!JSON.stringify(all).includes(token), 'the key itself is never in the log')
      const verified = await runOperation(ctx, 'audit-verify', {})
      assert.match(verified.output, /audit log intact/)
    })
  })
}
