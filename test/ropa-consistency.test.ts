// The ROPA additions of issue 16 part 5 on both databases: each recipient carries the DPA reference
// of the register and each transfer the register's mechanism reference (REQ-ROPA-04), the ROPA is
// versioned with the statement (who published which version, when: REQ-ROPA-03), and the consistency
// check of the ROPA, the published statement and the running configuration passes on the example and
// fails, with the reason, once an API key is bound to a recipient the statement does not name (a
// policy variant written to a temporary directory declares it without any purpose listing it).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parse, stringify } from 'yaml'
import type { FastifyInstance } from 'fastify'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { makeTempDir } from './support/temp.ts'
import { runPledge } from './support/cli.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { buildRopa, ropaToCsv, type Ropa } from '../src/policy/ropa.ts'
import { checkRopaConsistency, recipientsInUse, registerFacts, ropaHistory, type RopaCheckResult } from '../src/policy/ropa-check.ts'
import type { Runtime } from '../src/runtime.ts'

const GHOST = 'analytics_unnamed'

/** The example policy plus a recipient that no purpose lists (so the statement does not name it), with the example's register seed. */
function variantPolicy(): string {
  const dir = makeTempDir('pledge-ropa-variant-')
  const doc = parse(readFileSync(EXAMPLE_POLICY, 'utf8')) as { recipients: object[] }
  doc.recipients.push({ id: GHOST, name: 'Analytics bureau (example)', example: true, role: 'third_party', service: { nl: 'Analyse', fr: 'Analyse', en: 'Analytics' }, country: 'BE' })
  const file = join(dir, 'policy.yaml')
  writeFileSync(file, stringify(doc))
  copyFileSync(join(dirname(EXAMPLE_POLICY), 'processor-register.json'), join(dir, 'processor-register.json'))
  return file
}

for (const variant of DATABASES) {
  describe(`${variant.name}: ROPA references, versions and consistency`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let app: FastifyInstance
    let headers: Record<string, string>
    const policyPath = variantPolicy()

    before(async () => {
      t = await variant.open()
      runtime = await testRuntime(t.database, { policyPath })
      app = await buildApp(runtime)
      const { token } = await createApiKey(t.database.db, runtime.policy(), { name: 'dpo', purposes: ['legal_defence'] })
      headers = { authorization: `Bearer ${token}` }
    })
    after(async () => {
      await app?.close()
      await runtime?.close()
      await t?.drop()
    })

    const ropaJson = async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/ropa?format=json', headers })
      assert.equal(res.statusCode, 200, res.body)
      return res.json() as Ropa & { consistency: RopaCheckResult }
    }

    test('REQ-ROPA-04 REQ-ROPA-03 the ROPA carries the register\'s DPA and mechanism references and the statement versions it follows', async () => {
      const ropa = await ropaJson()
      const all = ropa.controllerRecord.entries.flatMap((e) => e.recipients)
      const hosting = all.find((r) => r.id === 'hosting_eu')!
      assert.deepEqual(hosting.dpa, { version: '2024-01', date: hosting.dpa!.date })
      assert.match(hosting.dpa!.date, /^\d{4}-\d{2}-\d{2}$/)
      const transfers = [...ropa.controllerRecord.entries.flatMap((e) => e.transfers), ...ropa.processorRecord.entries.flatMap((e) => e.transfers)]
      assert.deepEqual(transfers.find((x) => x.recipientId === 'mailing_us_dpf')!.registerMechanism, { kind: 'adequacy', reference: '(EU) 2023/1795', date: '2023-07-10' })
      assert.deepEqual(transfers.find((x) => x.recipientId === 'helpdesk_us_scc')!.registerMechanism, { kind: 'scc', reference: 'SCC module 2', date: '2024-01-15', tiaDate: '2024-01-10' })
      // A third party needs no DPA: the ROPA does not claim one.
      assert.ok(all.filter((r) => r.role === 'third_party' || r.role === 'public_authority').every((r) => r.dpa === undefined))
      // Versioned with the statement: version 1, published at the first start, with its hash.
      assert.equal(ropa.version, 1)
      assert.equal(ropa.history?.length, 1)
      assert.deepEqual({ ...ropa.history![0]!, publishedAt: undefined }, { version: 1, publishedAt: undefined, effectiveDate: ropa.history![0]!.effectiveDate, contentHash: ropa.policyHash, publishedBy: 'pledge:first-start', changes: [] })
      // The CSV says it too.
      const csv = ropaToCsv(buildRopa(runtime.policy(), { version: 1, register: registerFacts(runtime.processors), history: await ropaHistory(t.database.db) }))
      assert.ok(csv.includes('DPA 2024-01 of'), 'the CSV names the DPA')
      assert.ok(csv.includes('register: adequacy decision (EU) 2023/1795 of 2023-07-10'), 'the CSV names the mechanism')
    })

    test('REQ-ROPA-04 the consistency check passes on the example, and fails with the reason when a key is bound to a recipient the statement does not name', async () => {
      const passing = await ropaJson()
      assert.equal(passing.consistency.ok, true, JSON.stringify(passing.consistency.failures))
      assert.deepEqual(passing.consistency.failures, [])
      if (t.url) {
        const env = { ...process.env, PLEDGE_DATABASE_URL: t.url, PLEDGE_POLICY: policyPath, PLEDGE_DATA_DIR: makeTempDir('pledge-ropa-cli-'), PLEDGE_LOG_LEVEL: 'warn' }
        const ok = runPledge(['ropa', 'check'], env)
        assert.equal(ok.code, 0, ok.stderr)
        assert.match(ok.stdout, /agree/)
      }

      await createApiKey(t.database.db, runtime.policy(), { name: 'analytics', purposes: ['legal_defence'], recipientId: GHOST })
      const failing = await ropaJson()
      assert.equal(failing.consistency.ok, false)
      assert.equal(failing.consistency.failures.length, 1)
      const f = failing.consistency.failures[0]!
      assert.equal(f.code, 'recipient_not_in_statement')
      assert.equal(f.recipientId, GHOST)
      assert.equal(f.source, 'api_key')
      assert.match(f.reason, /analytics_unnamed is in use \(1 active API key bound to it\) but the published statement \(version 1\) does not name it/)

      // The same check over the domain functions, and a ROPA built from another policy fails too.
      const current = await runtime.currentVersion()
      const other = buildRopa({ ...runtime.policy(), contentHash: 'f'.repeat(64) })
      const stale = checkRopaConsistency({ statement: current, ropa: other, inUse: await recipientsInUse(t.database.db) })
      assert.deepEqual(stale.failures.map((x) => x.code).sort(), ['recipient_not_in_statement', 'ropa_out_of_date'])

      if (t.url) {
        const env = { ...process.env, PLEDGE_DATABASE_URL: t.url, PLEDGE_POLICY: policyPath, PLEDGE_DATA_DIR: makeTempDir('pledge-ropa-cli-'), PLEDGE_LOG_LEVEL: 'warn' }
        const bad = runPledge(['ropa', 'check'], env)
        assert.equal(bad.code, 1)
        assert.match(bad.stderr, /fail: recipient_not_in_statement analytics_unnamed \(api_key\): analytics_unnamed is in use/)
        // `pledge ropa` itself still prints the record, now with the references.
        const json = runPledge(['ropa', '--format', 'json'], env)
        assert.equal(json.code, 0, json.stderr)
        assert.ok(json.stdout.includes('"registerMechanism"'))
      }
    })
  })
}
