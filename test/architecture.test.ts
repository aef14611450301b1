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
const GATED_VAULT_METHODS = ['read', 'write', 'create', 'createMany', 'records', 'matches', 'open', 'openPending', 'lookup', 'lookupEverywhere', 'state', 'facts', 'erase', 'erasureCategories', 'holdKept', 'endHeld', 'sealHoldReason', 'openHoldReason', 'retained', 'setObjection', 'setRestriction', 'recordEvent', 'recordDisclosure', 'retentionBatch', 'applyRetention', 'setLanguages']

/** Calls allowed outside the gate, each with its reason. */
const VAULT_ALLOWLIST: readonly { path: string; call: RegExp; why: string }[] = [
  { path: 'src/runtime.ts', call: /vault\.open\('webhook-secret',/g, why: 'webhook signing secrets are the key owner\'s shared secret, not a person\'s data' },
  { path: 'src/runtime.ts', call: /vault\.open\('staff-totp',/g, why: 'a staff account\'s TOTP secret is the employee\'s own second factor, not a data subject\'s data' },
  { path: 'src/retention/legal-holds.ts', call: /#vault\.(holdKept|endHeld|sealHoldReason|openHoldReason)\(/g, why: 'a hold keeps or stops keeping categories only after gate.legalClaimsAccess decided (and audits) that this actor may hold this person\'s data' },
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

test('REQ-SEC-03 which staff role may do what with staff records is decided in the staff room only', () => {
  for (const f of files) {
    if (f.path.startsWith('src/staff/')) continue
    assert.ok(!/\.roles\.has\(/.test(f.text), `${f.path} checks a staff role itself: ask the staff room (src/staff/permissions.ts)`)
  }
})

test('no room but the HTTP room and the server that starts it imports src/http', () => {
  for (const f of files) {
    if (f.path.startsWith('src/http/') || f.path === 'src/server.ts') continue
    assert.ok(!/from '(\.\.?\/)+(src\/)?http\//.test(f.text) && !/from '\.\/http\//.test(f.text), `${f.path} imports from src/http`)
  }
})

// Each table belongs to one room; other rooms ask that room. `db/` creates them all (migrations).
const TABLE_OWNER: Record<string, string> = {
  policy_version: 'policy', policy_notice: 'policy',
  pledge_meta: 'vault',
  subject: 'vault', subject_key: 'vault', personal_data: 'vault', subject_event: 'vault', objection: 'vault', disclosure: 'vault', suppression: 'vault', retained_category: 'vault', erasure_tombstone: 'vault',
  api_key: 'gate',
  audit_entry: 'audit', audit_head: 'audit', audit_checkpoint: 'audit', audit_start: 'audit',
  consent_event: 'consent', pending_subscription: 'consent', newsletter_campaign: 'consent', newsletter_delivery: 'consent', newsletter_provider_event: 'consent', cookie_consent: 'consent',
  dsr_request: 'requests', dsr_code: 'requests', dsr_session: 'requests', dsr_event: 'requests', art14_notice: 'requests', notification_contact: 'requests',
  legal_hold: 'retention', retention_run: 'retention', retention_run_subject: 'retention', retention_instruction: 'retention',
  anonymised_count: 'vault',
  import_progress: 'import',
  webhook_endpoint: 'webhooks', webhook_delivery: 'webhooks',
  outbox_file: 'mail',
  contact_message: 'contact',
  complaint: 'complaints', complaint_event: 'complaints',
  staff_account: 'staff', staff_role: 'staff', staff_setup_token: 'staff', staff_recovery_code: 'staff', staff_session: 'staff', staff_undertaking: 'staff', staff_recertification: 'staff',
  processor_register: 'processors', processor_uncovered_notice: 'processors', subprocessor_change: 'processors', subprocessor_notice: 'processors', processor_reminder: 'processors', contract_run: 'processors',
  breach: 'breaches', breach_alert: 'breaches', breach_submission: 'breaches', breach_communication: 'breaches',
  dpia_register: 'dpia', dpia_reminder: 'dpia',
}

/** Statements that read another room's table on a hot path, each with its reason. */
const TABLE_ALLOWLIST: readonly { path: string; table: string; why: string }[] = [
  { path: 'src/vault/retention-store.ts', table: 'consent_event', why: 'the sweep reads the latest consent of a whole batch in the same set-based query as the rest of its state (never one query per person)' },
  // The gate's state query (latest consent per purpose, with the rest of the state, on every gated
  // use) lives in the database function pledge_subject_state (migration 0030), owned by db/.
  ...(['subject', 'personal_data', 'subject_event', 'consent_event', 'disclosure', 'erasure_tombstone'] as const).map((table) => ({ path: 'src/audit/unaudited.ts', table, why: 'verification checks every data change against the audit entry it carries (one anti-join per table; the log fails closed)' })),
]

test('each table is touched only by the room that owns it (or an allowlisted hot path)', () => {
  const offenders: string[] = []
  const seen = new Set<string>()
  for (const f of files) {
    if (f.path.startsWith('src/db/')) continue
    const room = f.path.split('/')[1]!.replace(/\.ts$/, '')
    const tables = new Set<string>()
    for (const m of f.text.matchAll(/(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin)\(\s*'([a-z_]+)/g)) tables.add(m[1]!)
    // Tables named as data for sql.table(…): `{ table: 'personal_data', … }`.
    for (const m of f.text.matchAll(/\btable:\s*'([a-z_]+)'/g)) if (TABLE_OWNER[m[1]!]) tables.add(m[1]!)
    // Raw SQL: inside sql`…` templates only.
    for (const q of f.text.matchAll(/\bsql(?:<[^`]*?>)?`([^`]*)`/g)) {
      for (const m of q[1]!.matchAll(/\b(?:from|join|into|update)\s+([a-z_]+)\b/g)) if (TABLE_OWNER[m[1]!]) tables.add(m[1]!)
    }
    for (const table of tables) {
      const owner = TABLE_OWNER[table]
      if (!owner) continue
      if (owner === room) continue
      const allowed = TABLE_ALLOWLIST.find((a) => a.path === f.path && a.table === table)
      if (allowed) seen.add(`${allowed.path}|${allowed.table}`)
      else offenders.push(`${f.path} (${room}) touches ${table}, which belongs to ${owner}`)
    }
  }
  assert.deepEqual(offenders, [])
  for (const a of TABLE_ALLOWLIST) assert.ok(seen.has(`${a.path}|${a.table}`), `allowlist entry ${a.path} ${a.table} matches nothing: remove it`)
})

test('every table of the schema has an owning room', () => {
  const schema = files.filter((f) => f.path.startsWith('src/db/schema')).map((f) => f.text).join('\n')
  const declared = [...schema.matchAll(/^\s{2}([a-z_]+): [A-Z][A-Za-z]*Table$/gm)].map((m) => m[1]!)
  assert.ok(declared.length > 20)
  assert.deepEqual(declared.filter((t) => !TABLE_OWNER[t]), [])
})

test('no run-time import cycle between modules', () => {
  const byPath = new Map(files.map((f) => [f.path, f]))
  const deps = new Map<string, string[]>()
  for (const f of files) {
    const out: string[] = []
    for (const m of f.text.matchAll(/^(?:import|export)\s+(?!type\b)([^'"]*?)from\s+'(\.[^']+)'/gm)) {
      const spec = m[1]!
      const braces = /\{([^}]*)\}/.exec(spec)
      const onlyTypes = braces && !spec.replace(braces[0], '').replace(/[\s,]/g, '') && braces[1]!.split(',').map((x) => x.trim()).filter(Boolean).every((x) => x.startsWith('type '))
      if (onlyTypes) continue
      out.push(relative(REPO_ROOT, join(REPO_ROOT, f.path, '..', m[2]!)))
    }
    deps.set(f.path, out.filter((d) => byPath.has(d)))
  }
  const cycles: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (path: string, trail: string[]): void => {
    state.set(path, 'visiting')
    for (const d of deps.get(path) ?? []) {
      if (state.get(d) === 'visiting') cycles.push([...trail.slice(trail.indexOf(d)), d].join(' → '))
      else if (!state.has(d)) visit(d, [...trail, d])
    }
    state.set(path, 'done')
  }
  for (const f of files) if (!state.has(f.path)) visit(f.path, [f.path])
  assert.deepEqual(cycles, [])
})

test('the gate decision is pure: no database, no HTTP', () => {
  const decide = files.find((f) => f.path === 'src/gate/decide.ts')!
  assert.ok(!/kysely|fastify|node:fs|node:net/.test(decide.text))
})
