// 1,000 data-subject requests filed and verified through the HTTP API (in-process inject), with
// every acknowledgement and answer sent over SMTP to a real local SMTP server. Half the addresses
// belong to customers (their access export becomes ready), half are unknown (answered: no data).
import { migrateToLatest, type Database } from '../src/db/database.ts'
import { loadConfig, DEFAULT_POLICY } from '../src/config.ts'
import { createLogger } from '../src/log.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { ensureFirstVersion } from '../src/policy/versions.ts'
import { createRuntime } from '../src/runtime.ts'
import { generateMasterKeyRing } from '../src/vault/master-key.ts'
import { buildApp } from '../src/http/app.ts'
import { runtimeKey } from '../test/support/actors.ts'
import { startSmtpServer } from '../test/support/smtp.ts'
import { record, section } from './harness.ts'
import { onEachDatabase } from './postgres.ts'

const COUNT = Number(process.env.BENCH_REQUESTS ?? 1000)
/** Requests in flight at once, as from many browsers. */
const CONCURRENCY = Number(process.env.BENCH_REQUESTS_CONCURRENCY ?? 16)

async function inPool<T>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const i = next++
      await work(items[i]!, i)
    }
  }))
}

async function measure(label: string, database: Database, dataDir: string): Promise<void> {
  const smtp = await startSmtpServer()
  await migrateToLatest(database.db)
  const filePolicy = await loadPolicyFile(DEFAULT_POLICY)
  await ensureFirstVersion(database.db, filePolicy)
  const config = loadConfig({ dataDir, port: 0, smtpUrl: smtp.url, baseUrl: 'https://privacy.bench.example' }, {})
  const runtime = await createRuntime({ config, database, logger: createLogger({ level: 'silent' }), filePolicy, keys: generateMasterKeyRing() })
  const app = await buildApp(runtime)
  try {
    const actor = await runtimeKey(runtime, 'bench', ['customer_registration'])
    const rows = Array.from({ length: COUNT / 2 }, (_, i) => ({ type: 'customer', externalId: `b-${i}`, data: { 'contact.name': `Bench ${i}`, 'contact.email': `known${i}@bench.example`, 'online.ip_address': '192.0.2.1' } }))
    await runtime.gate.createMany(actor, 'customer_registration', rows)
    const emails = Array.from({ length: COUNT }, (_, i) => (i % 2 ? `unknown${i}@bench.example` : `known${i / 2}@bench.example`))
    let started = performance.now()
    const ids = new Map<string, string>()
    await inPool(emails, CONCURRENCY, async (email, i) => {
      const res = await app.inject({ method: 'POST', url: '/v1/requests', payload: { type: 'access', email, lang: 'en' }, remoteAddress: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` })
      if (res.statusCode !== 202) throw new Error(`filing failed: ${res.statusCode} ${res.body}`)
      ids.set(email, res.json().id as string)
    })
    await smtp.waitFor(COUNT, 120_000)
    const filedMs = performance.now() - started
    record(`${label}: requests filed (acknowledged over SMTP)`, [COUNT / (filedMs / 1000)], 'requests/s')
    const codes = new Map<string, string>()
    for (const [i, m] of smtp.messages.entries()) {
      const code = /#code=(\d{6})/.exec(m.text ?? '')?.[1]
      if (code) codes.set(smtp.envelopes[i]!.to[0]!.toLowerCase(), code)
    }
    started = performance.now()
    await inPool(emails, CONCURRENCY, async (email, i) => {
      const res = await app.inject({ method: 'POST', url: `/v1/requests/${ids.get(email)}/verify`, payload: { code: codes.get(email) }, remoteAddress: `11.${i >> 16}.${(i >> 8) & 255}.${i & 255}` })
      if (res.statusCode !== 200) throw new Error(`verification failed: ${res.statusCode} ${res.body}`)
    })
    await smtp.waitFor(2 * COUNT, 120_000)
    const verifiedMs = performance.now() - started
    record(`${label}: requests verified and answered`, [COUNT / (verifiedMs / 1000)], 'requests/s', 'matching, state changes, audit, answer mail')
    record(`${label}: ${COUNT} requests filed + verified`, [(filedMs + verifiedMs) / 1000], 's')
  } finally {
    await app.close()
    await runtime.close()
    await smtp.close()
  }
}

export async function benchRequests(): Promise<void> {
  section(`data-subject requests (${COUNT.toLocaleString('en-US')} filed and verified over HTTP, ${CONCURRENCY} at a time, mail over SMTP)`)
  await onEachDatabase('requests', measure, { poolSize: 10 })
}
