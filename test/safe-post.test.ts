// SSRF-safe outbound POST (used by webhooks and portability pushes, REQ-PO-02): only public
// addresses after DNS resolution, no redirects, typed errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { lookup } from 'node:dns/promises'
import { hostname } from 'node:os'
import { isPublicAddress, safePost, SafePostError, type SafePostErrorCode } from '../src/net/safe-post.ts'

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string; bodies: string[] }> {
  const bodies: string[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => {
      bodies.push(body)
      handler!(req, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies }
}

async function refused(promise: Promise<unknown>, code: SafePostErrorCode): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof SafePostError && err.code === code)
}

test('REQ-PO-02 safe-post: private, loopback, link-local, CGNAT, multicast and mapped addresses are not public', () => {
  for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '64:ff9b::a00:1']) {
    assert.equal(isPublicAddress(address), false, address)
  }
  for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '::ffff:1.1.1.1']) assert.equal(isPublicAddress(address), true, address)
})

test('REQ-PO-02 safe-post: refuses loopback, private and metadata targets, localhost, and names that resolve to loopback', async (t) => {
  const body = '{}'
  await refused(safePost('https://127.0.0.1/hook', body, {}), 'target_not_allowed')
  await refused(safePost('https://[::1]/hook', body, {}), 'target_not_allowed')
  await refused(safePost('https://10.0.0.7/hook', body, {}), 'target_not_allowed')
  await refused(safePost('https://169.254.169.254/latest/meta-data', body, {}), 'target_not_allowed')
  await refused(safePost('https://[::ffff:127.0.0.1]/hook', body, {}), 'target_not_allowed')
  await refused(safePost('https://localhost/hook', body, {}), 'target_not_allowed')
  // A public-looking name whose DNS answer includes a loopback address (any one bad address refuses).
  const resolve = async () => [
    { address: '93.184.216.34', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ]
  await refused(safePost('https://rebind.example/hook', body, {}, { resolve }), 'target_not_allowed')
  // And through the real resolver: this machine's own host name resolves to a loopback or
  // private address (from /etc/hosts), and is refused after resolution.
  const own = hostname()
  const addresses = await lookup(own, { all: true }).catch(() => [])
  if (addresses.length && addresses.every((a) => !isPublicAddress(a.address))) await refused(safePost(`https://${own}/hook`, body, {}), 'target_not_allowed')
  else t.diagnostic(`${own} resolves to a public address here; the injected resolver above covers the rule`)
})

test('REQ-PO-02 safe-post: only https unless private targets are allowed; no credentials in the URL', async () => {
  await refused(safePost('http://93.184.216.34/hook', '{}', {}), 'invalid_url')
  await refused(safePost('ftp://93.184.216.34/hook', '{}', {}, { allowPrivateTargets: true }), 'invalid_url')
  await refused(safePost('https://user:pw@93.184.216.34/hook', '{}', {}), 'invalid_url')
  await refused(safePost('not a url', '{}', {}), 'invalid_url')
})

test('REQ-PO-02 safe-post: a redirect is refused, not followed', async (t) => {
  let followed = false
  const target = await listen((_req, res) => {
    followed = true
    res.end('ok')
  })
  const redirecting = await listen((_req, res) => {
    res.writeHead(302, { location: target.url })
    res.end()
  })
  t.after(() => (redirecting.server.close(), target.server.close()))
  await assert.rejects(safePost(redirecting.url, '{}', {}, { allowPrivateTargets: true }), (err: unknown) => err instanceof SafePostError && err.code === 'redirect_refused' && err.status === 302)
  assert.equal(followed, false)
})

test('REQ-PO-02 safe-post: delivers to a local server with private targets allowed; non-2xx and timeouts are typed', async (t) => {
  let mode: 'ok' | 'error' | 'slow' | 'big' = 'ok'
  const receiver = await listen((req, res) => {
    if (mode === 'slow') return // never answers
    if (mode === 'error') return void res.writeHead(503).end('busy')
    if (mode === 'big') return void res.writeHead(200).end('x'.repeat(200_000))
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`got ${req.headers['x-test']} ${req.headers.host}`)
  })
  t.after(() => receiver.server.close())
  const response = await safePost(receiver.url, '{"a":1}', { 'x-test': 'yes', 'content-type': 'application/json' }, { allowPrivateTargets: true })
  assert.equal(response.status, 200)
  assert.match(response.body, /^got yes 127\.0\.0\.1:\d+$/)
  assert.equal(receiver.bodies.at(-1), '{"a":1}')

  mode = 'error'
  await assert.rejects(safePost(receiver.url, '{}', {}, { allowPrivateTargets: true }), (err: unknown) => err instanceof SafePostError && err.code === 'http_status' && err.status === 503)
  mode = 'big'
  const big = await safePost(receiver.url, '{}', {}, { allowPrivateTargets: true, maxResponseBytes: 1024 })
  assert.equal(big.body.length, 1024)
  assert.equal(big.truncated, true)
  mode = 'slow'
  await refused(safePost(receiver.url, '{}', {}, { allowPrivateTargets: true, timeoutMs: 300 }), 'timeout')
  // Even with private targets allowed, the name is resolved and the checked address is used.
  mode = 'ok'
  const port = new URL(receiver.url).port
  const viaName = await safePost(`http://localhost:${port}/hook`, '{}', {}, { allowPrivateTargets: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }] })
  assert.match(viaName.body, new RegExp(`localhost:${port}$`))
})
