// `pledge audit …` commands. Registered on the program by main.ts: registerAuditCommands(program, () => loadConfig(config())).
import type { CommandUnknownOpts } from '@commander-js/extra-typings'
import type { Config } from '../config.ts'
import { viaDatabase } from './via-database.ts'

export function registerAuditCommands(program: CommandUnknownOpts, getConfig: () => Config): void {
  const audit = program.command('audit').description('the tamper-evident audit log')
  audit
    .command('verify')
    .description('verify the audit hash chain, its signed checkpoints and the signed head file; exits 1 naming the first bad sequence number')
    .option('--page-size <n>', 'entries read per query (default 10000)')
    .option('--first-run', 'the log is new: without a witness, a missing signed head file is then no failure')
    .action(async (opts: { pageSize?: string; firstRun?: boolean }) => {
      console.log((await viaDatabase(getConfig(), 'audit-verify', { pageSize: opts.pageSize, ...(opts.firstRun ? { firstRun: 'true' } : {}) })).output)
    })
}
