// Staff accounts: what a password costs (argon2id at the OWASP minimum), how many logins a second
// one instance serves (password + TOTP + a new session, over HTTP in-process), and what the session
// cookie costs on a gated read next to an API key (the session is looked up on every request).
import { generate } from 'otplib'
import { createApiKey } from '../src/gate/api-keys.ts'
import { hashPassword, verifyPassword } from '../src/staff/passwords.ts'
import { OPERATOR_PARTY } from '../src/staff/accounts.ts'
import type { Database } from '../src/db/database.ts'
import { FORM, startStaffBenchServer } from './staff-server.ts'
import { record, ratio, section, timeRuns } from './harness.ts'
import { onEachDatabase } from './postgres.ts'

const LOGINS = Number(process.env.BENCH_STAFF_LOGINS ?? 200)
const READS = Number(process.env.BENCH_STAFF_READS ?? 2000)
const PASSWORD = 'plum-orbit-lantern-quietly-7'

async function measure(label: string, database: Database, dataDir: string): Promise<void> {
  const server = await startStaffBenchServer(database, dataDir)
  const { runtime, app } = server
  try {
    const { directory } = runtime.staff
    const { account, token } = await directory.add(OPERATOR_PARTY, 'bench-admin@bench.example', 'staff_admin')
    const other = await directory.add(OPERATOR_PARTY, 'bench-support@bench.example', 'support')
    const enrolment = await directory.startSetup(token, { password: PASSWORD })
    await directory.finishSetup(token, await generate({ secret: enrolment.secret, epoch: Math.floor(server.time() / 1000) }))
    const support = await directory.startSetup(other.token, { password: PASSWORD })
    await directory.finishSetup(other.token, await generate({ secret: support.secret, epoch: Math.floor(server.time() / 1000) }))
    await directory.approveRole({ id: `staff:${account.id}`, accountId: account.id, roles: new Set(['staff_admin']) }, other.account.id, 'support')
    const login = async (email: string, secret: string) => {
      server.advance(30_000)
      const code = await generate({ secret, epoch: Math.floor(server.time() / 1000) })
      const res = await app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: new URLSearchParams({ email, password: PASSWORD, code }).toString() })
      if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`)
      return res.cookies.find((c) => c.name === 'pledge_staff')!.value
    }
    const started = performance.now()
    for (let i = 0; i < LOGINS; i++) await login('bench-admin@bench.example', enrolment.secret)
    record(`${label}: staff logins (password + TOTP + session), one after another`, [LOGINS / ((performance.now() - started) / 1000)], 'logins/s')

    // A gated read by a support session and by a service key with the same purpose.
    const cookie = `pledge_staff=${await login('bench-support@bench.example', support.secret)}`
    const key = await createApiKey(database.db, runtime.policy(), { name: 'bench-crm', purposes: ['customer_service', 'customer_registration'] })
    const created = await app.inject({ method: 'POST', url: '/v1/subjects?purpose=customer_registration', headers: { authorization: `Bearer ${key.token}` }, payload: { type: 'customer', data: { 'contact.name': 'Bench Person', 'contact.email': 'person@bench.example' } } })
    const id = created.json().id as string
    const reads = async (headers: Record<string, string>) => {
      const s = performance.now()
      for (let i = 0; i < READS; i++) {
        const res = await app.inject({ method: 'GET', url: `/v1/subjects/${id}?purpose=customer_service`, headers })
        if (res.statusCode !== 200) throw new Error(`read failed: ${res.statusCode}`)
      }
      return READS / ((performance.now() - s) / 1000)
    }
    const byKey = record(`${label}: gated reads with an API key`, [await reads({ authorization: `Bearer ${key.token}` })], 'reads/s')
    const bySession = record(`${label}: gated reads with a staff session cookie`, [await reads({ cookie })], 'reads/s')
    ratio(`${label}: session reads / key reads`, bySession, byKey)
  } finally {
    await app.close()
    await runtime.close()
  }
}

export async function benchStaff(): Promise<void> {
  section('Staff accounts')
  record('argon2id hash (m=19 MiB, t=2, p=1)', await timeRuns(9, async () => void (await hashPassword(PASSWORD))), 'ms')
  const stored = await hashPassword(PASSWORD)
  record('argon2id verify', await timeRuns(9, async () => void (await verifyPassword(stored, PASSWORD))), 'ms')
  await onEachDatabase('staff', measure)
}
