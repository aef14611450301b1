// What the staff benches start from: a migrated database with the example policy published, a
// runtime on a clock the bench moves (one TOTP step per login), and the app in-process.
import type { FastifyInstance } from 'fastify'
import { migrateToLatest, type Database } from '../src/db/database.ts'
import { loadConfig, DEFAULT_POLICY } from '../src/config.ts'
import { createLogger } from '../src/log.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { ensureFirstVersion } from '../src/policy/versions.ts'
import { createRuntime, type Runtime } from '../src/runtime.ts'
import { generateMasterKeyRing } from '../src/vault/master-key.ts'
import { buildApp } from '../src/http/app.ts'

export const FORM = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' }

export interface StaffBenchServer {
  readonly runtime: Runtime
  readonly app: FastifyInstance
  /** The bench's clock, in epoch milliseconds. */
  time(): number
  advance(ms: number): void
}

export async function startStaffBenchServer(database: Database, dataDir: string): Promise<StaffBenchServer> {
  await migrateToLatest(database.db)
  const filePolicy = await loadPolicyFile(DEFAULT_POLICY)
  await ensureFirstVersion(database.db, filePolicy)
  let t = Date.now()
  const config = loadConfig({ dataDir, port: 0 }, {})
  const runtime = await createRuntime({ config, database, logger: createLogger({ level: 'silent' }), filePolicy, keys: generateMasterKeyRing(), now: () => new Date(t), staffSessions: { attemptsPerMinutePerAddress: 1_000_000 } })
  const app = await buildApp(runtime)
  return { runtime, app, time: () => t, advance: (ms) => void (t += ms) }
}
