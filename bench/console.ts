// The staff console: what a page weighs (HTML, the stylesheet and htmx, raw and gzipped) and what a
// page costs the server (median time of an in-process GET by a signed-in DPO, session lookup, gate
// checks and audit entries included), with a realistic inbox of a few hundred requests.
import { gzipSync } from 'node:zlib'
import { generate } from 'otplib'
import { createApiKey } from '../src/gate/api-keys.ts'
import { OPERATOR_PARTY } from '../src/staff/accounts.ts'
import type { Database } from '../src/db/database.ts'
import { FORM, startStaffBenchServer } from './staff-server.ts'
import { record, section, timeRuns } from './harness.ts'
import { onEachDatabase } from './postgres.ts'

const REQUESTS = Number(process.env.BENCH_CONSOLE_REQUESTS ?? 300)
const RUNS = Number(process.env.BENCH_CONSOLE_RUNS ?? 40)
const PASSWORD = 'plum-orbit-lantern-quietly-7'
const kb = (bytes: number) => bytes / 1024

async function measure(label: string, database: Database, dataDir: string): Promise<void> {
  const server = await startStaffBenchServer(database, dataDir)
  const { runtime, app } = server
  try {
    const { directory } = runtime.staff
    const admin = await directory.add(OPERATOR_PARTY, 'bench-admin@bench.example', 'staff_admin')
    const dpo = await directory.add(OPERATOR_PARTY, 'bench-dpo@bench.example', 'dpo')
    const adminSetup = await directory.startSetup(admin.token, { password: PASSWORD })
    await directory.finishSetup(admin.token, await generate({ secret: adminSetup.secret, epoch: Math.floor(server.time() / 1000) }))
    const dpoSetup = await directory.startSetup(dpo.token, { password: PASSWORD })
    await directory.finishSetup(dpo.token, await generate({ secret: dpoSetup.secret, epoch: Math.floor(server.time() / 1000) }))
    await directory.approveRole({ id: `staff:${admin.account.id}`, accountId: admin.account.id, roles: new Set(['staff_admin']) }, dpo.account.id, 'dpo')
    server.advance(30_000)
    const login = await app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: new URLSearchParams({ email: 'bench-dpo@bench.example', password: PASSWORD, code: await generate({ secret: dpoSetup.secret, epoch: Math.floor(server.time() / 1000) }) }).toString() })
    if (login.statusCode !== 303) throw new Error(`login failed: ${login.statusCode}`)
    const cookie = `pledge_staff=${login.cookies.find((c) => c.name === 'pledge_staff')!.value}`

    // A person, and an inbox of requests in every state (filed straight into the table: the bench
    // measures the page, not intake).
    const key = await createApiKey(database.db, runtime.policy(), { name: 'bench-crm', purposes: ['customer_registration', 'customer_service'] })
    const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: { authorization: `Bearer ${key.token}` }, payload: { type: 'customer', data: { 'contact.name': 'Bench Person', 'contact.email': 'person@bench.example' } } })
    const personId = created.json().id as string
    const types = ['access', 'erasure', 'rectification', 'objection', 'portability'] as const
    const statuses = ['in_progress', 'completed', 'waiting_on_controller'] as const
    const t = server.time()
    const day = (offset: number) => new Date(t + offset * 86_400_000).toISOString().slice(0, 10)
    const rows = Array.from({ length: REQUESTS }, (_, i) => {
      const id = crypto.randomUUID()
      return {
        id,
        type: types[i % types.length]!,
        status: statuses[i % statuses.length]!,
        channel: 'web',
        lang: 'en',
        email_hash: `bench:${id}`,
        email_sealed: runtime.vault.seal('request', id, `requester-${i}@bench.example`),
        details_sealed: null,
        received_at: new Date(t - (i % 60) * 86_400_000),
        received_on: day(-(i % 60)),
        due_on: day(30 - (i % 60)),
        subject_ids: JSON.stringify([personId]),
        tenant_id: null,
        verified_at: new Date(t),
        verification_method: 'email_code',
        closed_at: statuses[i % statuses.length] === 'completed' ? new Date(t) : null,
        created_by: 'bench',
      }
    })
    for (let i = 0; i < rows.length; i += 100) await database.db.insertInto('dsr_request').values(rows.slice(i, i + 100)).execute()
    const requestId = rows[0]!.id

    const pages: [string, string][] = [
      ['inbox (all open and closed requests)', '/admin/requests?lang=en'],
      ['inbox filtered (erasure, overdue)', '/admin/requests?type=erasure&overdue=true&lang=en'],
      ['one request (timeline, requester opened)', `/admin/requests/${requestId}?lang=en`],
      ['a person under legal_defence', `/admin/people/${personId}?purpose=legal_defence&lang=en`],
      ['audit log (newest 100 entries)', '/admin/audit?lang=en'],
    ]
    for (const [name, url] of pages) {
      const first = await app.inject({ method: 'GET', url, headers: { cookie } })
      if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body.slice(0, 200)}`)
      record(`${label}: console page ${name}: server time`, await timeRuns(RUNS, async () => void (await app.inject({ method: 'GET', url, headers: { cookie } }))), 'ms')
      if (label === 'embedded') record(`console page ${name}: HTML`, [kb(first.rawPayload.length)], 'KiB', `${kb(gzipSync(first.rawPayload).length).toFixed(1)} KiB gzipped`)
    }
    if (label === 'embedded') {
      const css = await app.inject({ method: 'GET', url: '/admin/admin.css' })
      const htmx = await app.inject({ method: 'GET', url: '/admin/htmx.js' })
      record('console stylesheet (admin.css)', [kb(css.rawPayload.length)], 'KiB', `${kb(gzipSync(css.rawPayload).length).toFixed(1)} KiB gzipped`)
      record('console script (htmx 4, self-hosted)', [kb(htmx.rawPayload.length)], 'KiB', `${kb(gzipSync(htmx.rawPayload).length).toFixed(1)} KiB gzipped`)
    }
  } finally {
    await app.close()
    await runtime.close()
  }
}

export async function benchConsole(): Promise<void> {
  section('Staff console')
  await onEachDatabase('console', measure)
}
