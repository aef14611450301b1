// Runs a database command where the database is: directly (PostgreSQL, or an embedded directory
// no one holds), or through the running server that holds the embedded directory's lock.
import type { Config } from '../config.ts'
import { openDatabase, migrateToLatest } from '../db/database.ts'
import { serverHoldingDataDir, DataDirHeldError } from '../db/data-dir-server.ts'
import { runOperation, OperationError, type OperationResult } from '../operations.ts'

export async function viaDatabase(config: Config, name: string, args: Record<string, string | undefined>): Promise<OperationResult> {
  if (!config.databaseUrl) {
    let info
    try {
      info = serverHoldingDataDir(config.dataDir)
    } catch (err) {
      if (err instanceof DataDirHeldError) throw new OperationError(err.message)
      throw err
    }
    if (info) {
      const response = await fetch(`${info.url}/admin/operations/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-admin-token': info.token },
        body: JSON.stringify(args),
      })
      const body = (await response.json()) as OperationResult & { error?: { message: string } }
      if (!response.ok) throw new OperationError(body.error?.message ?? `the server answered ${response.status}`)
      return body
    }
  }
  const database = await openDatabase(config)
  try {
    await migrateToLatest(database.db)
    return await runOperation({ database, config, policyPath: config.policyPath, now: () => new Date() }, name, args)
  } finally {
    await database.close()
  }
}
