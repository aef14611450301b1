// `pledge requests list` and `pledge requests show` for the privacy team, as operations (see
// src/operations.ts): run against the database, or inside the running server that holds the
// embedded one. Ids, types, states and dates only: the requester's address stays sealed.
import { OperationError, type OperationContext, type OperationResult } from '../operation.ts'
import { loadPolicyFile } from '../policy/load.ts'
import { dateInZone } from '../util/dates.ts'
import { REQUEST_STATUSES } from './types.ts'
import { isOpen } from './states.ts'
import { isUuid } from '../util/ids.ts'
import type { RequestStatus } from './types.ts'

type Args = Record<string, string | undefined>

async function today(ctx: OperationContext): Promise<string> {
  const policy = ctx.runtime?.policy() ?? (await loadPolicyFile(ctx.policyPath))
  return dateInZone(ctx.now(), policy.controller.timeZone)
}

export const requestOperations: Record<string, (ctx: OperationContext, args: Args) => Promise<OperationResult>> = {
  async 'requests-list'(ctx, args) {
    if (args.status && !(REQUEST_STATUSES as readonly string[]).includes(args.status)) {
      throw new OperationError(`--status must be one of ${REQUEST_STATUSES.join(', ')}, got "${args.status}"`)
    }
    const day = await today(ctx)
    let q = ctx.database.db.selectFrom('dsr_request').select(['id', 'type', 'status', 'channel', 'received_on', 'due_on', 'tenant_id', 'repeat_of', 'paused_on', 'closed_at']).orderBy('due_on').orderBy('received_at').limit(1000)
    if (args.status) q = q.where('status', '=', args.status)
    if (args.overdue === 'true') q = q.where('closed_at', 'is', null).where('due_on', '<', day)
    if (args.open === 'true') q = q.where('closed_at', 'is', null)
    const rows = await q.execute()
    if (!rows.length) return { output: args.overdue === 'true' ? 'no overdue requests' : 'no requests' }
    const header = 'id\ttype\tstatus\tchannel\treceived\tdue\tflags'
    const lines = rows.map((r) => {
      const flags = [
        isOpen(r.status as RequestStatus) && r.due_on < day ? 'OVERDUE' : '',
        r.repeat_of ? 'repeated' : '',
        r.paused_on ? 'paused' : '',
        r.tenant_id ? `customer:${r.tenant_id}` : '',
      ].filter(Boolean)
      return `${r.id}\t${r.type}\t${r.status}\t${r.channel}\t${r.received_on}\t${r.due_on}\t${flags.join(',') || '-'}`
    })
    return { output: [header, ...lines].join('\n') }
  },

  async 'requests-show'(ctx, args) {
    const id = args.id ?? ''
    if (!isUuid(id)) throw new OperationError('give the request id (a UUID, from `pledge requests list`)')
    const r = await ctx.database.db.selectFrom('dsr_request').selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw new OperationError(`no request ${id}`)
    const events = await ctx.database.db.selectFrom('dsr_event').selectAll().where('request_id', '=', id).orderBy('at').orderBy('id').execute()
    const lines = [
      `request ${r.id}`,
      `type: ${r.type}`,
      `status: ${r.status}`,
      `channel: ${r.channel}, language: ${r.lang}`,
      `received: ${new Date(r.received_at).toISOString()} (${r.received_on})`,
      `due: ${r.due_on}${r.extension_months ? ` (extended by ${r.extension_months} month(s): ${r.extension_reason ?? ''})` : ''}${r.paused_days ? `, ${r.paused_days} day(s) paused` : ''}${r.paused_on ? `, paused since ${r.paused_on}` : ''}`,
      `verified: ${r.verified_at ? `${new Date(r.verified_at).toISOString()} by ${r.verified_by} (${r.verification_method})` : 'no'}`,
      `subjects: ${r.subject_ids.length ? r.subject_ids.join(', ') : '-'}${r.tenant_id ? ` (customer ${r.tenant_id})` : ''}`,
      ...(r.repeat_of ? [`repeated: earlier request ${r.repeat_of}`] : []),
      ...(r.intended ? [`announced: ${r.intended}${r.fee_cents ? ` of ${(r.fee_cents / 100).toFixed(2)} EUR` : ''}`] : []),
      ...(r.outcome ? [`outcome: ${JSON.stringify(r.outcome)}`] : []),
      'history:',
      ...events.map((e) => `  ${new Date(e.at).toISOString()}  ${e.from_status ?? '-'} → ${e.to_status}  ${e.action}  (${e.actor_id})`),
    ]
    return { output: lines.join('\n') }
  },
}
