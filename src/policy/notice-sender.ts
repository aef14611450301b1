// Sends the material-change notices (REQ-TR-04) on the durable scheduler, before the change takes
// effect. Publishing queues the notices (./notices.ts) and, in a running server, a round job in
// the same transaction; the round also runs every 15 minutes and at start, so a version published
// from the command line without a server is announced as soon as one runs.
//
// The round enqueues one send job per pending notice (idempotent: keyed by version and person).
// A send job acts as the declared system actor `policy-notices`: the gate opens the person's e-mail
// address and language under the notice purpose (audited as notice.read), the send is audited as
// policy.notice (subject id and version only, never the address), and the notice is marked sent.
// A send that fails is retried by the queue; after its last retry the notice is marked failed.
// When no notice of a version is pending any more, the version's notification_status settles.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Scheduler } from '../jobs/scheduler.ts'
import type { Gate } from '../gate/gate.ts'
import { GateDenied } from '../gate/gate.ts'
import type { Vault } from '../vault/vault.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Logger } from '../log.ts'
import { NOTICE_PURPOSE } from './builtin.ts'
import { defaultLanguage } from './policy.ts'
import { getVersion } from './versions.ts'
import { changesFor, pendingNotices, recordAttempt, settleNotice, settleVersion, noticeOf } from './notices.ts'
import { materialChangeNotice } from './notice-mail.ts'

export const NOTICE_ROUND_QUEUE = 'policy.notices'
export const NOTICE_SEND_QUEUE = 'policy.notice'
export const NOTICE_ACTOR = 'system:policy-notices'

export interface NoticeSenderDeps {
  readonly db: Kysely<DB>
  readonly gate: Gate
  readonly vault: Vault
  readonly mailer: Mailer
  readonly audit: AuditLog
  readonly baseUrl: string
  readonly now: () => Date
  readonly logger?: Pick<Logger, 'warn' | 'info'>
}

export interface NoticeQueueOptions {
  /** Retries of one send after the first attempt (default 4); after the last, the notice is failed. */
  readonly retryLimit?: number
  /** Seconds before the first retry, doubling (default 60). */
  readonly retryDelaySeconds?: number
}

type Outcome = 'sent' | 'no_contact' | 'not_pending'

/** Sends one pending notice. Throws when the mail could not be sent (the queue retries). */
export async function sendNotice(d: NoticeSenderDeps, version: number, subjectId: string): Promise<Outcome> {
  const notice = await noticeOf(d.db, version, subjectId)
  if (!notice || notice.status !== 'pending') return 'not_pending'
  const [next, previous] = await Promise.all([getVersion(d.db, version), getVersion(d.db, version - 1)])
  if (!next || !previous) throw new Error(`statement version ${version} or its predecessor is missing`)
  const actor = d.gate.systemActor('policy-notices')
  let recipient
  try {
    recipient = await d.gate.noticeRecipient(actor, subjectId)
  } catch (err) {
    // Erased or gone since the version was published: nobody to tell any more.
    if (err instanceof GateDenied && (err.reason === 'subject_erased' || err.reason === 'subject_not_found')) return settle(d, version, subjectId, 'no_contact')
    throw err
  }
  if (!recipient.email) return settle(d, version, subjectId, 'no_contact')
  const changes = changesFor(previous.policy, next.policy, next.materialChanges, recipient.type)
  if (changes.length === 0) return settle(d, version, subjectId, 'no_contact')
  if (!(await recordAttempt(d.db, version, subjectId))) return 'not_pending'
  // In the language the person is written to in; with none stored, the controller's (REQ-TR-13).
  const lang = recipient.language ?? defaultLanguage(next.policy)
  const content = materialChangeNotice(
    { previous: previous.policy, next: next.policy, changes, subjectType: recipient.type, version, previousVersion: previous.version, effectiveDate: next.effectiveDate, baseUrl: d.baseUrl },
    lang,
  )
  // Fail closed: the entry for the send is durable before the mail leaves. Ids only.
  await d.audit.append({ actorId: NOTICE_ACTOR, action: 'policy.notice', subjectId, purpose: NOTICE_PURPOSE, categories: ['contact.email'], decision: 'allow', reason: `version:${version}:${lang}` })
  await d.mailer.send({ to: recipient.email, subject: content.subject, text: content.text, html: content.html, recipientHash: (await d.vault.emailHashOf(subjectId)) ?? 'unknown' })
  return settle(d, version, subjectId, 'sent')
}

async function settle(d: NoticeSenderDeps, version: number, subjectId: string, status: 'sent' | 'no_contact' | 'failed'): Promise<Outcome> {
  const changed = await settleNotice(d.db, version, subjectId, status, d.now())
  if (status !== 'sent' && changed) {
    await d.audit.append({ actorId: NOTICE_ACTOR, action: 'policy.notice', subjectId, purpose: NOTICE_PURPOSE, categories: [], decision: null, reason: `version:${version}:${status}` })
  }
  await settleVersion(d.db, version)
  return changed ? (status === 'failed' ? 'not_pending' : status) : 'not_pending'
}

/** Marks a notice failed after the queue's last retry (audited, ids only). */
export async function failNotice(d: NoticeSenderDeps, version: number, subjectId: string): Promise<void> {
  await settle(d, version, subjectId, 'failed')
}

/** Enqueues a send job for every pending notice; returns how many were enqueued now. */
export async function noticeRound(d: NoticeSenderDeps, jobs: Scheduler): Promise<number> {
  let enqueued = 0
  let after: { version: number; subjectId: string } | undefined
  for (;;) {
    const page = await pendingNotices(d.db, 500, after)
    if (page.length === 0) break
    for (const n of page) if (await jobs.enqueue(NOTICE_SEND_QUEUE, { version: n.version, subjectId: n.subjectId }, { singletonKey: `${n.version}:${n.subjectId}` })) enqueued++
    if (page.length < 500) break
    after = page[page.length - 1]
  }
  if (enqueued) d.logger?.info({ enqueued }, 'material-change notices queued for sending')
  return enqueued
}

export async function registerNoticeJobs(d: NoticeSenderDeps, jobs: Scheduler, options: NoticeQueueOptions = {}): Promise<void> {
  const retryLimit = options.retryLimit ?? 4
  await jobs.register(NOTICE_ROUND_QUEUE, async () => void (await noticeRound(d, jobs)), { retryLimit: 3, expireInSeconds: 1800 })
  await jobs.register<{ version: number; subjectId: string }>(
    NOTICE_SEND_QUEUE,
    async ({ version, subjectId }, job) => {
      try {
        await sendNotice(d, version, subjectId)
      } catch (err) {
        // Ids only in the log; the queue retries, and after the last retry the notice is failed.
        d.logger?.warn({ version, subjectId, attempt: job.retryCount + 1, err: { type: (err as Error).name } }, 'material-change notice not sent')
        if (job.retryCount >= retryLimit) return failNotice(d, version, subjectId)
        throw err
      }
    },
    { retryLimit, retryDelaySeconds: options.retryDelaySeconds ?? 60, retryBackoff: true, expireInSeconds: 300 },
  )
}

/** At start: the round every 15 minutes, and once now for what is owed. */
export async function startNoticeJobs(jobs: Scheduler): Promise<void> {
  await jobs.schedule(NOTICE_ROUND_QUEUE, '*/15 * * * *')
  await jobs.enqueue(NOTICE_ROUND_QUEUE, {})
}

/** Inside the publishing transaction: the round that sends the version's notices, if the version commits. */
export async function enqueueNoticeRound(jobs: Scheduler, tx: Kysely<DB>, version: number): Promise<void> {
  await jobs.enqueue(NOTICE_ROUND_QUEUE, { version }, { transaction: tx, singletonKey: `publish:${version}` })
}
