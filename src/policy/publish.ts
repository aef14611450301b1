// Publishing the policy file as the next statement version, written once for `pledge policy publish`
// (src/operations.ts) and the console's Policy page: the version and its material-change notices
// in one transaction (./versions.ts, ./notices.ts), the notices' round enqueued when a server runs,
// and the publish audited under whoever asked (the operator, or a staff account's actor id).
import type { OperationContext } from '../operation.ts'
import { auditOperation } from '../audit/operation-audit.ts'
import { loadPolicyFile } from './load.ts'
import { enqueueNoticeRound } from './notice-sender.ts'
import { PublishError, publishVersion, type PublishOutcome } from './versions.ts'

export interface PublishRequest {
  /** Who publishes: the operator (system:cli) or a staff member (staff:<account id>). */
  readonly actorId: string
  /** The policy file; the context's by default. */
  readonly policyPath?: string | undefined
  /** YYYY-MM-DD; today in the controller's time zone by default. */
  readonly effective?: string | undefined
  /** The content hash the publisher looked at: refused when the file changed since. */
  readonly expectedHash?: string | undefined
}

export async function publishPolicyFile(ctx: OperationContext, request: PublishRequest): Promise<PublishOutcome> {
  const policy = await loadPolicyFile(request.policyPath ?? ctx.policyPath)
  if (request.expectedHash !== undefined && request.expectedHash !== policy.contentHash) {
    throw new PublishError('draft_changed', 'the policy file changed after the page was opened: open the page again, read the changes, and publish again')
  }
  // Inside a running server the notices' round is enqueued with the version; otherwise the next
  // server start (or its 15-minute round) sends them.
  const jobs = ctx.runtime?.jobs
  const v = await publishVersion(ctx.database.db, policy, {
    effectiveDate: request.effective,
    now: ctx.now(),
    ...(jobs ? { onNoticesQueued: (tx, version) => enqueueNoticeRound(jobs, tx, version) } : {}),
  })
  const material = v.materialChanges.filter((c) => c.material)
  await auditOperation(ctx, [
    { actorId: request.actorId, action: 'policy.publish', subjectId: null, purpose: null, categories: [], decision: null, reason: `version:${v.version}:${v.contentHash.slice(0, 16)}` },
    ...material.map((c) => ({ actorId: request.actorId, action: 'policy.material_change', subjectId: null, purpose: c.purposeId, categories: [], decision: null, reason: `version:${v.version}` })),
  ])
  ctx.onChange?.()
  return v
}
