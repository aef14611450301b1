// The retention commands as operations: they run in the CLI process (over a Runtime built there)
// or inside the running server that holds the embedded database (its admin endpoint). Answers are
// JSON: counts, dates, ids and codes — never a value.
import { OperationError, type OperationContext, type OperationResult } from '../operation.ts'
import type { Runtime } from '../runtime.ts'
import { GateDenied } from '../gate/gate.ts'
import { isUuid } from '../util/ids.ts'
import { AppError } from '../util/app-error.ts'
import type { RetentionForecast, RetentionReport } from './sweep.ts'

type Args = Record<string, string | undefined>

function runtimeOf(ctx: OperationContext): Runtime {
  if (!ctx.runtime) throw new OperationError('this command needs a Runtime (it was called without one)')
  return ctx.runtime
}

export function parseDays(value: string | undefined): number {
  const days = Number(value ?? '90')
  if (!/^\d{1,4}$/.test(value ?? '90') || days < 1 || days > 3660) throw new OperationError(`--days must be a whole number of days from 1 to 3660, got "${(value ?? '').slice(0, 16)}"`)
  return days
}

export const retentionOperations: Record<string, (ctx: OperationContext, args: Args) => Promise<OperationResult>> = {
  async 'retention-run'(ctx, args) {
    const runtime = runtimeOf(ctx)
    try {
      const report = await runtime.retention.run({ dryRun: args.dryRun === 'true', startedBy: 'cli' })
      return { output: JSON.stringify(report) }
    } catch (err) {
      if (err instanceof AppError) throw new OperationError(err.message)
      throw err
    }
  },

  async 'retention-forecast'(ctx, args) {
    const runtime = runtimeOf(ctx)
    const forecast = await runtime.retention.forecast(runtime.gate.systemActor('retention'), parseDays(args.days))
    return { output: JSON.stringify(forecast) }
  },

  async 'retention-runs'(ctx) {
    const runtime = runtimeOf(ctx)
    return { output: JSON.stringify(await runtime.retention.runs(runtime.gate.systemActor('retention'))) }
  },

  /** A lifecycle event the company's systems know (contract ended, application closed), recorded under a purpose. */
  async 'subjects-event'(ctx, args) {
    const runtime = runtimeOf(ctx)
    const id = (args.id ?? '').toLowerCase()
    if (!isUuid(id)) throw new OperationError('give the subject id (a UUID)')
    const event = args.event ?? ''
    if (!/^[a-z][a-z0-9_.]{0,63}$/.test(event)) throw new OperationError(`the event must be a lifecycle event id of the policy (${runtime.policy().events.join(', ')})`)
    let at = runtime.now()
    if (args.at !== undefined) {
      if (args.at.length > 40) throw new OperationError('--at must be an ISO 8601 date or date-time')
      at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(args.at) ? `${args.at}T12:00:00Z` : args.at)
      if (Number.isNaN(at.getTime())) throw new OperationError(`--at must be an ISO 8601 date or date-time, got "${args.at.slice(0, 40)}"`)
      if (at.getTime() > runtime.now().getTime() + 24 * 3600_000) throw new OperationError('--at is more than a day in the future: record events when they happen')
    }
    try {
      const actor = runtime.gate.operatorActor(args.purpose ?? '')
      const recorded = await runtime.gate.recordEvent(actor, id, event, at)
      return { output: JSON.stringify({ id: recorded.id, subjectId: id, event, at: at.toISOString() }) }
    } catch (err) {
      if (err instanceof GateDenied) throw new OperationError(`${err.reason}: ${err.message}`)
      throw err
    }
  },
}

/** The run report as a person reads it. */
export function formatReport(r: RetentionReport): string {
  const lines = [
    `retention run ${r.id}${r.dryRun ? ' (dry run: nothing was changed)' : ''}${r.resumed ? ' (took over a run that had stopped)' : ''}`,
    `started ${r.startedAt} by ${r.startedBy}, finished ${r.finishedAt ?? '-'}: ${r.status}`,
    `people evaluated: ${r.evaluated}; ${r.dryRun ? 'would be touched' : 'touched'}: ${r.subjects}; erased: ${r.erased}; kept by a restriction: ${r.blocked}`,
  ]
  const entries = Object.entries(r.counts)
  if (entries.length) {
    lines.push('', 'action\tpurposes\tcategory\tpeople')
    for (const [k, n] of entries) lines.push(`${k.split('|').map((x) => x || '-').join('\t')}\t${n}`)
  } else lines.push('nothing has reached the end of its storage period')
  if (Object.keys(r.instructions).length) lines.push('', `processor instructions sent: ${Object.entries(r.instructions).map(([c, n]) => `${n} by ${c}`).join(', ')}`)
  if (Object.keys(r.ownRecords).length) lines.push('', `own records pruned: ${Object.entries(r.ownRecords).map(([k, n]) => `${k} ${n}`).join(', ')}`)
  return lines.join('\n')
}

export function formatForecast(f: RetentionForecast): string {
  if (f.items.length === 0) return `nothing reaches the end of its storage period in the next ${f.days} days (${f.evaluated} people evaluated)`
  return [`in the next ${f.days} days (${f.evaluated} people evaluated):`, 'date\taction\tpurposes\tcategory\tpeople', ...f.items.map((i) => `${i.date}\t${i.action}\t${i.purposes.join('+') || '-'}\t${i.category}\t${i.count}`)].join('\n')
}
