// The `pledge` command with the import wired in, for the tests, until src/cli/main.ts registers
// the import command and src/operations.ts merges the import operations. Once they do, the tests
// use bin/pledge.js itself (see pledge-command.ts).
//   node test/support/import-cli.js start | import FILE ...
import { Command, Option } from '@commander-js/extra-typings'
import { loadConfig, type ConfigOverrides } from '../../src/config.ts'
import { createLogger } from '../../src/log.ts'
import { operations, OperationError } from '../../src/operations.ts'
import { importOperations } from '../../src/import/import-operations.ts'
import { registerImportCommand } from '../../src/cli/import-command.ts'

for (const [name, op] of Object.entries(importOperations)) if (!operations[name]) operations[name] = op
const program = new Command()
  .name('pledge')
  .addOption(new Option('--data-dir <dir>').env('PLEDGE_DATA_DIR'))
  .addOption(new Option('--database-url <url>').env('PLEDGE_DATABASE_URL'))
  .addOption(new Option('--policy <file>').env('PLEDGE_POLICY'))
const config = (): ConfigOverrides => {
  const o = program.opts()
  return { ...(o.dataDir ? { dataDir: o.dataDir } : {}), ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}), ...(o.policy ? { policy: o.policy } : {}) }
}
program.command('start').action(async () => {
  const { startServer } = await import('../../src/server.ts')
  const cfg = loadConfig(config())
  await startServer(cfg, createLogger({ level: cfg.logLevel }))
})
registerImportCommand(program, config)
try {
  await program.parseAsync(process.argv)
} catch (err) {
  console.error(`pledge: ${err instanceof OperationError ? '' : `unexpected error: ${(err as Error).name}: `}${(err as Error).message}`)
  process.exitCode = err instanceof OperationError ? err.exitCode : 1
}

