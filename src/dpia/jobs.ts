// The dpia room's daily round on the durable scheduler (REQ-DPIA-02, REQ-LB-05): raise the due
// reminders, resolve the stale ones, mail the new ones. Idempotent (one reminder per purpose, kind
// and date).
import type { Scheduler } from '../jobs/scheduler.ts'
import type { DpiaReminders } from './reminders.ts'

export const DPIA_DAILY_QUEUE = 'dpia.daily'

export async function dpiaDailyRound(reminders: DpiaReminders): Promise<{ raised: number; mailed: number }> {
  const raised = await reminders.raiseDue()
  const mailed = await reminders.mailOpen()
  return { raised, mailed }
}

export async function registerDpiaJobs(jobs: Scheduler, reminders: DpiaReminders): Promise<void> {
  await jobs.register(DPIA_DAILY_QUEUE, async () => void (await dpiaDailyRound(reminders)), { retryLimit: 3, expireInSeconds: 1800 })
}

/** Runs the daily round at 07:10 in the controller's time zone (the server calls it at start). */
export async function startDpiaJobs(jobs: Scheduler, timeZone: string): Promise<void> {
  await jobs.schedule(DPIA_DAILY_QUEUE, '10 7 * * *', {}, { timeZone })
}
