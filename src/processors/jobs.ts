// The processors room's jobs on the durable scheduler (REQ-PRC-03, REQ-TF-03): a daily round that
// sends pending sub-processor notices to customers who now have an endpoint, closes ended objection
// windows, raises review-date reminders and mails the open ones; and a reminder job queued when
// staff record a changed adequacy decision or certification. Both are idempotent (state checks,
// one reminder per recipient, kind and day).
import type { Scheduler } from '../jobs/scheduler.ts'
import type { SubprocessorNotices } from './subprocessor-notices.ts'
import type { ProcessorReminders } from './reminders.ts'

export const PROCESSOR_DAILY_QUEUE = 'processors.daily'
export const PROCESSOR_REMINDER_QUEUE = 'processors.reminder'

export interface ProcessorJobDeps {
  readonly notices: SubprocessorNotices
  readonly reminders: ProcessorReminders
}

export interface ProcessorRound {
  readonly noticesSent: number
  readonly windowsClosed: number
  readonly remindersRaised: number
  readonly remindersMailed: number
}

/** One daily round; safe to run twice on a day. */
export async function processorDailyRound(d: ProcessorJobDeps): Promise<ProcessorRound> {
  const noticesSent = await d.notices.deliverPending()
  const windowsClosed = await d.notices.closeWindows()
  const remindersRaised = await d.reminders.raiseReviewReminders()
  const remindersMailed = await d.reminders.mailOpen()
  return { noticesSent, windowsClosed, remindersRaised, remindersMailed }
}

export async function registerProcessorJobs(jobs: Scheduler, d: ProcessorJobDeps): Promise<void> {
  await jobs.register(PROCESSOR_DAILY_QUEUE, async () => void (await processorDailyRound(d)), { retryLimit: 3, expireInSeconds: 1800 })
  await jobs.register(PROCESSOR_REMINDER_QUEUE, async () => void (await d.reminders.mailOpen()), { retryLimit: 5, retryDelaySeconds: 60 })
}

/** Runs the daily round at 07:00 in the controller's time zone (the server calls it at start). */
export async function startProcessorJobs(jobs: Scheduler, timeZone: string): Promise<void> {
  await jobs.schedule(PROCESSOR_DAILY_QUEUE, '0 7 * * *', {}, { timeZone })
}
