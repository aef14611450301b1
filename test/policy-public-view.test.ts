// GET /v1/policy publishes what a person needs and nothing else: every field it carries is on the
// list below. A field added to the policy (staff roles, a register's DPA dates, a DPIA) fails this
// test until someone decides it is for the public and adds it here and to src/policy/public-view.ts.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { loadPolicyFile } from '../src/policy/load.ts'
import { policyView } from '../src/policy/public-view.ts'
import { EXAMPLE_POLICY, REPO_ROOT } from './support/paths.ts'

const PUBLIC_FIELDS = `
version effectiveDate contentHash
controller.name.* controller.tradingName controller.legalForm.* controller.companyNumber controller.email controller.phone controller.website controller.timeZone
controller.address.street.* controller.address.postalCode controller.address.city.* controller.address.country
controller.privacyContact.kind controller.privacyContact.name.* controller.privacyContact.email controller.privacyContact.phone controller.privacyContact.note.*
supervisoryAuthority.name.* supervisoryAuthority.abbreviation supervisoryAuthority.phone supervisoryAuthority.email supervisoryAuthority.website
supervisoryAuthority.address.street.* supervisoryAuthority.address.postalCode supervisoryAuthority.address.city.* supervisoryAuthority.address.country
categories[].id categories[].label.* categories[].special categories[].records
subjectTypes[].id subjectTypes[].label.* subjectTypes[].role subjectTypes[].source.*
events[]
purposes[].id purposes[].name.* purposes[].description.* purposes[].role purposes[].subjectTypes[] purposes[].basis.*
purposes[].categories[] purposes[].requiredCategories[] purposes[].recipients[]
purposes[].retention.duration purposes[].retention.trigger purposes[].retention.countFrom purposes[].retention.endAction purposes[].retention.legalReference.* purposes[].retention.rationale.*
purposes[].provision.requirement purposes[].provision.consequence.*
purposes[].directMarketing purposes[].legalClaims purposes[].automatedDecisions purposes[].legitimateInterest.* purposes[].statutoryReference.* purposes[].source.*
recipients[].id recipients[].name recipients[].role recipients[].service.* recipients[].country
recipients[].transfer.mechanism recipients[].transfer.decision.* recipients[].transfer.module recipients[].transfer.date recipients[].transfer.copyAvailableAt
cookies.categories[].id cookies.categories[].label.* cookies.categories[].description.* cookies.categories[].necessary
cookies.cookies[].name cookies.cookies[].provider cookies.cookies[].category cookies.cookies[].purpose.* cookies.cookies[].lifetime
`.trim().split(/\s+/)

/** Every leaf path of the view; languages and per-subject-type keys become `*`. */
function leafPaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) leafPaths(v, `${path}[]`, out)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = ['nl', 'fr', 'en'].includes(k) || path.endsWith('.basis') ? '*' : k
      leafPaths(v, path ? `${path}.${key}` : key, out)
    }
  } else out.add(path)
  return out
}

for (const [name, file] of [['the iXpole example', EXAMPLE_POLICY], ['the statement fixture', join(REPO_ROOT, 'test/fixtures/statement-policy.yaml')]] as const) {
  test(`REQ-TR-01 GET /v1/policy of ${name} carries only the published fields`, async () => {
    const policy = await loadPolicyFile(file)
    const view = policyView(policy, { version: 3, effectiveDate: '2026-12-01', contentHash: 'a'.repeat(64) })
    const extra = [...leafPaths(view)].filter((p) => !PUBLIC_FIELDS.includes(p))
    assert.deepEqual(extra, [])
    const text = JSON.stringify(view)
    assert.ok(!('staffRoles' in view), 'staff roles are internal')
    for (const p of policy.purposes) {
      if (!p.legitimateInterest) continue
      assert.ok(!text.includes(p.legitimateInterest.balancing), `the balancing notes of ${p.id} are published`)
      assert.ok(!text.includes(p.legitimateInterest.necessity), `the necessity notes of ${p.id} are published`)
    }
  })
}
