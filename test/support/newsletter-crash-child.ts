// The campaign crash test's node and child process. `openCampaignNode` builds a runtime on a data
// directory (embedded) or a PostgreSQL URL the way `pledge start` does, mailing through the given
// SMTP server. Run as a program, it records a campaign, prints "campaign ID", and sends it; the
// test kills it with SIGKILL while a mail is in flight (the SMTP server holds one without answering).
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

export interface CampaignTarget {
  readonly dataDir: string
  readonly databaseUrl?: string | undefined
  readonly tombstones: string
  /** 32 bytes in base64. */
  readonly masterKey: string
  readonly smtpUrl: string
}

export interface CampaignNode {
  readonly runtime: Runtime
  readonly database: Database
  close(): Promise<void>
}

export const CRASH_CONTENT = { default: { subject: 'Crash news', html: '<p>Once only.</p>' } }

export async function openCampaignNode(target: CampaignTarget): Promise<CampaignNode> {
  const database = target.databaseUrl
    ? await openPostgres(target.databaseUrl, { max: 4 })
    : await openEmbedded(target.dataDir, existsSync(join(target.dataDir, 'pg')) ? {} : { loadDataDir: new Blob([readFileSync(templateTarball())]) })
  try {
    await migrateToLatest(database.db)
    const filePolicy = await loadPolicyFile(EXAMPLE_POLICY)
    await ensureFirstVersion(database.db, filePolicy)
    const config = loadConfig({ dataDir: target.dataDir, policy: EXAMPLE_POLICY, port: 0, tombstones: target.tombstones, smtpUrl: target.smtpUrl, baseUrl: 'https://privacy.ixpole.example', ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}) }, {})
    const runtime = await createRuntime({ config, database, logger: createLogger({ level: 'silent' }), filePolicy, keys: parseMasterKey(target.masterKey) })
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = JSON.parse(process.env.CAMPAIGN_TARGET!) as CampaignTarget
  const node = await openCampaignNode(target)
  const id = await node.runtime.campaigns.create(node.runtime.gate.operatorActor('newsletter'), { purpose: 'newsletter', content: CRASH_CONTENT, rate: 1000 })
  process.stdout.write(`campaign ${id}\n`)
  // One person at a time, so the test knows which mails come before the held one.
  await node.runtime.campaigns.send(id, { concurrency: 1 })
  process.stdout.write('done\n')
  await node.close()
}
