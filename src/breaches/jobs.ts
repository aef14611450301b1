// The breach clock on the durable scheduler (REQ-BR-02): a round every 15 minutes, and one job at
// each mark (24, 48, 66 hours after aware_at) queued when awareness is recorded. The round is
// idempotent (one alert per breach and mark), so a mark's job and the round never alert twice.
import type { Scheduler } from '../jobs/scheduler.ts'
import type { BreachRegister } from './register.ts'

export const BREACH_CLOCK_QUEUE = 'breaches.clock'

export async function registerBreachJobs(jobs: Scheduler, breaches: () => BreachRegister): Promise<void> {
  await jobs.register(BREACH_CLOCK_QUEUE, async () => void (await breaches().alertRound()), { retryLimit: 5, retryDelaySeconds: 60, expireInSeconds: 900 })
}

/** Runs the round every 15 minutes (the server calls it at start). */
export async function startBreachJobs(jobs: Scheduler): Promise<void> {
  await jobs.schedule(BREACH_CLOCK_QUEUE, '*/15 * * * *', {})
}
