// The retention sweep (REQ-RT-02): walks every living person in batches (set-based: a handful of
// queries per batch, never one per person), asks the planner what each category's end is, and
// carries it out through the gate as the declared `retention` actor — deletes, anonymises into
// counts, moves under the retention key what only a legal duty still needs, erases people nothing
// else needs — then writes the run's report: counts per action, purpose and category, and the ids
// of the people touched, never a value.
//
// Resumable: a run's cursor and heartbeat are kept in its row after every batch. A run that stops
// beating (the process was killed) is taken over by the next one, from its cursor. Each batch's
// changes commit in one transaction in the vault, so a value is deleted or anonymised once or not
// at all; what a batch did is recorded before it is done (keyed, so a redone batch adds nothing).
import { sql, type Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../db/schema.ts'
import type { Gate } from '../gate/gate.ts'
import type { Actor } from '../gate/actor.ts'
import type { SubjectState } from '../gate/decide.ts'
import type { Policy } from '../policy/policy.ts'
import type { Logger } from '../log.ts'
import { AppError } from '../util/app-error.ts'
import { activeHoldsFor } from './legal-holds.ts'
import { planChanges, planRetention, type RetentionPlan } from './plan.ts'
import { forecastFor } from './forecast.ts'

export const SWEEP_QUEUE = 'retention.sweep'
export const DEFAULT_BATCH = 1000

export interface SweepDeps {
  readonly db: Kysely<DB>
  readonly gate: Gate
  readonly policy: () => Policy
  readonly now: () => Date
  readonly logger: Logger
  /** Tells a processor (webhook, else its registered mailbox, else an audit record): the Art. 19 channel. */
  readonly notify: (owner: string, event: string, payload: Record<string, unknown>) => Promise<string>
  /** Pledge's own records, pruned after the sweep by the rooms that own them (REQ-RT-05). */
  readonly ownRecords?: (now: Date) => Promise<Record<string, number>>
  /** A running run whose heartbeat is older than this is taken over (it was killed). */
  readonly takeoverAfterMs: number
}

export interface SweepOptions {
  readonly dryRun?: boolean
  readonly batchSize?: number
  /** Who started it: `schedule`, `cli`, or an actor id. */
  readonly startedBy: string
  readonly onProgress?: (evaluated: number, total: number) => void
}

export interface RetentionReport {
  readonly id: string
  readonly status: string
  readonly dryRun: boolean
  readonly startedBy: string
  readonly startedAt: string
  readonly finishedAt: string | null
  /** People evaluated. */
  readonly evaluated: number
  /** `action|purposes|category` → number of people (purposes joined with `+`). */
  readonly counts: Readonly<Record<string, number>>
  /** People erased (nothing but a legal duty needed them any more), and people whose data was touched. */
  readonly erased: number
  readonly subjects: number
  /** Processor instructions sent, per channel. */
  readonly instructions: Readonly<Record<string, number>>
  /** Own records pruned per kind (not in a dry run). */
  readonly ownRecords: Readonly<Record<string, number>>
  /** Nothing deleted for these people although their period ended: a restriction asks to keep it. */
  readonly blocked: number
  /** Whether this run took over one that had been stopped. */
  readonly resumed: boolean
}

export interface RetentionForecast {
  readonly from: string
  readonly until: string
  readonly days: number
  readonly evaluated: number
  readonly items: readonly { readonly date: string; readonly action: string; readonly category: string; readonly purposes: readonly string[]; readonly count: number; readonly subjectIds?: readonly string[] }[]
}

type Tally = Map<string, number>
const bump = (t: Tally, key: string, by = 1) => t.set(key, (t.get(key) ?? 0) + by)

/** The keys a plan adds to a run's counts (a person counts once per action, purposes and category). */
function planKeys(plan: RetentionPlan): { subjectId: string; category: string; action: string; purposes: string[] }[] {
  const rows: { subjectId: string; category: string; action: string; purposes: string[] }[] = []
  for (const a of plan.actions) {
    if (a.action === 'retain') rows.push({ subjectId: plan.subjectId, category: a.category, action: 'retain', purposes: [...new Set(a.kept.map((k) => k.purpose))].sort() })
    else rows.push({ subjectId: plan.subjectId, category: a.category, action: a.action, purposes: [...a.purposes] })
  }
  if (plan.outcome === 'erase') rows.push({ subjectId: plan.subjectId, category: '*', action: 'erase', purposes: [] })
  return rows
}

export class RetentionSweep {
  readonly #d: SweepDeps
  readonly #actor: Actor

  constructor(deps: SweepDeps) {
    this.#d = deps
    this.#actor = deps.gate.systemActor('retention')
  }

  async run(options: SweepOptions): Promise<RetentionReport> {
    const d = this.#d
    const dryRun = options.dryRun === true
    const batchSize = Math.max(1, Math.min(options.batchSize ?? DEFAULT_BATCH, 2000))
    const startedAt = d.now()
    const run = dryRun ? { id: uuidv7(), cursor: null as string | null, evaluated: 0, resumed: false } : await this.#begin(options.startedBy, startedAt)
    const total = await d.gate.retentionTotal(this.#actor)
    const dryTally: Tally = new Map()
    const drySubjects = new Set<string>()
    const instructions: Tally = new Map()
    let evaluated = run.evaluated
    let blocked = 0
    let cursor = run.cursor ?? undefined
    try {
      for (;;) {
        const now = d.now()
        const policy = d.policy()
        const batch = await d.gate.retentionBatch(this.#actor, cursor, batchSize)
        if (batch.states.length === 0) break
        const ids = batch.states.map((s) => s.id)
        const [holds, instructed] = await Promise.all([activeHoldsFor(d.db, ids), this.#instructed(ids)])
        const items: { plan: RetentionPlan; state: SubjectState }[] = []
        for (const state of batch.states) {
          const plan = planRetention({ policy, subject: state, categories: batch.categories.get(state.id) ?? [], holds: holds.get(state.id) ?? [], instructed: instructed.get(state.id) ?? new Set(), now })
          if (plan.blocked) blocked++
          if (planChanges(plan, false)) items.push({ plan, state })
        }
        if (dryRun) {
          for (const { plan } of items) for (const k of planKeys(plan)) (bump(dryTally, `${k.action}|${k.purposes.join('+')}|${k.category}`), drySubjects.add(k.subjectId))
        } else if (items.length) {
          await this.#recordIntents(run.id, items.map((i) => i.plan), now)
          // Processors are told first: a person erased by this batch is never seen again by a run
          // that takes over after a kill, so the instruction goes out at least once (a kill between
          // the notice and its row may send it twice).
          for (const { plan } of items) {
            for (const ins of plan.instructions) {
              const channel = await d.notify(`recipient:${ins.recipientId}`, `retention.${ins.action}`, { subjectId: plan.subjectId, purpose: ins.purpose, categories: [...ins.categories] })
              await d.db
                .insertInto('retention_instruction')
                .values({ subject_id: plan.subjectId, purpose: ins.purpose, recipient_id: ins.recipientId, action: ins.action, channel, sent_at: now })
                .onConflict((oc) => oc.doNothing())
                .execute()
              bump(instructions, channel)
            }
          }
          const changing = items.filter((i) => i.plan.actions.length > 0 || i.plan.outcome === 'erase')
          if (changing.length) await d.gate.applyRetention(this.#actor, run.id, changing, now)
        }
        evaluated += batch.states.length
        cursor = batch.last
        if (!dryRun) await d.db.updateTable('retention_run').set({ cursor: cursor ?? null, heartbeat_at: d.now(), evaluated }).where('id', '=', run.id).execute()
        options.onProgress?.(evaluated, Math.max(total, evaluated))
        if (batch.states.length < batchSize) break
      }
    } catch (err) {
      if (!dryRun) await d.db.updateTable('retention_run').set({ status: 'failed', finished_at: d.now() }).where('id', '=', run.id).execute()
      throw err
    }
    const ownRecords = !dryRun && d.ownRecords ? await d.ownRecords(d.now()) : {}
    const counts = dryRun ? Object.fromEntries([...dryTally].sort()) : await this.#counts(run.id)
    const finishedAt = d.now()
    const summary = { instructions: Object.fromEntries(instructions), ownRecords, blocked, resumed: run.resumed }
    const subjects = dryRun ? drySubjects.size : await this.#subjectCount(run.id)
    const erased = Object.entries(counts).filter(([k]) => k.startsWith('erase|')).reduce((n, [, v]) => n + v, 0)
    if (dryRun) {
      await d.db.insertInto('retention_run').values({ id: run.id, started_at: startedAt, heartbeat_at: finishedAt, finished_at: finishedAt, status: 'done', dry_run: true, started_by: options.startedBy, evaluated, cursor: null, counts: JSON.stringify({ counts, ...summary, subjects }) }).execute()
    } else {
      await d.db.updateTable('retention_run').set({ status: 'done', finished_at: finishedAt, heartbeat_at: finishedAt, evaluated, counts: JSON.stringify({ counts, ...summary, subjects }) }).where('id', '=', run.id).execute()
    }
    const report: RetentionReport = { id: run.id, status: 'done', dryRun, startedBy: options.startedBy, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), evaluated, counts, erased, subjects, ...summary }
    d.logger.info({ run: report.id, dryRun, evaluated, erased, subjects: report.subjects, blocked }, 'retention sweep')
    return report
  }

  /** Starts a run, or takes over one that stopped beating; refuses while another one runs. */
  async #begin(startedBy: string, now: Date): Promise<{ id: string; cursor: string | null; evaluated: number; resumed: boolean }> {
    const d = this.#d
    const running = await d.db.selectFrom('retention_run').select(['id', 'cursor', 'evaluated', 'heartbeat_at', 'started_at']).where('status', '=', 'running').executeTakeFirst()
    if (running) {
      const beat = new Date(running.heartbeat_at).getTime()
      if (now.getTime() - beat < d.takeoverAfterMs) {
        throw new AppError(409, 'sweep_running', `a retention sweep (run ${running.id}) is running since ${new Date(running.started_at).toISOString()}: wait for it to finish`)
      }
      // Taken over only if nobody else took it over meanwhile (the heartbeat is compared).
      const taken = await d.db.updateTable('retention_run').set({ heartbeat_at: now, started_by: startedBy }).where('id', '=', running.id).where('status', '=', 'running').where('heartbeat_at', '=', running.heartbeat_at).returning('id').execute()
      if (taken.length === 0) throw new AppError(409, 'sweep_running', 'another instance took over the stopped retention sweep')
      d.logger.warn({ run: running.id }, 'retention sweep taken over after it stopped')
      return { id: running.id, cursor: running.cursor, evaluated: running.evaluated, resumed: true }
    }
    const id = uuidv7()
    try {
      await d.db.insertInto('retention_run').values({ id, started_at: now, heartbeat_at: now, status: 'running', dry_run: false, started_by: startedBy, evaluated: 0, cursor: null, counts: '{}' }).execute()
    } catch (err) {
      // The unique index on running runs: another instance started at the same moment.
      throw new AppError(409, 'sweep_running', 'another retention sweep started at the same moment', { cause: (err as Error).message.slice(0, 200) })
    }
    return { id, cursor: null, evaluated: 0, resumed: false }
  }

  async #instructed(ids: readonly string[]): Promise<Map<string, Set<string>>> {
    const rows = await this.#d.db.selectFrom('retention_instruction').select(['subject_id', 'purpose', 'recipient_id']).where('subject_id', 'in', [...ids]).execute()
    const out = new Map<string, Set<string>>()
    for (const r of rows) {
      const set = out.get(r.subject_id) ?? new Set()
      set.add(`${r.purpose}|${r.recipient_id}`)
      out.set(r.subject_id, set)
    }
    return out
  }

  async #recordIntents(runId: string, plans: readonly RetentionPlan[], now: Date): Promise<void> {
    const rows = plans.flatMap(planKeys).map((k) => ({ run_id: runId, subject_id: k.subjectId, category: k.category, action: k.action, purposes: JSON.stringify(k.purposes), at: now }))
    for (let i = 0; i < rows.length; i += 1000) await this.#d.db.insertInto('retention_run_subject').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.doNothing()).execute()
  }

  async #counts(runId: string): Promise<Record<string, number>> {
    const rows = await sql<{ action: string; purposes: string[] | string; category: string; n: string | number }>`
      select action, purposes, category, count(*) as n from retention_run_subject where run_id = ${runId} group by action, purposes, category`.execute(this.#d.db)
    const out: Record<string, number> = {}
    for (const r of rows.rows) {
      const purposes = purposesOf(r.purposes)
      out[`${r.action}|${purposes.join('+')}|${r.category}`] = Number(r.n)
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)))
  }

  async #subjectCount(runId: string): Promise<number> {
    const row = await sql<{ n: string | number }>`select count(distinct subject_id) as n from retention_run_subject where run_id = ${runId}`.execute(this.#d.db)
    return Number(row.rows[0]?.n ?? 0)
  }

  /**
   * What will be deleted, anonymised, moved under the retention key or erased in the next `days`
   * days, per day, action, purposes and category: counts for every caller, subject ids only for the
   * purposes the actor serves. Walks the same batches as the sweep, changes nothing.
   */
  async forecast(actor: Actor, days: number): Promise<RetentionForecast> {
    const d = this.#d
    await d.gate.authorizeRetentionReports(actor)
    const from = d.now()
    const until = new Date(from.getTime() + days * 86_400_000)
    const policy = d.policy()
    const groups = new Map<string, { date: string; action: string; category: string; purposes: readonly string[]; count: number; subjectIds: string[] }>()
    let cursor: string | undefined
    let evaluated = 0
    for (;;) {
      const batch = await d.gate.retentionBatch(this.#actor, cursor, DEFAULT_BATCH)
      if (batch.states.length === 0) break
      const holds = await activeHoldsFor(d.db, batch.states.map((s) => s.id))
      for (const state of batch.states) {
        for (const item of forecastFor({ policy, subject: state, categories: batch.categories.get(state.id) ?? [], holds: holds.get(state.id) ?? [], from, until })) {
          const key = `${item.date}|${item.action}|${item.purposes.join('+')}|${item.category}`
          const g = groups.get(key) ?? { ...item, count: 0, subjectIds: [] }
          g.count++
          g.subjectIds.push(state.id)
          groups.set(key, g)
        }
      }
      evaluated += batch.states.length
      cursor = batch.last
      if (batch.states.length < DEFAULT_BATCH) break
    }
    const all = [...groups.values()]
    const named = d.gate.purposesNamedFor(actor, [...new Set(all.flatMap((g) => g.purposes))])
    const items = all
      .sort((a, b) => a.date.localeCompare(b.date) || a.action.localeCompare(b.action) || a.category.localeCompare(b.category))
      .map((g) => ({ date: g.date, action: g.action, category: g.category, purposes: [...g.purposes], count: g.count, ...(g.purposes.some((p) => named.has(p)) ? { subjectIds: g.subjectIds.sort() } : {}) }))
    return { from: from.toISOString(), until: until.toISOString(), days, evaluated, items }
  }

  // ----- reports -----

  async runs(actor: Actor, limit = 50): Promise<RetentionReport[]> {
    await this.#d.gate.authorizeRetentionReports(actor)
    const rows = await this.#d.db.selectFrom('retention_run').selectAll().orderBy('started_at', 'desc').limit(Math.max(1, Math.min(limit, 500))).execute()
    return rows.map(reportOf)
  }

  async report(actor: Actor, runId: string): Promise<RetentionReport | undefined> {
    await this.#d.gate.authorizeRetentionReports(actor)
    const row = await this.#d.db.selectFrom('retention_run').selectAll().where('id', '=', runId).executeTakeFirst()
    return row ? reportOf(row) : undefined
  }

  /** The people a run touched, per action and category, with the purposes; only those the actor may see named. */
  async touched(actor: Actor, runId: string): Promise<{ subjectId: string; category: string; action: string; purposes: string[] }[]> {
    await this.#d.gate.authorizeRetentionReports(actor)
    const rows = await this.#d.db.selectFrom('retention_run_subject').select(['subject_id', 'category', 'action', 'purposes']).where('run_id', '=', runId).orderBy('subject_id').orderBy('category').execute()
    const all = [...new Set(rows.flatMap((r) => purposesOf(r.purposes)))]
    const named = this.#d.gate.purposesNamedFor(actor, all)
    return rows
      .map((r) => ({ subjectId: r.subject_id, category: r.category, action: r.action, purposes: purposesOf(r.purposes) }))
      .filter((r) => r.purposes.some((p) => named.has(p)))
  }

  /** What the sweep did to one person since a date (REQ-AC-10: listed in an open access request's answer). */
  async eventsOf(subjectId: string, since: Date): Promise<{ category: string; action: string; purposes: string[]; at: string }[]> {
    const rows = await this.#d.db
      .selectFrom('retention_run_subject')
      .innerJoin('retention_run', 'retention_run.id', 'retention_run_subject.run_id')
      .select(['retention_run_subject.category', 'retention_run_subject.action', 'retention_run_subject.purposes', 'retention_run_subject.at'])
      .where('retention_run_subject.subject_id', '=', subjectId)
      .where('retention_run_subject.at', '>=', since)
      .where('retention_run.dry_run', '=', false)
      .orderBy('retention_run_subject.at')
      .execute()
    return rows.map((r) => ({ category: r.category, action: r.action, purposes: purposesOf(r.purposes), at: new Date(r.at).toISOString() }))
  }

  /** Run reports older than `before` go, with the people they list (REQ-RT-05). */
  async pruneReports(before: Date): Promise<number> {
    const gone = await this.#d.db.deleteFrom('retention_run').where('status', '!=', 'running').where('started_at', '<', before).executeTakeFirst()
    return Number(gone.numDeletedRows)
  }
}

/** The purposes column: jsonb arrives parsed from PostgreSQL, as text from some drivers. */
const purposesOf = (value: string[] | string): string[] => (typeof value === 'string' ? (JSON.parse(value) as string[]) : value)

type RunRow = { id: string; status: string; dry_run: boolean; started_by: string; started_at: Date; finished_at: Date | null; evaluated: number; counts: unknown }

function reportOf(row: RunRow): RetentionReport {
  const stored = (typeof row.counts === 'string' ? JSON.parse(row.counts) : row.counts) as Partial<RetentionReport> & { counts?: Record<string, number> }
  const counts = stored.counts ?? {}
  return {
    id: row.id,
    status: row.status,
    dryRun: row.dry_run,
    startedBy: row.started_by,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    evaluated: row.evaluated,
    counts,
    erased: Object.entries(counts).filter(([k]) => k.startsWith('erase|')).reduce((n, [, v]) => n + v, 0),
    subjects: stored.subjects ?? 0,
    instructions: stored.instructions ?? {},
    ownRecords: stored.ownRecords ?? {},
    blocked: stored.blocked ?? 0,
    resumed: stored.resumed ?? false,
  }
}
