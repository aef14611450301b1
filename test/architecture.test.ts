// The architecture, checked: only the gate mints grants, only the vault decrypts, and HTTP stays in
// the HTTP room. A new shortcut around the gate fails here before it lands.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { REPO_ROOT } from './support/paths.ts'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

const files = sources(join(REPO_ROOT, 'src')).map((p) => ({ path: relative(REPO_ROOT, p), text: readFileSync(p, 'utf8') }))

test('only the gate mints grants for the vault', () => {
  const minting = files.filter((f) => /\bmintGrant\b/.test(f.text) && f.path !== 'src/vault/grant.ts').map((f) => f.path)
  assert.ok(minting.length > 0)
  for (const path of minting) assert.match(path, /^src\/gate\//, `${path} mints a grant outside the gate`)
})

test('only the vault decrypts personal data', () => {
  for (const f of files) {
    if (f.path.startsWith('src/vault/')) continue
    assert.ok(!/\b(decryptValue|decryptString|unwrapDataKey)\b/.test(f.text), `${f.path} decrypts outside the vault`)
  }
})

test('nothing outside the gate calls the vault\'s plaintext methods', () => {
  for (const f of files) {
    if (f.path.startsWith('src/vault/') || f.path.startsWith('src/gate/')) continue
    assert.ok(!/\.vault\.(read|write|create|createMany)\(/.test(f.text), `${f.path} reaches into the vault around the gate`)
  }
})

test('domain rooms are free of HTTP', () => {
  for (const f of files) {
    if (f.path.startsWith('src/http/') || f.path === 'src/server.ts') continue
    assert.ok(!/from 'fastify'|from '@fastify\//.test(f.text), `${f.path} imports the HTTP framework`)
  }
})

test('who may use a purpose is decided in the gate only', () => {
  for (const f of files) {
    if (f.path.startsWith('src/gate/')) continue
    assert.ok(!/\.purposes\.has\(/.test(f.text), `${f.path} checks an actor's purposes itself: ask the gate`)
  }
})

test('domain rooms do not depend on the HTTP room', () => {
  const domain = ['src/policy/', 'src/vault/', 'src/gate/', 'src/audit/', 'src/consent/', 'src/requests/', 'src/retention/', 'src/jobs/', 'src/webhooks/']
  for (const f of files) {
    if (!domain.some((d) => f.path.startsWith(d))) continue
    assert.ok(!/from '\.\.\/http\//.test(f.text), `${f.path} imports from src/http`)
  }
})

test('the gate decision is pure: no database, no HTTP', () => {
  const decide = files.find((f) => f.path === 'src/gate/decide.ts')!
  assert.ok(!/kysely|fastify|node:fs|node:net/.test(decide.text))
})
