// A port already in use: `pledge start` says which port and how to change it, and exits 1 without
// a stack trace. The embedded database of the real start is loaded from the migrated template, so
// the run pays no initdb.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { listenOn } from '../src/server.ts'
import { ListenError } from '../src/config.ts'
import { openEmbedded } from '../src/db/database.ts'
import { generateMasterKeyFile } from '../src/vault/master-key.ts'
import { EXAMPLE_POLICY, REPO_ROOT, templateTarball } from './support/paths.ts'

/** A listening server on a free loopback port, standing in for whatever holds the port. */
async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as { port: number }).port, server }
}

const inUse = (port: number) =>
  `port ${port} is already in use on 127.0.0.1 (is Pledge, or another program, already listening on 127.0.0.1:${port}?): set PLEDGE_PORT or pass --port to use another port`

test('listening on a port in use is a ListenError naming the port and PLEDGE_PORT / --port', async (t) => {
  const { port, server } = await occupiedPort()
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const app = Fastify()
  t.after(() => app.close())
  await assert.rejects(listenOn(app, { host: '127.0.0.1', port }), (err: unknown) => {
    assert.ok(err instanceof ListenError)
    assert.equal(err.message, inUse(port))
    return true
  })
})

test('pledge start on a port in use prints which port and how to change it, and exits 1 without a stack', { timeout: 120_000 }, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'pledge-port-'))
  t.after(() => rmSync(root, { recursive: true, force: true }))
  const dataDir = join(root, 'data')
  const seeded = await openEmbedded(dataDir, { loadDataDir: new Blob([readFileSync(templateTarball())]) })
  await seeded.close()
  generateMasterKeyFile(join(root, 'master.key'))
  const { port, server } = await occupiedPort()
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/pledge.js'), 'start', '--port', String(port)], {
    env: { ...process.env, PLEDGE_DATA_DIR: dataDir, PLEDGE_POLICY: EXAMPLE_POLICY, PLEDGE_MASTER_KEY: join(root, 'master.key'), PLEDGE_DATABASE_URL: '', PLEDGE_HOST: '127.0.0.1', PLEDGE_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  assert.equal(code, 1, stderr)
  assert.equal(stdout, '')
  assert.equal(stderr, `pledge: ${inUse(port)}\n`)
})
