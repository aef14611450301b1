// `pledge staff …` as operations (see src/operations.ts): run against the database, or inside the
// running server that holds the embedded one. The operator at the command line acts as
// `system:cli`: a staff administrator, and the second party that approves a role an account granted
// (the first DPO's, typically). Setup links go to standard output, for the operator who asked.
import { OperationError, type OperationContext, type OperationResult } from '../operation.ts'
import { auditOperation } from '../audit/operation-audit.ts'
import { versionInForce, latestVersion } from '../policy/versions.ts'
import type { Policy } from '../policy/policy.ts'
import { dateInZone } from '../util/dates.ts'
import { AppError } from '../util/app-error.ts'
import { OPERATOR_PARTY, StaffDirectory } from './accounts.ts'
import { setupLinkUrl } from './links.ts'
import { SETUP_LINK_HOURS } from './accounts.ts'

type Args = Record<string, string | undefined>

async function policyInForce(ctx: OperationContext): Promise<Policy> {
  if (ctx.runtime) return ctx.runtime.policy()
  const { loadPolicyFile } = await import('../policy/load.ts')
  const file = await loadPolicyFile(ctx.policyPath)
  const v = (await versionInForce(ctx.database.db, dateInZone(ctx.now(), file.controller.timeZone))) ?? (await latestVersion(ctx.database.db))
  if (!v) throw new OperationError('nothing is published yet: start Pledge once, or run `pledge policy publish`')
  return v.policy
}

async function directoryOf(ctx: OperationContext): Promise<StaffDirectory> {
  if (ctx.runtime) return ctx.runtime.staff.directory
  const policy = await policyInForce(ctx)
  return new StaffDirectory({
    db: ctx.database.db,
    // Each change is committed to the audit log, with a signed checkpoint, before the command ends.
    audit: {
      append: async (r) => (await auditOperation(ctx, [r]), 0),
      appendMany: async (rs) => (await auditOperation(ctx, rs), rs.map(() => 0)),
    },
    // No step of the command line opens a second factor's secret.
    secrets: {
      seal: () => {
        throw new OperationError('a second factor is enrolled on the setup page, not on the command line')
      },
      open: () => {
        throw new OperationError('a second factor is enrolled on the setup page, not on the command line')
      },
    },
    policy: () => policy,
    now: ctx.now,
  })
}

async function run(work: () => Promise<string>): Promise<OperationResult> {
  try {
    return { output: await work() }
  } catch (err) {
    if (err instanceof AppError) throw new OperationError(err.message)
    throw err
  }
}

const linkLines = (ctx: OperationContext, token: string, who: string) => [
  `setup link for ${who} (works once, for ${SETUP_LINK_HOURS} hours; give it to the person only):`,
  setupLinkUrl(ctx.config.baseUrl, token),
]

function need(args: Args, name: string, what: string): string {
  const v = args[name]
  if (!v) throw new OperationError(`give ${what}`)
  return v
}

export const staffOperations: Record<string, (ctx: OperationContext, args: Args) => Promise<OperationResult>> = {
  async 'staff-add'(ctx, args) {
    return run(async () => {
      const d = await directoryOf(ctx)
      const { account, token } = await d.add(OPERATOR_PARTY, need(args, 'email', 'the person\'s e-mail address'), need(args, 'role', '--role'))
      const role = account.roles[0]!
      return [
        `created staff account ${account.id} with role ${role.role}${role.inEffect ? '' : ' (it opens personal data: it takes effect once a staff administrator approves it — not you, who granted it)'}`,
        ...linkLines(ctx, token, account.email),
      ].join('\n')
    })
  },
  async 'staff-link'(ctx, args) {
    return run(async () => {
      const d = await directoryOf(ctx)
      const account = await d.find(need(args, 'email', 'the person\'s e-mail address or account id'))
      const { token } = await d.renewSetupLink(OPERATOR_PARTY, account.id)
      return linkLines(ctx, token, account.email).join('\n')
    })
  },
  async 'staff-grant'(ctx, args) {
    return run(async () => {
      const d = await directoryOf(ctx)
      const account = await d.find(need(args, 'email', 'the person\'s e-mail address or account id'))
      const r = await d.grantRole(OPERATOR_PARTY, account.id, need(args, 'role', '--role'))
      return `granted ${r.role} to ${account.id}${r.inEffect ? '' : ': it takes effect once a staff administrator approves it'}`
    })
  },
  async 'staff-approve'(ctx, args) {
    return run(async () => {
      const d = await directoryOf(ctx)
      const account = await d.find(need(args, 'email', 'the person\'s e-mail address or account id'))
      const r = await d.approveRole(OPERATOR_PARTY, account.id, need(args, 'role', '--role'))
      return `approved ${r.role} for ${account.id} (granted by ${r.grantedBy}): it is in effect`
    })
  },
  async 'staff-remove-role'(ctx, args) {
    return run(async () => {
      const d = await directoryOf(ctx)
      const account = await d.find(need(args, 'email', 'the person\'s e-mail address or account id'))
      const role = need(args, 'role', '--role')
      await d.removeRole(OPERATOR_PARTY, account.id, role)
      return `removed ${role} from ${account.id}`
    })
  },
  async 'staff-disable'(ctx, args) {
    return run(async () => {
      const d = await directoryOf(ctx)
      const account = await d.find(need(args, 'email', 'the person\'s e-mail address or account id'))
      await d.disable(OPERATOR_PARTY, account.id)
      return `disabled ${account.id}: its sessions have ended`
    })
  },
  async 'staff-reset-2fa'(ctx, args) {
    return run(async () => {
      const d = await directoryOf(ctx)
      const account = await d.find(need(args, 'email', 'the person\'s e-mail address or account id'))
      const { token } = await d.resetSecondFactor(OPERATOR_PARTY, account.id)
      return [`reset the second factor of ${account.id}: its codes and sessions no longer work`, ...linkLines(ctx, token, account.email)].join('\n')
    })
  },
  async 'staff-undertaking'(ctx, args) {
    return run(async () => {
      const d = await directoryOf(ctx)
      const account = await d.find(need(args, 'email', 'the person\'s e-mail address or account id'))
      const signed = need(args, 'signed', '--signed YYYY-MM-DD, the date the undertaking was signed')
      await d.recordUndertaking(OPERATOR_PARTY, account.id, signed, args.reference ?? null)
      return `recorded the confidentiality undertaking of ${account.id}, signed ${signed}`
    })
  },
  async 'staff-list'(ctx) {
    return run(async () => {
      const d = await directoryOf(ctx)
      const accounts = await d.list()
      const review = await d.recertification()
      const lines = accounts.map((a) => {
        const roles = a.roles.map((r) => (r.inEffect ? r.role : `${r.role}(awaiting approval)`)).join(',') || '-'
        return `${a.id}\t${a.email}\t${a.status}\t${roles}\t${a.undertakings.at(-1) ? `undertaking ${a.undertakings.at(-1)!.signedOn}` : 'no undertaking'}`
      })
      return [
        accounts.length ? 'id\temail\tstatus\troles\tconfidentiality' : 'no staff accounts yet: pledge staff add EMAIL --role staff_admin (or open the first-run link in PLEDGE_DATA_DIR/setup-link)',
        ...lines,
        `access review: ${review.last ? `last confirmed ${review.last.confirmedAt.slice(0, 10)} by ${review.last.confirmedBy}` : 'never confirmed'}; ${review.overdue ? 'DUE NOW (the dpo confirms it on their staff page)' : `next due by ${review.dueOn}`}`,
      ].join('\n')
    })
  },
}
