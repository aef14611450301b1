import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { parseDocument } from 'yaml'
import { validatePolicyDocument } from '../src/policy/load.ts'
import type { PolicyDocument } from '../src/policy/schema.ts'
import { materialChanges, diffStatements } from '../src/policy/statement-diff.ts'
import { renderStatement } from '../src/policy/statement.ts'

async function doc(): Promise<PolicyDocument> {
  return parseDocument(await readFile('test/fixtures/statement-policy.yaml', 'utf8')).toJS() as PolicyDocument
}

function purpose(d: PolicyDocument, id: string) {
  const p = d.purposes.find((x) => x.id === id)
  assert.ok(p, id)
  return p
}

test('REQ-TR-04 an identical policy has no material change', async () => {
  const a = validatePolicyDocument(await doc())
  const b = validatePolicyDocument(await doc())
  const changes = materialChanges(a, b)
  assert.equal(changes.length, a.purposes.length)
  assert.ok(changes.every((c) => !c.material && c.changed.length === 0 && !c.added && !c.removed))
})

test('REQ-TR-04 a changed retention is a material change of that purpose only', async () => {
  const before = await doc()
  const after = await doc()
  purpose(after, 'accounting').retention.duration = 'P7Y'
  const changes = materialChanges(validatePolicyDocument(before), validatePolicyDocument(after))
  const material = changes.filter((c) => c.material)
  assert.deepEqual(material, [{ purposeId: 'accounting', material: true, changed: ['retention'] }])
})

test('REQ-TR-04 wording changes (description, retention rationale, statement texts) are not material', async () => {
  const before = await doc()
  const after = await doc()
  purpose(after, 'newsletter').description.en = 'We send you our monthly newsletter.'
  purpose(after, 'newsletter').retention.rationale = { nl: 'x', fr: 'x', en: 'x' }
  after.statement.introduction.en = 'Another introduction.'
  const changes = materialChanges(validatePolicyDocument(before), validatePolicyDocument(after))
  assert.ok(changes.every((c) => !c.material))
})

test('REQ-TR-04 basis, categories and recipients changes are detected per purpose', async () => {
  const before = await doc()
  const after = await doc()
  purpose(after, 'market_research').basis = 'consent'
  purpose(after, 'prospect_registration').categories.push({ id: 'contact.phone', required: false })
  purpose(after, 'customer_service').categories[2]!.required = true
  purpose(after, 'legal_defence').recipients = ['accountant']
  const byId = new Map(materialChanges(validatePolicyDocument(before), validatePolicyDocument(after)).map((c) => [c.purposeId, c]))
  assert.deepEqual(byId.get('market_research')?.changed, ['basis'])
  assert.deepEqual(byId.get('prospect_registration')?.changed, ['categories'])
  assert.deepEqual(byId.get('customer_service')?.changed, ['categories'])
  assert.deepEqual(byId.get('legal_defence')?.changed, ['recipients'])
  assert.equal(byId.get('accounting')?.material, false)
})

test('REQ-TR-04 moving a recipient outside the EEA is a recipients change of every purpose that uses it', async () => {
  const before = await doc()
  const after = await doc()
  const hosting = after.recipients!.find((r) => r.id === 'hosting')!
  hosting.country = 'US'
  hosting.transfer = { mechanism: 'scc', decision: { nl: 'Uitvoeringsbesluit (EU) 2021/914', fr: "Décision d'exécution (UE) 2021/914", en: 'Decision (EU) 2021/914' }, module: 2, date: '2025-01-01' }
  const changes = materialChanges(validatePolicyDocument(before), validatePolicyDocument(after))
  const users = before.purposes.filter((p) => p.recipients?.includes('hosting')).map((p) => p.id)
  assert.ok(users.length >= 2)
  assert.deepEqual(changes.filter((c) => c.material).map((c) => c.purposeId).sort(), [...users].sort())
  assert.ok(changes.filter((c) => c.material).every((c) => c.changed.join() === 'recipients'))
})

test('REQ-TR-04 added and removed purposes are material', async () => {
  const before = await doc()
  const after = await doc()
  after.purposes = after.purposes.filter((p) => p.id !== 'market_research')
  const copy = structuredClone(purpose(after, 'newsletter'))
  copy.id = 'event_invitations'
  after.purposes.push(copy)
  const changes = materialChanges(validatePolicyDocument(before), validatePolicyDocument(after))
  assert.deepEqual(changes.find((c) => c.purposeId === 'event_invitations'), { purposeId: 'event_invitations', material: true, changed: [], added: true })
  assert.deepEqual(changes.find((c) => c.purposeId === 'market_research'), { purposeId: 'market_research', material: true, changed: [], removed: true })
})

test('REQ-TR-04 diffStatements gives a unified diff with the changed retention line', async () => {
  const before = await doc()
  const after = await doc()
  purpose(after, 'accounting').retention.duration = 'P7Y'
  const a = renderStatement(validatePolicyDocument(before), 'en', 'md', { version: 1 })
  const b = renderStatement(validatePolicyDocument(after), 'en', 'md', { version: 2 })
  const patch = diffStatements(a, b, 'version 1', 'version 2')
  assert.match(patch, /^--- version 1/m)
  assert.match(patch, /^\+\+\+ version 2/m)
  assert.match(patch, /^@@ -\d+(,\d+)? \+\d+(,\d+)? @@/m)
  assert.match(patch, /^-.*10 years from 1 January of the year after the invoice date/m)
  assert.match(patch, /^\+.*7 years from 1 January of the year after the invoice date/m)
  assert.match(patch, /^-\*\*Version 1\*\*$/m)
  assert.match(patch, /^\+\*\*Version 2\*\*$/m)
  const same = diffStatements(a, a)
  assert.doesNotMatch(same, /^@@/m)
})

test('REQ-TR-04 translating the controller name, address and contact name (a stored version with one string, the next with nl, fr, en) is not material', async () => {
  const before = (await doc()) as PolicyDocument & Record<string, any>
  before.controller.legalForm = 'NV'
  before.controller.address.street = 'Kempische Steenweg 311, bus 1'
  before.controller.privacyContact.name = 'Privacy team JAG2 Solutions'
  for (const r of before.recipients ?? []) if (r.transfer && typeof r.transfer.decision !== 'string') r.transfer.decision = r.transfer.decision.en
  const after = await doc()
  const changes = materialChanges(validatePolicyDocument(before, 'version 1', { stored: true }), validatePolicyDocument(after))
  assert.deepEqual(changes.filter((c) => c.material), [])
})
