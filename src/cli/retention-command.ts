// `pledge retention run [--dry-run]`, `pledge retention forecast [--days N]`, `pledge retention runs`
// and `pledge subjects event ID EVENT --purpose P [--at DATE]`: registered on the program by main.ts.
// They run over a Runtime built here, or inside the running server that holds the embedded database.
import { peopleProgress } from './people-progress.ts'
import type { CommandUnknownOpts } from '@commander-js/extra-typings'
import { loadConfig, type ConfigOverrides } from '../config.ts'
import { openImportTarget, ImportTargetError } from '../import/target.ts'
import { AppError } from '../util/app-error.ts'
import { retentionOperations, formatForecast, formatReport } from '../retention/retention-operations.ts'
import type { RetentionForecast, RetentionReport } from '../retention/sweep.ts'
import { OperationError } from '../operation.ts'

/** A bar on a terminal; a line at every tenth otherwise. Counts only. */

async function withTarget<T>(overrides: ConfigOverrides, work: (target: Awaited<ReturnType<typeof openImportTarget>>) => Promise<T>): Promise<T> {
  let target
  try {
    target = await openImportTarget(loadConfig(overrides), retentionOperations)
  } catch (err) {
    if (err instanceof ImportTargetError) throw new OperationError(err.message)
    throw err
  }
  try {
    return await work(target)
  } catch (err) {
    if (err instanceof ImportTargetError || err instanceof AppError) throw new OperationError(err.message)
    throw err
  } finally {
    await target.close()
  }
}

export function registerRetentionCommands(program: CommandUnknownOpts, getConfigOverrides: () => ConfigOverrides): void {
  const retention = program.command('retention').description('the retention sweep: delete or anonymise what has reached the end of its storage period')

  retention
    .command('run')
    .description('run the sweep now (it also runs daily, PLEDGE_RETENTION_SCHEDULE); prints the run report: counts per action, purpose and category')
    .option('--dry-run', 'say what would be deleted or anonymised, change nothing')
    .option('--json', 'print the report as JSON (with the run id, for GET /v1/retention/runs/{id})')
    .action(async (opts) => {
      const report = await withTarget(getConfigOverrides(), async (target) => {
        if (target.runtime) {
          const progress = peopleProgress('retention', 'evaluated')
          try {
            return await target.runtime.retention.run({ dryRun: opts.dryRun === true, startedBy: 'cli', onProgress: (done, total) => progress.update(done, total) })
          } finally {
            progress.stop()
          }
        }
        process.stderr.write(`running inside the server at ${target.where} (its log shows the progress)\n`)
        return JSON.parse(await target.run('retention-run', { dryRun: opts.dryRun ? 'true' : undefined })) as RetentionReport
      })
      console.log(opts.json ? JSON.stringify(report, null, 2) : formatReport(report))
    })

  retention
    .command('forecast')
    .description('what the sweep will delete or anonymise in the coming days, per day, purpose and category (counts)')
    .option('--days <n>', 'how many days ahead (1 to 3660)', '90')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const forecast = await withTarget(getConfigOverrides(), async (target) => JSON.parse(await target.run('retention-forecast', { days: opts.days })) as RetentionForecast)
      console.log(opts.json ? JSON.stringify(forecast, null, 2) : formatForecast(forecast))
    })

  retention
    .command('runs')
    .description('the run reports, newest first')
    .action(async () => {
      const runs = await withTarget(getConfigOverrides(), async (target) => JSON.parse(await target.run('retention-runs', {})) as RetentionReport[])
      console.log(runs.length ? runs.map((r) => `${r.id}\t${r.startedAt}\t${r.status}${r.dryRun ? ' (dry run)' : ''}\t${r.evaluated} evaluated\t${r.subjects} touched\t${r.erased} erased`).join('\n') : 'no retention runs yet')
    })

  const subjects = program.command('subjects').description('people, by id (never their data)')
  subjects
    .command('event')
    .description('record a lifecycle event that starts a storage period (contract_ended, application_closed, …)')
    .argument('<id>', 'the subject id')
    .argument('<event>', 'a lifecycle event of the policy')
    .requiredOption('--purpose <purpose>', 'the purpose under which you know of the event (it must cover the person\'s type)')
    .option('--at <date>', 'when it happened (ISO 8601 date or date-time; default now)')
    .action(async (id, event, opts) => {
      const out = await withTarget(getConfigOverrides(), async (target) => JSON.parse(await target.run('subjects-event', { id, event, purpose: opts.purpose, at: opts.at })) as { at: string })
      console.log(`recorded ${event} for ${id} at ${out.at}`)
    })
}
