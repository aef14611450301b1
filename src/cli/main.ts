// The `pledge` command line.
import { readFileSync } from 'node:fs'
import { Command, Option } from '@commander-js/extra-typings'
import { loadConfig, ConfigError, type ConfigOverrides } from '../config.ts'
import { createLogger } from '../log.ts'
import { loadPolicyFile, PolicyError } from '../policy/load.ts'
import { PublishError } from '../policy/versions.ts'
import { OperationError } from '../operations.ts'
import { DataDirLockedError } from '../db/data-dir-lock.ts'
import { DatabaseOpenError } from '../db/database.ts'
import { MasterKeyError } from '../vault/master-key.ts'
import { viaDatabase } from './via-database.ts'
import { registerAuditCommands } from './audit-command.ts'
import { registerRetentionCommands } from './retention-command.ts'
import { registerImportCommand } from './import-command.ts'
import { registerStaffCommands } from './staff-command.ts'
import { registerNewsletterCommands } from './newsletter-command.ts'
import { registerContractCommands } from './contract-command.ts'
import { PLEDGE_VERSION } from '../version.ts'

const program = new Command()
  .name('pledge')
  .description('Pledge, the privacy statement that keeps itself')
  .version(PLEDGE_VERSION)
  .addOption(new Option('--data-dir <dir>', 'embedded database directory').env('PLEDGE_DATA_DIR'))
  .addOption(new Option('--database-url <url>', 'postgres:// URL (switches to PostgreSQL)').env('PLEDGE_DATABASE_URL'))
  .addOption(new Option('--policy <file>', 'policy file').env('PLEDGE_POLICY'))
  .showHelpAfterError()

function config() {
  const o = program.opts()
  const overrides: ConfigOverrides = {}
  if (o.dataDir) overrides.dataDir = o.dataDir
  if (o.databaseUrl) overrides.databaseUrl = o.databaseUrl
  if (o.policy) overrides.policy = o.policy
  return overrides
}

program
  .command('start')
  .description('start the server (embedded database unless PLEDGE_DATABASE_URL is set)')
  .addOption(new Option('--port <port>', 'port to listen on').env('PLEDGE_PORT'))
  .addOption(new Option('--host <host>', 'address to listen on').env('PLEDGE_HOST'))
  .addOption(new Option('--base-url <url>', 'public URL of this server, used in links and mails').env('PLEDGE_BASE_URL'))
  .action(async (opts) => {
    const cfg = loadConfig({ ...config(), ...(opts.port ? { port: opts.port } : {}), ...(opts.host ? { host: opts.host } : {}), ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) })
    const logger = createLogger({ level: cfg.logLevel })
    const { startServer } = await import('../server.ts')
    await startServer(cfg, logger)
  })

const policy = program.command('policy').description('check and publish the policy')

policy
  .command('check')
  .description('validate a policy file; exits 1 and lists every problem with its field path')
  .argument('[file]', 'policy file (default: PLEDGE_POLICY or the iXpole example)')
  .action(async (file) => {
    const path = file ?? loadConfig(config()).policyPath
    const p = await loadPolicyFile(path)
    console.log(`${path}: valid — ${p.purposes.length} purposes, ${p.categories.length} data categories, ${p.subjectTypes.length} subject types, content ${p.contentHash.slice(0, 12)}`)
  })

policy
  .command('publish')
  .description('publish the policy file as the next statement version')
  .option('--effective <date>', 'date (YYYY-MM-DD) from which the new version applies; default today')
  .action(async (opts) => {
    const cfg = loadConfig(config())
    console.log((await viaDatabase(cfg, 'publish', { effective: opts.effective, policyPath: cfg.policyPath })).output)
  })

policy
  .command('notices')
  .description('progress of the material-change notices of one version: counts by status (pending, sent, failed, no contact)')
  .argument('<version>', 'statement version number')
  .action(async (version) => {
    console.log((await viaDatabase(loadConfig(config()), 'notices', { version })).output)
  })

policy
  .command('versions')
  .description('list published statement versions: number, effective date, hash, materially changed purposes, notification status')
  .action(async () => {
    console.log((await viaDatabase(loadConfig(config()), 'versions', {})).output)
  })

program
  .command('statement')
  .description('print the privacy statement in force (or a given version)')
  .addOption(new Option('--lang <lang>', 'language').choices(['nl', 'fr', 'en']).default('en'))
  .addOption(new Option('--format <format>', 'output format').choices(['html', 'md']).default('html'))
  .option('--at-version <n>', 'a published version number instead of the one in force')
  .action(async (opts) => {
    process.stdout.write((await viaDatabase(loadConfig(config()), 'statement', { lang: opts.lang, format: opts.format, version: opts.atVersion })).output)
  })

const ropa = program
  .command('ropa')
  .description('print the records of processing activities (Art. 30(1) and 30(2)); `pledge ropa check` checks them against the statement and the running configuration')
  .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'html']).default('json'))
  .option('--at-version <n>', 'a published version number instead of the one in force')
  .action(async (opts) => {
    process.stdout.write(`${(await viaDatabase(loadConfig(config()), 'ropa', { format: opts.format, version: opts.atVersion })).output}\n`)
  })

ropa
  .command('check')
  .description('REQ-ROPA-04: check that the ROPA, the published statement and the running configuration agree (a recipient in use that the statement does not name fails it); exit 1 with the reasons')
  .action(async () => {
    console.log((await viaDatabase(loadConfig(config()), 'ropa-check', {})).output)
  })

const apikey = program.command('apikey').description('API keys for services')

apikey
  .command('create')
  .description('create a key; it is printed once, alone on the last line')
  .requiredOption('--name <name>', 'what the key is for, e.g. billing')
  .option('--purposes <list>', 'comma-separated purpose ids the key may use')
  .option('--intake', 'scope intake: a website backend may post the public newsletter and request forms for its visitors, in its own rate-limit bucket')
  .option('--tenant <id>', 'the customer this key acts for (processor purposes only)')
  .option('--recipient <id>', 'the policy recipient this key represents: every read becomes a recorded disclosure')
  .action(async (opts) => {
    console.log((await viaDatabase(loadConfig(config()), 'apikey-create', { name: opts.name, purposes: opts.purposes, intake: opts.intake ? 'true' : undefined, tenant: opts.tenant, recipient: opts.recipient })).output)
  })

apikey
  .command('revoke')
  .description('revoke a key by id, or by name when one active key has it')
  .argument('<key>', 'key id or name')
  .action(async (key) => {
    console.log((await viaDatabase(loadConfig(config()), 'apikey-revoke', { key })).output)
  })

apikey
  .command('list')
  .description('list keys: id, name, purposes, scopes, tenant, recipient, state (never the key itself)')
  .action(async () => {
    console.log((await viaDatabase(loadConfig(config()), 'apikey-list', {})).output)
  })

const processors = program.command('processors').description('the processor and transfer register: DPAs, mechanisms, evidence (the gate refuses recipients it does not cover)')

processors
  .command('list')
  .description('every recipient of the policy: role, country, DPA, and what the gate misses')
  .action(async () => {
    console.log((await viaDatabase(loadConfig(config()), 'processors-list', {})).output)
  })

processors
  .command('show')
  .description('one recipient\'s register row as JSON')
  .argument('<recipient>', 'recipient id of the policy')
  .action(async (recipient) => {
    console.log((await viaDatabase(loadConfig(config()), 'processors-show', { recipient })).output)
  })

processors
  .command('set')
  .description('enter or replace a recipient\'s register row from a JSON file (audited as the operator)')
  .argument('<recipient>', 'recipient id of the policy')
  .requiredOption('--file <file>', 'the entry as JSON (the shape of GET /v1/processors/{recipientId} .processor.entry)')
  .action(async (recipient, opts) => {
    let entry: string
    try {
      entry = readFileSync(opts.file, 'utf8')
    } catch (err) {
      throw new OperationError(`cannot read ${opts.file}: ${(err as Error).message}`)
    }
    console.log((await viaDatabase(loadConfig(config()), 'processors-set', { recipient, entry })).output)
  })

processors
  .command('remove')
  .description('remove a recipient\'s register row (audited): a processor is refused from then on')
  .argument('<recipient>', 'recipient id of the policy')
  .action(async (recipient) => {
    console.log((await viaDatabase(loadConfig(config()), 'processors-remove', { recipient })).output)
  })

processors
  .command('check')
  .description('warn about recipients the register does not cover (exit 0: a warning)')
  .action(async () => {
    console.log((await viaDatabase(loadConfig(config()), 'processors-check', {})).output)
  })

const requests = program.command('requests').description('data-subject requests (ids, states and dates; never the requester\'s address)')

requests
  .command('list')
  .description('requests by due date: id, type, status, channel, received, due, flags (OVERDUE, repeated, paused, customer)')
  .option('--status <status>', 'only this status, e.g. in_progress')
  .option('--overdue', 'only open requests past their due date')
  .option('--open', 'only open requests')
  .action(async (opts) => {
    console.log((await viaDatabase(loadConfig(config()), 'requests-list', { status: opts.status, overdue: opts.overdue ? 'true' : undefined, open: opts.open ? 'true' : undefined })).output)
  })

requests
  .command('show')
  .description('one request: its clock, verification, outcome and history')
  .argument('<id>', 'the request id')
  .action(async (id) => {
    console.log((await viaDatabase(loadConfig(config()), 'requests-show', { id })).output)
  })

const keys = program.command('keys').description('the master key')

keys
  .command('rotate')
  .description('re-wrap every data key under the newest master key version (no data is re-encrypted; resumable)')
  .action(async () => {
    console.log((await viaDatabase(loadConfig(config()), 'keys-rotate', {})).output)
  })

keys
  .command('generate')
  .description('write a new random master key to FILE (mode 0600), for PLEDGE_MASTER_KEY')
  .argument('<file>', 'where to write it (outside the data directory and its backups)')
  .action(async (file) => {
    const { generateMasterKeyFile } = await import('../vault/master-key.ts')
    generateMasterKeyFile(file)
    console.log(`wrote a new master key to ${file}; set PLEDGE_MASTER_KEY=${file}`)
  })

program
  .command('migrate')
  .description('apply database migrations (start does this too)')
  .action(async () => {
    console.log((await viaDatabase(loadConfig(config()), 'migrate', {})).output)
  })

registerAuditCommands(program, () => loadConfig(config()))
registerImportCommand(program, config)
registerRetentionCommands(program, config)
registerNewsletterCommands(program, config)
registerStaffCommands(program, () => loadConfig(config()))
registerContractCommands(program, processors, config)

try {
  await program.parseAsync(process.argv)
} catch (err) {
  if (err instanceof PolicyError || err instanceof ConfigError || err instanceof OperationError || err instanceof PublishError || err instanceof DataDirLockedError || err instanceof DatabaseOpenError || err instanceof MasterKeyError) {
    console.error(`pledge: ${err.message}`)
    process.exitCode = err instanceof OperationError ? err.exitCode : 1
  } else {
    console.error(`pledge: unexpected error: ${(err as Error).name}: ${(err as Error).message}`)
    process.exitCode = 1
  }
}
