// The request room's jobs on the durable scheduler: fulfilment of a verified request (at least once;
// Fulfilment.run is idempotent), and the daily round — staff reminders at D+20 and D+27, the overdue
// list, the end of legal retention duties for erased people, and expired codes and sessions (the
// requester's address goes with Pledge's own records, in the retention sweep).
import type { Scheduler } from '../jobs/scheduler.ts'
import type { Gate } from '../gate/gate.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { Policy } from '../policy/policy.ts'
import type { Logger } from '../log.ts'
import type { RequestService } from './service.ts'
import type { Fulfilment } from './fulfil.ts'
import { dateInZone } from '../util/dates.ts'
import { daysBetween } from './deadlines.ts'
import { sendArt14Notices } from './art14.ts'
import type { Vault } from '../vault/vault.ts'

export const FULFIL_QUEUE = 'request.fulfil'
export const DAILY_QUEUE = 'request.daily'

export interface RequestJobDeps {
  readonly jobs: Scheduler
  readonly requests: RequestService
  readonly fulfilment: Fulfilment
  readonly gate: Gate
  readonly vault: Vault
  readonly mailer: Mailer
  readonly baseUrl: string
  readonly policy: () => Policy
  readonly logger: Logger
  readonly now: () => Date
}

export async function registerRequestJobs(d: RequestJobDeps): Promise<void> {
  await d.jobs.register<{ requestId: string }>(FULFIL_QUEUE, async ({ requestId }) => d.fulfilment.run(requestId), { retryLimit: 8, retryDelaySeconds: 30, expireInSeconds: 600 })
  await d.jobs.register(DAILY_QUEUE, async () => void (await dailyRound(d)), { retryLimit: 3, expireInSeconds: 1800 })
  // With workers running (the server), verified requests become jobs; without (CLI, tests) the
  // work runs at once in the caller.
  d.requests.setScheduler(async (requestId) => {
    if (d.jobs.started) await d.jobs.enqueue(FULFIL_QUEUE, { requestId })
    else await d.fulfilment.run(requestId)
  })
}

/** Starts the cron and picks up requests left half-done by a stopped instance. */
export async function startRequestJobs(d: Pick<RequestJobDeps, 'jobs' | 'requests' | 'policy'>): Promise<number> {
  await d.jobs.schedule(DAILY_QUEUE, '0 7 * * *', {}, { timeZone: d.policy().controller.timeZone })
  const open = await d.requests.db.selectFrom('dsr_request').select('id').where('status', 'in', ['verified', 'in_progress']).execute()
  for (const r of open) await d.jobs.enqueue(FULFIL_QUEUE, { requestId: r.id })
  return open.length
}

export interface DailyReport {
  readonly reminded: number
  readonly overdue: number
  readonly retainedExpired: number
  readonly art14Sent: number
  /** Art. 14 notices that failed for now (not a missing address): still owed, tried again tomorrow. */
  readonly art14Failed: number
}

/** One daily round; safe to run twice on a day (reminders are keyed by request and day). */
export async function dailyRound(d: Omit<RequestJobDeps, 'jobs' | 'fulfilment'>): Promise<DailyReport> {
  const policy = d.policy()
  const today = dateInZone(d.now(), policy.controller.timeZone)
  const { reminders, overdue } = await d.requests.dueForReminder(today)
  if (reminders.length || overdue.length) {
    const line = (r: { id: string; type: string; dueAt: string; receivedAt: string }) =>
      `- ${r.id} (${r.type}): received ${r.receivedAt.slice(0, 10)}, due ${r.dueAt}, ${daysBetween(today, r.dueAt)} days left`
    const text = [
      `Data-subject requests needing attention on ${today}.`,
      '',
      reminders.length ? `Reminders (day 20 or 27 after receipt):\n${reminders.map(line).join('\n')}` : '',
      overdue.length ? `OVERDUE (the one-month deadline of Art. 12(3) has passed):\n${overdue.map(line).join('\n')}` : '',
      '',
      'Open them with GET /v1/staff/requests/<id>. This mail carries request ids only.',
    ].filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n')
    const contact = policy.controller.privacyContact?.email ?? policy.controller.email
    await d.mailer.send({ to: contact, subject: `[Pledge] ${reminders.length} reminder(s), ${overdue.length} overdue request(s)`, text, recipientHash: `staff:${contact}` })
  }
  const expired = await d.gate.expireRetained(d.now())
  await d.requests.sweepExpired()
  const art14 = await sendArt14Notices({ db: d.requests.db, gate: d.gate, vault: d.vault, mailer: d.mailer, policy: d.policy, baseUrl: d.baseUrl, now: d.now, logger: d.logger })
  const report = { reminded: reminders.length, overdue: overdue.length, retainedExpired: expired.expired.length, art14Sent: art14.sent, art14Failed: art14.failed }
  d.logger.info(report, 'daily request round')
  return report
}
