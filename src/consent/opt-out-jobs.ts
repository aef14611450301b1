// The hourly safety round that makes sure every direct-marketing opt-out reaches the mailing
// providers within 24 hours (REQ-CON-07), even when a crash fell between recording it and queueing
// its webhook: it looks back two days and queues what is missing (Newsletter.sweepOptOuts).
import type { Scheduler } from '../jobs/scheduler.ts'
import type { Newsletter } from './newsletter.ts'

export const OPT_OUT_SWEEP_QUEUE = 'newsletter-opt-out-sweep'
const LOOK_BACK_MS = 48 * 3600_000

export async function registerOptOutJobs(newsletter: Newsletter, jobs: Scheduler, now: () => Date): Promise<void> {
  await jobs.register(OPT_OUT_SWEEP_QUEUE, async () => void (await newsletter.sweepOptOuts(new Date(now().getTime() - LOOK_BACK_MS))), { retryLimit: 3, expireInSeconds: 600 })
}

/** At start: every hour, and once now. */
export async function startOptOutJobs(jobs: Scheduler): Promise<void> {
  await jobs.schedule(OPT_OUT_SWEEP_QUEUE, '17 * * * *')
  await jobs.enqueue(OPT_OUT_SWEEP_QUEUE, {})
}
