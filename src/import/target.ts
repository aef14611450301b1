// Where the import's operations run: in this process, over a Runtime built here (PostgreSQL, or an
// embedded directory no one holds), or inside the running server that holds the embedded directory,
// through its loopback admin endpoint.
import type { Config } from '../config.ts'
import { openDatabase, migrateToLatest, type Database } from '../db/database.ts'
import { serverHoldingDataDir, DataDirHeldError } from '../db/data-dir-server.ts'
import { loadPolicyFile } from '../policy/load.ts'
import { ensureFirstVersion } from '../policy/versions.ts'
import { loadMasterKeyRing } from '../vault/keyring.ts'
import { createLogger } from '../log.ts'
import type { OperationContext } from '../operation.ts'
import { createRuntime, type Runtime } from '../runtime.ts'
import { importOperations } from './import-operations.ts'

type Args = Record<string, string | undefined>

export interface ImportTarget {
  /** 'in-process' or the server's admin address. */
  readonly where: string
  run(name: string, args: Args): Promise<string>
  close(): Promise<void>
  /** The Runtime built in this process (in-process targets only): for progress a server cannot stream. */
  readonly runtime?: Runtime
}

type Operations = Record<string, (ctx: OperationContext, args: Args) => Promise<{ output: string }>>

/** The admin endpoint refused a request body this large: send fewer rows at a time. */
export class BodyTooLargeError extends Error {
  constructor() {
    super('the request body is larger than the server accepts')
    this.name = 'BodyTooLargeError'
  }
}

export class ImportTargetError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportTargetError'
  }
}

export async function openImportTarget(config: Config, operations: Operations = importOperations): Promise<ImportTarget> {
  if (!config.databaseUrl) {
    let info
    try {
      info = serverHoldingDataDir(config.dataDir)
    } catch (err) {
      if (err instanceof DataDirHeldError) throw new ImportTargetError(err.message)
      throw err
    }
    if (info) return serverTarget(info.url, info.token)
  }
  return inProcessTarget(config, operations)
}

function serverTarget(url: string, token: string): ImportTarget {
  return {
    where: url,
    async run(name, args) {
      const response = await fetch(`${url}/admin/operations/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-admin-token': token },
        body: JSON.stringify(args),
      })
      if (response.status === 413) throw new BodyTooLargeError()
      const body = (await response.json().catch(() => ({}))) as { output?: string; error?: { message?: string } | string; message?: string }
      if (!response.ok) {
        const message = typeof body.error === 'object' ? body.error?.message : body.message
        if (response.status === 404 || /unknown operation/.test(message ?? '')) {
          throw new ImportTargetError('the running server does not know the import operations (is it an older Pledge?); stop it, or upgrade it')
        }
        throw new ImportTargetError(message ?? `the server answered ${response.status}`)
      }
      return body.output ?? ''
    },
    async close() {},
  }
}

async function inProcessTarget(config: Config, operations: Operations): Promise<ImportTarget> {
  const logger = createLogger({ level: process.env.PLEDGE_LOG_LEVEL ?? 'warn' })
  const filePolicy = await loadPolicyFile(config.policyPath)
  const database: Database = await openDatabase(config)
  let runtime: Runtime | undefined
  try {
    await migrateToLatest(database.db)
    // As `pledge start` does on a new database: the policy file becomes version 1.
    await ensureFirstVersion(database.db, filePolicy)
    const { ring } = loadMasterKeyRing(config, database.mode, logger)
    runtime = await createRuntime({ config, database, logger, filePolicy, keys: ring })
  } catch (err) {
    await database.close()
    throw err
  }
  const ctx: OperationContext = { database, config, runtime, policyPath: config.policyPath, now: runtime.now }
  return {
    where: 'in-process',
    runtime,
    async run(name, args) {
      const op = operations[name]
      if (!op) throw new ImportTargetError(`unknown import operation ${name}`)
      return (await op(ctx, args)).output
    },
    async close() {
      try {
        await runtime?.close()
      } finally {
        await database.close()
      }
    },
  }
}
