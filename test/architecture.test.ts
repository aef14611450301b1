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

// Vault methods that yield plaintext, search people (within or across tenants) or change a
// person's data or state: only the gate calls them, after a decision it audits.
const GATED_VAULT_METHODS = ['read', 'write', 'create', 'createMany', 'records', 'matches', 'open', 'openPending', 'lookup', 'lookupEverywhere', 'state', 'facts', 'erase', 'erasureFacts', 'retained', 'setObjection', 'setRestriction', 'recordEvent', 'recordDisclosure']

/** Calls allowed outside the gate, each with its reason. */
const VAULT_ALLOWLIST: readonly { path: string; call: RegExp; why: string }[] = [
  { path: 'src/runtime.ts', call: /vault\.open\('webhook-secret',/g, why: 'webhook signing secrets are the key owner\'s shared secret, not a person\'s data' },
]

test('nothing outside the gate calls the vault\'s plaintext, search or state methods', () => {
  const pattern = new RegExp(`\\bvault\\.(${GATED_VAULT_METHODS.join('|')})\\(`, 'g')
  const offenders: string[] = []
  for (const f of files) {
    if (f.path.startsWith('src/vault/') || f.path.startsWith('src/gate/')) continue
    let text = f.text
    for (const allowed of VAULT_ALLOWLIST) if (allowed.path === f.path) text = text.replace(allowed.call, 'allowed(')
    for (const m of text.matchAll(pattern)) offenders.push(`${f.path}: vault.${m[1]}(`)
  }
  assert.deepEqual(offenders, [], 'reaches into the vault around the gate')
  // The allowlist stays honest: each entry still matches something.
  for (const allowed of VAULT_ALLOWLIST) assert.match(files.find((f) => f.path === allowed.path)!.text, allowed.call, `allowlist entry for ${allowed.path} matches nothing: remove it`)
})

test('only the gate mints actors, so no room can give itself purposes', () => {
  const minting = files.filter((f) => /\bmintActor\b/.test(f.text) && f.path !== 'src/gate/actor.ts').map((f) => f.path)
  assert.ok(minting.length > 0)
  for (const path of minting) assert.match(path, /^src\/gate\//, `${path} mints an actor outside the gate`)
  for (const f of files) {
    if (f.path.startsWith('src/gate/')) continue
    assert.ok(!/kind:\s*'(system|api_key|staff)'/.test(f.text), `${f.path} builds an actor by hand: ask the gate for a declared system actor`)
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
