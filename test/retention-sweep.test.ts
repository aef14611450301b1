// The retention sweep end to end on both databases (issue 13): people created through the gate, the
// clock moved past their storage periods, the sweep run as its declared actor — deletion,
// irreversible anonymisation into counts of at least ten, what a legal hold or a restriction keeps,
// processor instructions, the run report and the forecast, dry runs that change nothing, and
// Pledge's own records on a clock. Each test has its own database.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { runtimeKey, seedRequest } from './support/actors.ts'
import { unzipSync, strFromU8 } from 'fflate'
import { buildAccessExport, type AccessData } from '../src/requests/access-export.ts'
import type { Runtime } from '../src/runtime.ts'
import type { Actor } from '../src/gate/actor.ts'
import { GateDenied } from '../src/gate/gate.ts'

const DAY = 86_400_000
const MONTH = 31 * DAY

interface World {
  runtime: Runtime
  db: Runtime['database']['db']
  crm: Actor
  /** Moves the runtime's clock (undefined: the real time). */
  setClock(at: Date | undefined): void
}

async function withWorld(variant: (typeof DATABASES)[number], work: (w: World) => Promise<void>): Promise<void> {
  const t: TestDatabase = await variant.open()
  let clock: Date | undefined
  const runtime = await testRuntime(t.database, { now: () => clock ?? new Date() })
  try {
    const crm = await runtimeKey(runtime, 'crm', ['prospect_registration', 'market_research', 'newsletter', 'customer_registration', 'legal_defence'])
    await work({ runtime, db: t.database.db, crm, setClock: (at) => (clock = at) })
  } finally {
    await runtime.close()
    await t.drop()
  }
}

/** A prospect who consented to market research, with a role; returns the id and when they were created. */
async function prospect(w: World, n: number, role = 'Office manager'): Promise<{ id: string; createdAt: Date; email: string }> {
  const email = `prospect.${n}.${Math.random().toString(36).slice(2, 8)}@retention-test.example`
  const { id } = await w.runtime.gate.create(w.crm, 'prospect_registration', { type: 'prospect', data: { 'contact.name': `Prospect Retentie ${n}`, 'contact.email': email, 'contact.phone': `+32 470 00 ${String(n).padStart(2, '0')} 00`, 'professional.role': role } })
  await w.runtime.gate.recordConsent(w.crm, id, { purpose: 'market_research', granted: true, text: 'Ja, u mag mij vragen naar mijn mening.', channel: 'web_form', lang: 'nl', act: 'checkbox_ticked' })
  const row = await w.db.selectFrom('subject').select('created_at').where('id', '=', id).executeTakeFirstOrThrow()
  return { id, createdAt: new Date(row.created_at), email }
}

/** Every row of every table of the public schema, as text (for searching what anonymisation left). */
async function everything(w: World): Promise<string> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(w.db)
  const parts: string[] = []
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ t: string }>`select t::text as t from ${sql.table(table_name)} t`.execute(w.db)
    parts.push(...rows.rows.map((r) => r.t))
  }
  return parts.join('\n')
}

for (const variant of DATABASES) {
  describe(`${variant.name}: the retention sweep`, { skip: variant.skip }, () => {
    test('REQ-RT-01 REQ-RT-02 REQ-ER-05 past two years the prospects are erased and what market research used is anonymised into counts of at least ten; nothing links back to them', async () => {
      await withWorld(variant, async (w) => {
        const people = []
        for (let n = 0; n < 12; n++) people.push(await prospect(w, n))
        const living = await prospect(w, 99, 'Director')
        const lookups = await w.db.selectFrom('personal_data').select(['subject_id', 'lookup', 'record_id']).where('subject_id', 'in', people.map((p) => p.id)).execute()
        const hashes = lookups.map((l) => l.lookup).filter((h): h is string => typeof h === 'string' && h.length > 0)
        assert.ok(hashes.length >= 12, 'the addresses have blind-index hashes before the sweep')
        const recordIds = lookups.map((l) => l.record_id)
        // The living one has had contact recently: their two years start again.
        const latest = people.at(-1)!.createdAt
        const sweepAt = new Date(latest.getTime() + 25 * MONTH)
        w.setClock(new Date(sweepAt.getTime() - 2 * MONTH))
        await w.runtime.gate.recordEvent(w.crm, living.id, 'last_interaction', new Date(sweepAt.getTime() - 2 * MONTH))
        w.setClock(sweepAt)

        const report = await w.runtime.retention.run({ startedBy: 'test' })
        assert.equal(report.status, 'done')
        assert.equal(report.evaluated, 13)
        assert.equal(report.erased, 12)
        // Both purposes ended; market research asks to anonymise what it shares, the rest is deleted.
        assert.deepEqual(report.counts, {
          'anonymise|market_research+prospect_registration|contact.email': 12,
          'anonymise|market_research+prospect_registration|contact.name': 12,
          'anonymise|market_research+prospect_registration|professional.role': 12,
          'delete|prospect_registration|contact.phone': 12,
          'erase||*': 12,
        })

        // Erased like an erasure: no key, no value, a tombstone; the living prospect untouched.
        for (const p of people) {
          const s = await w.db.selectFrom('subject').select(['erased_at']).where('id', '=', p.id).executeTakeFirstOrThrow()
          assert.notEqual(s.erased_at, null)
        }
        assert.equal((await w.db.selectFrom('personal_data').select('record_id').where('subject_id', 'in', people.map((p) => p.id)).execute()).length, 0)
        assert.equal((await w.db.selectFrom('subject_key').select('kind').where('subject_id', 'in', people.map((p) => p.id)).execute()).length, 0)
        assert.equal((await w.db.selectFrom('personal_data').select('record_id').where('subject_id', '=', living.id).execute()).length, 4)

        // What anonymisation kept: counts per role, only groups of ten or more, no person in them.
        const kept = await w.runtime.vault.anonymisedCounts()
        const year = String(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(sweepAt))
        assert.deepEqual(kept.filter((k) => k.category === 'professional.role'), [{ purpose: 'market_research', category: 'professional.role', period: year, bucket: 'office manager', count: 12 }])
        const rows = await w.db.selectFrom('anonymised_count').selectAll().execute()
        const text = JSON.stringify(rows)
        const all = await everything(w)
        for (const p of people) {
          assert.ok(!text.includes(p.id), 'no subject id in the anonymised output')
          assert.ok(!all.includes(p.email), 'the address is nowhere in the database')
        }
        for (const h of hashes) assert.ok(!all.includes(h), 'no blind-index hash is left anywhere')
        for (const r of recordIds) assert.ok(!text.includes(r), 'no record id in the anonymised output')
        assert.ok(!all.includes('Prospect Retentie 3'), 'no name is left anywhere')

        // A second run finds nothing more to do.
        const again = await w.runtime.retention.run({ startedBy: 'test' })
        assert.deepEqual(again.counts, {})
        assert.equal(again.evaluated, 1)
      })
    })

    test('REQ-RT-02 REQ-ER-05 market research at a processor gets a tracked anonymisation instruction, once; without a channel the instruction is recorded for follow-up', async () => {
      await withWorld(variant, async (w) => {
        const p = await prospect(w, 1)
        w.setClock(new Date(p.createdAt.getTime() + 13 * MONTH))
        await w.runtime.retention.run({ startedBy: 'test' })
        const sent = await w.db.selectFrom('retention_instruction').selectAll().where('subject_id', '=', p.id).execute()
        assert.deepEqual(sent.map((s) => [s.purpose, s.recipient_id, s.action, s.channel]).sort(), [
          ['market_research', 'hosting_eu', 'anonymise', 'none'],
          ['market_research', 'survey_us_scc', 'anonymise', 'none'],
        ])
        const noChannel = await w.db.selectFrom('audit_entry').select('reason').where('subject_id', '=', p.id).where('action', '=', 'notification.no_channel').execute()
        assert.deepEqual(noChannel.map((n) => n.reason).sort(), ['recipient:hosting_eu:retention.anonymise', 'recipient:survey_us_scc:retention.anonymise'])
        // Market research ended, prospect registration not yet: the person and their data stay.
        assert.equal((await w.db.selectFrom('personal_data').select('record_id').where('subject_id', '=', p.id).execute()).length, 4)
        await w.runtime.retention.run({ startedBy: 'test' })
        assert.equal((await w.db.selectFrom('retention_instruction').selectAll().where('subject_id', '=', p.id).execute()).length, 2)
      })
    })

    test('REQ-RT-02 a dry run changes nothing and reports what the real run then does', async () => {
      await withWorld(variant, async (w) => {
        const people = [await prospect(w, 1), await prospect(w, 2)]
        w.setClock(new Date(people[1]!.createdAt.getTime() + 25 * MONTH))
        const before = await w.db.selectFrom('personal_data').select('record_id').execute()
        const dry = await w.runtime.retention.run({ dryRun: true, startedBy: 'test' })
        assert.equal(dry.dryRun, true)
        assert.equal((await w.db.selectFrom('personal_data').select('record_id').execute()).length, before.length)
        assert.equal((await w.db.selectFrom('subject').select('id').where('erased_at', 'is not', null).execute()).length, 0)
        const real = await w.runtime.retention.run({ startedBy: 'test' })
        assert.deepEqual(real.counts, dry.counts)
        assert.equal(real.erased, 2)
        const runs = await w.runtime.retention.runs(w.runtime.gate.systemActor('retention'))
        assert.deepEqual(runs.map((r) => [r.dryRun, r.status]).sort(), [[false, 'done'], [true, 'done']])
      })
    })

    test('REQ-RT-04 REQ-RT-02 a legal hold keeps what it names under the retention key; a restriction without a ground or on Art. 18(1)(b) stops every deletion, one on (a) does not', async () => {
      await withWorld(variant, async (w) => {
        const crm = w.crm
        // A customer contact of an application: registration ends six months after the application
        // closed (derived three months after it was received when the CRM never closes it).
        const { id: held } = await w.runtime.gate.create(crm, 'customer_registration', { type: 'customer_contact', data: { 'contact.name': 'Held Contact', 'contact.email': 'held.contact@retention-test.example', 'contact.phone': '+32 470 11 22 33' } })
        // This contact's employer never became a customer: no contract to perform or serve.
        for (const purpose of ['contract_execution', 'customer_service']) await w.runtime.vault.setObjection(held, purpose, 'upheld')
        const unrestricted = await prospect(w, 2)
        const restricted = await prospect(w, 3)
        const groundA = await prospect(w, 4)
        await w.runtime.vault.setRestriction(restricted.id, 'requested')
        await w.runtime.vault.setRestriction(groundA.id, 'a_accuracy_contested')
        await w.runtime.legalHolds.place(crm, held, { reason: 'case 2026/17', categories: ['contact.email'], purpose: 'legal_defence' })
        w.setClock(new Date(restricted.createdAt.getTime() + 25 * MONTH))
        const report = await w.runtime.retention.run({ startedBy: 'test' })
        assert.ok(report.blocked >= 1)
        const rows = async (id: string) => (await w.db.selectFrom('personal_data').select(['category', 'key_kind']).where('subject_id', '=', id).orderBy('category').execute()).map((r) => `${r.category}:${r.key_kind}`)
        assert.deepEqual(await rows(unrestricted.id), [])
        assert.deepEqual(await rows(groundA.id), [])
        assert.deepEqual(await rows(restricted.id), ['contact.email:ordinary', 'contact.name:ordinary', 'contact.phone:ordinary', 'professional.role:ordinary'])
        assert.deepEqual(await rows(held), ['contact.email:retention'])
      })
    })

    test('REQ-RT-05 REQ-CON-10 Pledge\'s own records: consent proofs five years after withdrawal, request files five years and the requester a year after closing, webhook deliveries a year after they ended, by the same sweep', async () => {
      await withWorld(variant, async (w) => {
        const p = await prospect(w, 1)
        await w.runtime.gate.recordConsent(w.crm, p.id, { purpose: 'market_research', granted: false, text: 'Ja, u mag mij vragen naar mijn mening.', channel: 'web_form', lang: 'nl', act: 'withdrawal_requested' })
        const proofs = () => w.db.selectFrom('consent_event').select('id').where('subject_id', '=', p.id).execute()
        assert.equal((await proofs()).length, 2)
        // A request closed today, and a webhook delivery acknowledged today.
        const requestId = await seedRequest(w.runtime, 'access', { subjectIds: [p.id], status: 'completed' })
        await w.db.insertInto('webhook_delivery').values({ id: '018f0000-0000-7000-8000-00000000d001', owner: 'recipient:hosting_eu', event: 'subject.erased', payload: JSON.stringify({ subjectId: p.id }), state: 'delivered', attempts: 1, max_attempts: 1, acknowledged_at: new Date() }).execute()
        // Keep the person alive (a recent contact), so only the proofs' own clock matters.
        // Five years and 40 days after the withdrawal; and 4 years and 330 days.
        const at = new Date(p.createdAt.getTime() + (5 * 365 + 40) * DAY)
        w.setClock(new Date(at.getTime() - DAY))
        await w.runtime.gate.recordEvent(w.crm, p.id, 'last_interaction', new Date(at.getTime() - DAY))
        w.setClock(new Date(p.createdAt.getTime() + (4 * 365 + 330) * DAY))
        const early = await w.runtime.retention.run({ startedBy: 'test' })
        // After a year the requester's address and the delivery row go; the request file stays five years.
        assert.deepEqual({ ...early.ownRecords, auditLog: 0 }, { requestFiles: 0, requesterDetails: 1, consentProofs: 0, webhookDeliveries: 1, retentionReports: 0, auditLog: 0 })
        assert.equal((await proofs()).length, 2)
        const file = await w.db.selectFrom('dsr_request').select(['email_hash']).where('id', '=', requestId).executeTakeFirstOrThrow()
        assert.equal(file.email_hash, 'forgotten')
        w.setClock(at)
        const late = await w.runtime.retention.run({ startedBy: 'test' })
        assert.equal(late.ownRecords.consentProofs, 2)
        assert.equal(late.ownRecords.requestFiles, 1)
        assert.equal((await proofs()).length, 0)
        assert.equal((await w.db.selectFrom('dsr_request').select('id').where('id', '=', requestId).execute()).length, 0)
        // Run reports are kept five years: both are.
        assert.equal((await w.runtime.retention.runs(w.runtime.gate.systemActor('retention'))).length, 2)
        const audited = await w.db.selectFrom('audit_entry').select('reason').where('action', '=', 'retention.own_records').execute()
        assert.equal(audited.length, 2)
        assert.match(audited[1]!.reason ?? '', /consentProofs:2/)
      })
    })

    test('REQ-AC-10 REQ-RT-02 what the sweep deletes while an access request is open is listed in the answer, in the person\'s language', async () => {
      await withWorld(variant, async (w) => {
        // A contact person of a company's application: the IP address serves registration only,
        // which ends six months after the application closed (derived: three months after it came in).
        const { id } = await w.runtime.gate.create(w.crm, 'customer_registration', { type: 'customer_contact', data: { 'contact.name': 'Open Request', 'contact.email': 'open.request@retention-test.example', 'online.ip_address': '198.51.100.23' } })
        const requestId = await seedRequest(w.runtime, 'access', { subjectIds: [id] })
        const created = new Date((await w.db.selectFrom('subject').select('created_at').where('id', '=', id).executeTakeFirstOrThrow()).created_at)
        w.setClock(new Date(created.getTime() + 10 * MONTH))
        const report = await w.runtime.retention.run({ startedBy: 'test' })
        assert.equal(report.counts['delete|customer_registration|online.ip_address'], 1)
        const left = await w.db.selectFrom('personal_data').select('category').where('subject_id', '=', id).orderBy('category').execute()
        assert.deepEqual(left.map((r) => r.category), ['contact.email', 'contact.name'])
        const dossier = await w.runtime.gate.dossier(w.runtime.gate.systemActor('requests'), requestId, id)
        const zip = await buildAccessExport(w.runtime.policy(), dossier, { lang: 'nl', requestId, receivedAt: created, generatedAt: w.runtime.now() })
        const files = unzipSync(new Uint8Array(zip))
        const data = JSON.parse(strFromU8(files['data.json']!)) as AccessData
        assert.deepEqual(data.uses.filter((u) => u.action.startsWith('retention.')).map((u) => [u.action, u.categories.join(), u.by]), [['retention.delete', 'online.ip_address', 'pledge']])
        assert.match(strFromU8(files['report.html']!), /gewist aan het einde van de bewaartermijn/)
      })
    })

    test('REQ-RT-02 the forecast says what will be erased or anonymised when, in counts; subject ids only for a key serving the purpose; never for a customer\'s key', async () => {
      await withWorld(variant, async (w) => {
        const p = await prospect(w, 1)
        // 23 months in: the two years of prospect registration end within 90 days.
        w.setClock(new Date(p.createdAt.getTime() + 23 * MONTH))
        const f = await w.runtime.retention.forecast(w.runtime.gate.systemActor('retention'), 90)
        assert.deepEqual(f.items.map((i) => [i.action, i.purposes.join('+'), i.category, i.count]), [
          ['anonymise', 'market_research+prospect_registration', 'contact.email', 1],
          ['anonymise', 'market_research+prospect_registration', 'contact.name', 1],
          ['anonymise', 'market_research+prospect_registration', 'professional.role', 1],
          ['delete', 'prospect_registration', 'contact.phone', 1],
          ['erase', '', '*', 1],
        ])
        assert.ok(f.items.every((i) => i.subjectIds === undefined), 'the sweep\'s own actor serves no purpose: counts only')
        const named = await w.runtime.retention.forecast(w.crm, 90)
        assert.deepEqual(named.items.find((i) => i.category === 'professional.role')?.subjectIds, [p.id])
        // Within 5 days nothing ends yet.
        assert.deepEqual((await w.runtime.retention.forecast(w.crm, 5)).items, [])
        // A customer's key reads neither the forecast nor the reports: the sweep is the controller's.
        const acme = await runtimeKey(w.runtime, 'acme', ['processing_for_customers'], { tenantId: 'acme' })
        const refused = (err: unknown) => err instanceof GateDenied && err.reason === 'not_for_customers' && err.status === 403
        await assert.rejects(w.runtime.retention.forecast(acme, 90), refused)
        await assert.rejects(w.runtime.retention.runs(acme), refused)
      })
    })
  })
}
