// The ROPA's version history and its consistency check (REQ-ROPA-03, REQ-ROPA-04).
//
// History: the ROPA is built from the published statement, so its versions are the statement's
// versions (src/policy/versions.ts); who published each one is the actor of its `policy.publish`
// audit entry (version 1, published at the first start, by Pledge itself).
//
// Consistency: the ROPA, the published statement and the running configuration must agree. A
// recipient in use — an active API key bound to it, a disclosure row naming it, a webhook endpoint
// of it — that the statement in force does not name (no purpose lists it) fails the check, with a
// reason; so does a ROPA built from another policy than the statement. A policy file on disk that
// differs from the published statement, and recipients the register does not cover, are warnings.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Policy } from './policy.ts'
import type { Ropa, RopaRegisterFacts, RopaVersion } from './ropa.ts'
import { listVersions } from './versions.ts'
import { findAuditEntries } from '../audit/audit-query.ts'
import { recipientsOfActiveKeys } from '../gate/api-keys.ts'
import { disclosureRecipients } from '../vault/vault.ts'
import { recipientWebhooks } from '../webhooks/webhooks.ts'

/** Who published which statement version, when, and what changed: newest first. */
export async function ropaHistory(db: Kysely<DB>): Promise<RopaVersion[]> {
  const [versions, publishes] = await Promise.all([listVersions(db), findAuditEntries(db, { action: 'policy.publish' }, { limit: 10_000 })])
  const by = new Map<number, string>()
  for (const e of publishes) {
    const m = /^version:(\d+):/.exec(e.reason ?? '')
    if (m && !by.has(Number(m[1]))) by.set(Number(m[1]), e.actorId)
  }
  return versions
    .map((v) => ({
      version: v.version,
      publishedAt: v.publishedAt,
      effectiveDate: v.effectiveDate,
      contentHash: v.contentHash,
      publishedBy: by.get(v.version) ?? (v.version === 1 ? 'pledge:first-start' : 'unknown'),
      changes: v.materialChanges.filter((c) => c.material).map((c) => `${c.purposeId}: ${c.added ? 'added' : c.removed ? 'removed' : c.changed.join(', ')}`),
    }))
    .sort((a, b) => b.version - a.version)
}

export type RecipientUse = { readonly source: 'api_key' | 'disclosure' | 'webhook'; readonly recipientId: string; readonly detail: string }

/** What the running system uses: recipients of active keys, of disclosure rows, of webhook endpoints (ids only). */
export async function recipientsInUse(db: Kysely<DB>): Promise<RecipientUse[]> {
  const [keys, disclosures, webhooks] = await Promise.all([recipientsOfActiveKeys(db), disclosureRecipients(db), recipientWebhooks(db)])
  return [
    ...keys.map((k) => ({ source: 'api_key' as const, recipientId: k.recipientId, detail: `${k.keys} active API key${k.keys === 1 ? '' : 's'} bound to it` })),
    ...disclosures.map((id) => ({ source: 'disclosure' as const, recipientId: id, detail: 'disclosures to it are recorded' })),
    ...webhooks.map((id) => ({ source: 'webhook' as const, recipientId: id, detail: 'a webhook endpoint of it is registered' })),
  ]
}

export interface RopaCheckProblem {
  readonly code: 'recipient_not_in_statement' | 'ropa_out_of_date' | 'ropa_recipient_missing' | 'policy_file_unpublished' | 'recipient_not_covered'
  readonly recipientId?: string
  readonly source?: RecipientUse['source']
  readonly reason: string
}

export interface RopaCheckResult {
  /** True when nothing failed (warnings do not fail it). */
  readonly ok: boolean
  readonly statementVersion: number
  readonly failures: readonly RopaCheckProblem[]
  readonly warnings: readonly RopaCheckProblem[]
}

export interface RopaCheckInput {
  /** The statement in force. */
  readonly statement: { readonly version: number; readonly policy: Policy }
  readonly ropa: Ropa
  readonly inUse: readonly RecipientUse[]
  /** The policy file on disk (the running configuration) differs from the published statement, when known. */
  readonly policyFileDraft?: boolean | undefined
  /** What the register misses for a recipient (src/processors/register.ts gaps), when known. */
  readonly registerGaps?: ((recipientId: string) => readonly string[]) | undefined
}

/** The recipients a statement names: those some purpose lists. */
export function namedRecipients(policy: Policy): Set<string> {
  return new Set(policy.purposes.flatMap((p) => p.recipients))
}

export function checkRopaConsistency(input: RopaCheckInput): RopaCheckResult {
  const { statement, ropa } = input
  const failures: RopaCheckProblem[] = []
  const warnings: RopaCheckProblem[] = []
  const named = namedRecipients(statement.policy)
  const v = statement.version
  for (const use of input.inUse) {
    if (named.has(use.recipientId)) continue
    const declared = statement.policy.recipient(use.recipientId)
    failures.push({
      code: 'recipient_not_in_statement',
      recipientId: use.recipientId,
      source: use.source,
      reason: `${use.recipientId} is in use (${use.detail}) but the published statement (version ${v}) does not name it${declared ? ': it is declared, but no purpose lists it as a recipient' : ''}; name it under the purposes that disclose to it and publish, or stop the use`,
    })
  }
  if (ropa.policyHash !== statement.policy.contentHash) {
    failures.push({ code: 'ropa_out_of_date', reason: `the ROPA was built from policy ${ropa.policyHash.slice(0, 12)}, the statement in force (version ${v}) is ${statement.policy.contentHash.slice(0, 12)}` })
  }
  const inRopa = new Set([...ropa.controllerRecord.entries.flatMap((e) => e.recipients.map((r) => r.id)), ...ropa.processorRecord.entries.flatMap((e) => e.subProcessors.map((r) => r.id))])
  for (const id of named) if (!inRopa.has(id)) failures.push({ code: 'ropa_recipient_missing', recipientId: id, reason: `the statement (version ${v}) names ${id} but the ROPA does not list it` })
  if (input.policyFileDraft) {
    warnings.push({ code: 'policy_file_unpublished', reason: `the policy file differs from the published statement (version ${v}): publish it (pledge policy publish) or revert it` })
  }
  if (input.registerGaps) {
    for (const id of named) {
      const gaps = input.registerGaps(id)
      if (gaps.length) warnings.push({ code: 'recipient_not_covered', recipientId: id, reason: `the register does not cover ${id}: ${gaps.join(', ')} (the gate refuses flows to it)` })
    }
  }
  return { ok: failures.length === 0, statementVersion: v, failures, warnings }
}

export function formatRopaCheck(r: RopaCheckResult): string {
  const lines = [r.ok ? `the ROPA, the published statement (version ${r.statementVersion}) and the running configuration agree` : `NOT CONSISTENT with the published statement (version ${r.statementVersion}):`]
  for (const f of r.failures) lines.push(`fail: ${f.code}${f.recipientId ? ` ${f.recipientId}` : ''}${f.source ? ` (${f.source})` : ''}: ${f.reason}`)
  for (const w of r.warnings) lines.push(`warning: ${w.code}${w.recipientId ? ` ${w.recipientId}` : ''}: ${w.reason}`)
  return lines.join('\n')
}

/** A register's entry per recipient for the ROPA (undefined for a recipient its policy does not have). */
export function registerFacts(register: { row(id: string): { entry?: RopaRegisterFacts | undefined } }): (id: string) => RopaRegisterFacts | undefined {
  return (id) => {
    try {
      return register.row(id).entry
    } catch {
      return undefined
    }
  }
}
