// Gate figures over HTTP, on each database: a gated read against an ungated read of the same row
// served by the same process (a bench-only route: same query and decryption, no gate, no audit),
// subject creation, and the 404 timing of another tenant's subject against a missing one.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { migrateToLatest, type Database } from '../src/db/database.ts'
import { loadConfig, DEFAULT_POLICY } from '../src/config.ts'
import { createLogger } from '../src/log.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { ensureFirstVersion } from '../src/policy/versions.ts'
import { createRuntime, type Runtime } from '../src/runtime.ts'
import { generateMasterKeyRing } from '../src/vault/master-key.ts'
import { buildApp } from '../src/http/app.ts'
import { createApiKey } from '../src/gate/api-keys.ts'
import { mintGrant } from '../src/vault/grant.ts'
import { record, ratio, section, type Figure } from './harness.ts'
import { onEachDatabase } from './postgres.ts'

const DURATION = Number(process.env.BENCH_HTTP_SECONDS ?? 5)
const CONNECTIONS = 32
const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url))

interface Load {
  requests: { average: number }
  latency: { p50: number; p99: number }
  non2xx: number
  errors: number
}

/**
 * autocannon runs in its own process, so the load generator does not share the server's event loop
 * (and it is spawned asynchronously: a synchronous spawn would freeze the server it measures).
 */
export function load(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; rate?: number } = {}): Promise<Load> {
  const args = [AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(DURATION), '-j', '-m', options.method ?? 'GET']
  // A fixed overall rate (requests per second, all connections together): latency under a load the server keeps up with.
  if (options.rate) args.push('-R', String(Math.max(1, Math.round(options.rate))))
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`)
  if (options.body) args.push('-b', options.body)
  args.push(url)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c))
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Load) : reject(new Error(`autocannon failed: ${err}`))))
  })
}

export async function serve(database: Database, dataDir: string): Promise<{ runtime: Runtime; app: FastifyInstance; url: string; token: string; tenantToken: string }> {
  await migrateToLatest(database.db)
  const filePolicy = await loadPolicyFile(DEFAULT_POLICY)
  await ensureFirstVersion(database.db, filePolicy)
  const config = loadConfig({ dataDir, port: 0 }, {})
  const runtime = await createRuntime({ config, database, logger: createLogger({ level: 'silent' }), filePolicy, keys: generateMasterKeyRing() })
  const app = await buildApp(runtime, {
    extraRoutes: [
      async (scope, rt) => {
        // Bench only: the same row, the same query and decryption, without the gate and the audit log.
        scope.get('/bench/bare', async () => ({ ok: true }))
        scope.get<{ Params: { id: string } }>('/bench/ungated/:id', async (request) => {
          const grant = mintGrant({ subjectId: request.params.id, purpose: 'customer_service', actorId: 'bench', categories: rt.policy().purpose('customer_service')!.categories.map((c) => c.id), tenantId: null })
          return { id: request.params.id, data: await rt.vault.read(grant) }
        })
      },
    ],
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const policy = runtime.policy()
  const { token } = await createApiKey(database.db, policy, { name: 'bench', purposes: ['customer_registration', 'customer_service', 'contract_execution'] })
  const { token: tenantToken } = await createApiKey(database.db, policy, { name: 'bench-tenant', purposes: ['processing_for_customers'], tenantId: 'bench-other' })
  return { runtime, app, url, token, tenantToken }
}

async function measure(label: string, database: Database, dataDir: string): Promise<void> {
  const { runtime, app, url, token, tenantToken } = await serve(database, dataDir)
  // The server runs in this process: its resident memory, sampled while autocannon loads it.
  let peakRss = process.memoryUsage().rss
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50)
  try {
    const auth = { authorization: `Bearer ${token}` }
    const created = await app.inject({
      method: 'POST',
      url: '/v1/subjects?purpose=customer_registration',
      headers: auth,
      payload: { type: 'customer', data: { 'contact.name': 'Bench Person', 'contact.email': 'bench@example.test', 'contact.phone': '+32470000000', 'contact.address': 'Bench street 1, 3500 Hasselt' } },
    })
    const id = (created.json() as { id: string }).id
    const gatedUrl = `${url}/v1/subjects/${id}?purpose=customer_service`
    await load(gatedUrl, { headers: auth }) // warm up
    const gated = await load(gatedUrl, { headers: auth })
    const ungated = await load(`${url}/bench/ungated/${id}`)
    if (gated.non2xx || ungated.non2xx) console.log(`(${label}: non-2xx answers: gated ${gated.non2xx}, ungated ${ungated.non2xx})`)
    const g = record(`${label}: gated read`, [gated.requests.average], 'req/s', `p50 ${gated.latency.p50} ms, p99 ${gated.latency.p99} ms (target ≥ 5,000 req/s, p99 ≤ 20 ms)`)
    const u = record(`${label}: ungated read of the same row (bench route)`, [ungated.requests.average], 'req/s', `p50 ${ungated.latency.p50} ms, p99 ${ungated.latency.p99} ms`)
    ratio(`${label}: gated / ungated read`, g, u, '≥ 0.6')
    const paced = await load(gatedUrl, { headers: auth, rate: gated.requests.average / 2 })
    record(`${label}: gated read at half that rate (autocannon -R)`, [paced.latency.p99], 'ms p99', `${Math.round(paced.requests.average)} req/s, p50 ${paced.latency.p50} ms (target p99 ≤ ${label === 'PostgreSQL' ? 20 : 50} ms)`)
    const create = await load(`${url}/v1/subjects?purpose=customer_registration`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'customer', data: { 'contact.name': 'Bench Person', 'contact.email': 'bench@example.test' } }),
    })
    record(`${label}: subject create over HTTP`, [create.requests.average], 'creates/s', `p99 ${create.latency.p99} ms (target ≥ 2,000/s)`)
    const bare = await load(`${url}/bench/bare`)
    const check = await load(`${url}/v1/consents/check?subject=${id}&purpose=customer_service`, { headers: auth })
    const c = record(`${label}: GET /v1/consents/check`, [check.requests.average], 'req/s', `p99 ${check.latency.p99} ms`)
    const b = record(`${label}: bare route in the same server`, [bare.requests.average], 'req/s', `p99 ${bare.latency.p99} ms`)
    ratio(`${label}: consent check / bare route`, c, b, '≥ 0.5')
    const tenantAuth = { authorization: `Bearer ${tenantToken}` }
    const foreign = await load(`${url}/v1/subjects/${id}?purpose=processing_for_customers`, { headers: tenantAuth })
    const missing = await load(`${url}/v1/subjects/0190a0a0-0000-7000-8000-0000000000ff?purpose=processing_for_customers`, { headers: tenantAuth })
    const f: Figure = record(`${label}: 404 for another tenant's subject`, [foreign.latency.p50], 'ms p50', `p99 ${foreign.latency.p99} ms`)
    const m: Figure = record(`${label}: 404 for a subject that does not exist`, [missing.latency.p50], 'ms p50', `p99 ${missing.latency.p99} ms`)
    ratio(`${label}: 404 latency, other tenant / missing`, f, m, '≈ 1 (no timing oracle)')
    record(`${label}: peak RSS of the process serving the loads`, [peakRss / 1024 / 1024], 'MiB', label === 'PostgreSQL' ? 'target ≤ 250 MB (the bench harness is in the same process)' : 'no target')
  } finally {
    clearInterval(sampler)
    await app.close()
    await runtime.close()
  }
}

export async function benchGate(): Promise<void> {
  section(`gate over HTTP (autocannon, ${CONNECTIONS} connections, ${DURATION} s each, on the same 2 cores)`)
  await onEachDatabase('gate', measure, { poolSize: 16 })
}
