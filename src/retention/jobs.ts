// The retention sweep on the durable scheduler: daily by default (PLEDGE_RETENTION_SCHEDULE, in
// the controller's time zone). pg-boss hands each scheduled job to one worker, and a second sweep
// cannot start while one runs (a unique index), so with several instances each run happens once.
import type { Scheduler } from '../jobs/scheduler.ts'
import type { Policy } from '../policy/policy.ts'
import { SWEEP_QUEUE, type RetentionSweep } from './sweep.ts'

export async function registerRetentionJobs(jobs: Scheduler, sweep: RetentionSweep): Promise<void> {
  await jobs.register(SWEEP_QUEUE, async () => void (await sweep.run({ startedBy: 'schedule' })), { retryLimit: 2, expireInSeconds: 6 * 3600 })
}

export async function startRetentionJobs(jobs: Scheduler, cron: string, policy: () => Policy): Promise<void> {
  await jobs.schedule(SWEEP_QUEUE, cron, {}, { timeZone: policy().controller.timeZone })
}
