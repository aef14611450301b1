// `pledge staff add|link|grant|approve|remove-role|disable|reset-2fa|undertaking|list`: registered on
// the program by main.ts; each is an operation (src/staff/staff-operations.ts).
import { Command } from '@commander-js/extra-typings'
import type { Config } from '../config.ts'
import { viaDatabase } from './via-database.ts'

export function registerStaffCommands(program: Command, config: () => Config): void {
  const staff = program.command('staff').description('staff accounts: people who sign in to the console (services use API keys)')
  const say = async (name: string, args: Record<string, string | undefined>) => console.log((await viaDatabase(config(), name, args)).output)

  staff
    .command('add')
    .description('open an account for a person with one role; prints their one-time setup link (24 h)')
    .argument('<email>', 'the person\'s work e-mail address')
    .requiredOption('--role <role>', 'staff_admin, or a staff role of the policy (a role that opens personal data takes effect once a staff administrator approves it)')
    .action(async (email, opts) => say('staff-add', { email, role: opts.role }))

  staff
    .command('link')
    .description('a new setup link for a person who has not finished their setup')
    .argument('<email>', 'e-mail address or account id')
    .action(async (email) => say('staff-link', { email }))

  staff
    .command('grant')
    .description('grant a role (one that opens personal data waits for a staff administrator\'s approval)')
    .argument('<email>', 'e-mail address or account id')
    .requiredOption('--role <role>', 'the role')
    .action(async (email, opts) => say('staff-grant', { email, role: opts.role }))

  staff
    .command('approve')
    .description('approve a role a staff administrator granted, as the second party (e.g. the first DPO)')
    .argument('<email>', 'e-mail address or account id')
    .requiredOption('--role <role>', 'the role')
    .action(async (email, opts) => say('staff-approve', { email, role: opts.role }))

  staff
    .command('remove-role')
    .description('take a role away')
    .argument('<email>', 'e-mail address or account id')
    .requiredOption('--role <role>', 'the role')
    .action(async (email, opts) => say('staff-remove-role', { email, role: opts.role }))

  staff
    .command('disable')
    .description('disable an account: its sessions end at once')
    .argument('<email>', 'e-mail address or account id')
    .action(async (email) => say('staff-disable', { email }))

  staff
    .command('reset-2fa')
    .description('reset a lost second factor: old codes and sessions stop working; prints a setup link to enrol a new one')
    .argument('<email>', 'e-mail address or account id')
    .action(async (email) => say('staff-reset-2fa', { email }))

  staff
    .command('undertaking')
    .description('record the date a person signed their confidentiality undertaking (REQ-SEC-07)')
    .argument('<email>', 'e-mail address or account id')
    .requiredOption('--signed <date>', 'YYYY-MM-DD')
    .option('--reference <ref>', 'where the signed document is filed')
    .action(async (email, opts) => say('staff-undertaking', { email, signed: opts.signed, reference: opts.reference }))

  staff
    .command('list')
    .description('accounts, their roles (and which await approval), undertakings, and when the access review is due')
    .action(async () => say('staff-list', {}))
}
