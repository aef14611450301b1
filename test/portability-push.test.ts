// Direct transmission to another controller (Art. 20(2)) through src/net/safe-post.ts, to a real
// receiver on loopback: refused without allowPrivateTargets, delivered with it, never redirected.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadPolicyFile } from '../src/policy/load.ts'
import type { Dossier } from '../src/requests/dossier.ts'
import { safePost } from '../src/net/safe-post.ts'
import { buildPortabilityExport, pushPortability, PortabilityPushError, type PortabilityData } from '../src/requests/portability.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'

const policy = await loadPolicyFile(EXAMPLE_POLICY)

const dossier: Dossier = {
  subjectId: '0190a5b2-7c1d-7000-8000-00000000c002',
  subjectType: 'customer',
  tenantId: null,
  source: null,
  createdAt: new Date('2026-01-12T08:00:00Z'),
  records: [
    { category: 'contact.name', value: 'Els Vermeulen', writtenAt: new Date('2026-01-12T08:00:00Z'), writtenPurpose: 'customer_registration', recordId: '0190a5b2-7c1d-7000-8000-000000000101', keyKind: 'ordinary' },
    { category: 'contact.email', value: 'els.vermeulen@example.be', writtenAt: new Date('2026-01-12T08:00:00Z'), writtenPurpose: 'newsletter', recordId: '0190a5b2-7c1d-7000-8000-000000000102', keyKind: 'ordinary' },
    { category: 'financial.payment_data', value: { invoice: 'F-2026-0101', amount: 60.5 }, writtenAt: new Date('2026-02-28T12:00:00Z'), writtenPurpose: 'accounting', recordId: '0190a5b2-7c1d-7000-8000-000000000103', keyKind: 'ordinary' },
  ],
  events: [],
  consents: [],
  objections: [],
  restricted: false,
  disclosures: [],
}

interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
}
const received: Received[] = []
let answer: { status: number; headers?: Record<string, string> } = { status: 202 }
let server: Server
let port: number

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(answer.status, answer.headers ?? {}).end('{"ok":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
after(() => new Promise<void>((resolve) => server.close(() => resolve())))

function reset(status = 202, headers?: Record<string, string>) {
  received.length = 0
  answer = headers ? { status, headers } : { status }
}

test('REQ-PO-02 a push to http://127.0.0.1 is refused without allowPrivateTargets, and so is https to a loopback address or name: nothing reaches the receiver', async () => {
  reset()
  const x = buildPortabilityExport(policy, dossier)
  await assert.rejects(pushPortability(`http://127.0.0.1:${port}/import`, x, { safePost }), (err: unknown) => err instanceof PortabilityPushError && err.code === 'insecure_url')
  await assert.rejects(pushPortability(`https://127.0.0.1:${port}/import`, x, { safePost }), (err: unknown) => err instanceof PortabilityPushError && err.code === 'refused' && /private|loopback/.test(err.message))
  await assert.rejects(pushPortability(`https://localhost:${port}/import`, x, { safePost }), (err: unknown) => err instanceof PortabilityPushError && err.code === 'refused')
  await assert.rejects(pushPortability('https://[::1]/import', x, { safePost }), (err: unknown) => err instanceof PortabilityPushError && err.code === 'refused')
  await assert.rejects(pushPortability('not a url', x, { safePost }), (err: unknown) => err instanceof PortabilityPushError && err.code === 'invalid_url')
  assert.equal(received.length, 0)
})

test('REQ-PO-02 REQ-PO-01 with allowPrivateTargets the push delivers the portability JSON (consent and contract data only) to the receiver', async () => {
  reset(202)
  const x = buildPortabilityExport(policy, dossier)
  const result = await pushPortability(`http://127.0.0.1:${port}/import?batch=7`, x, { safePost, allowPrivateTargets: true, timeoutMs: 5000 })
  assert.equal(result.status, 202)
  assert.equal(received.length, 1)
  const got = received[0]!
  assert.equal(got.path, '/import?batch=7')
  assert.equal(got.headers['content-type'], 'application/json; charset=utf-8')
  assert.equal(got.headers['x-pledge-format'], 'pledge.portability/1')
  assert.equal(got.body, x.json)
  const data = JSON.parse(got.body) as PortabilityData
  assert.deepEqual(data.records.map((r) => r.category).sort(), ['contact.email', 'contact.name'])
  assert.equal(result.bytes, Buffer.byteLength(x.json))
  assert.match(result.sha256, /^[0-9a-f]{64}$/)
})

test('REQ-PO-02 an error answer is reported as rejected, and a redirect is not followed', async () => {
  const x = buildPortabilityExport(policy, dossier)
  reset(500)
  await assert.rejects(pushPortability(`http://127.0.0.1:${port}/import`, x, { safePost, allowPrivateTargets: true }), (err: unknown) => err instanceof PortabilityPushError && err.code === 'rejected' && err.status === 500)
  assert.equal(received.length, 1)
  reset(302, { location: `http://127.0.0.1:${port}/elsewhere` })
  await assert.rejects(pushPortability(`http://127.0.0.1:${port}/import`, x, { safePost, allowPrivateTargets: true }), (err: unknown) => err instanceof PortabilityPushError && err.code === 'refused' && /redirect/.test(err.message))
  assert.deepEqual(received.map((r) => r.path), ['/import'], 'the redirect target was never asked')
})
