// The retention sweep crash test's node and child process. `openSweepNode` builds a runtime on a
// data directory (embedded) or a PostgreSQL URL, the way `pledge start` does (migrate, publish
// version 1), with a fixed clock and PLEDGE_RETENTION_TAKEOVER_SECONDS=0 (a run that stopped beating
// is taken over at once). Run as a program, it sweeps with a small batch size and prints a line per
// batch ("batch EVALUATED TOTAL"), then "done REPORT"; the test kills it with SIGKILL in between.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/log.ts'
import { loadPolicyFile } from '../../src/policy/load.ts'
import { ensureFirstVersion } from '../../src/policy/versions.ts'
import { createRuntime, type Runtime } from '../../src/runtime.ts'
import { openEmbedded, openPostgres, migrateToLatest, type Database } from '../../src/db/database.ts'
import { parseMasterKey } from '../../src/vault/master-key.ts'
import { EXAMPLE_POLICY, templateTarball } from './paths.ts'

export interface SweepTarget {
  readonly dataDir: string
  readonly databaseUrl?: string | undefined
  readonly tombstones: string
  /** 32 bytes in base64. */
  readonly masterKey: string
}

export interface SweepNode {
  readonly runtime: Runtime
  readonly database: Database
  close(): Promise<void>
}

export async function openSweepNode(target: SweepTarget, now?: () => Date): Promise<SweepNode> {
  const database = target.databaseUrl
    ? await openPostgres(target.databaseUrl, { max: 4 })
    : await openEmbedded(target.dataDir, existsSync(join(target.dataDir, 'pg')) ? {} : { loadDataDir: new Blob([readFileSync(templateTarball())]) })
  try {
    await migrateToLatest(database.db)
    const filePolicy = await loadPolicyFile(EXAMPLE_POLICY)
    await ensureFirstVersion(database.db, filePolicy)
    const config = loadConfig(
      { dataDir: target.dataDir, policy: EXAMPLE_POLICY, port: 0, tombstones: target.tombstones, ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}) },
      { PLEDGE_RETENTION_TAKEOVER_SECONDS: '0' },
    )
    const runtime = await createRuntime({ config, database, logger: createLogger({ level: 'silent' }), filePolicy, keys: parseMasterKey(target.masterKey), ...(now ? { now } : {}) })
    return {
      runtime,
      database,
      async close() {
        try {
          await runtime.close()
        } finally {
          await database.close()
        }
      },
    }
  } catch (err) {
    await database.close()
    throw err
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = JSON.parse(process.env.SWEEP_TARGET!) as SweepTarget
  const at = new Date(process.env.SWEEP_NOW!)
  const batchSize = Number(process.env.SWEEP_BATCH ?? '20')
  const node = await openSweepNode(target, () => at)
  process.stdout.write('ready\n')
  const report = await node.runtime.retention.run({ startedBy: 'crash-child', batchSize, onProgress: (evaluated, total) => process.stdout.write(`batch ${evaluated} ${total}\n`) })
  process.stdout.write(`done ${JSON.stringify(report)}\n`)
  await node.close()
}
