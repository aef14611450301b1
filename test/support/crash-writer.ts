// Child process for the crash test: opens an embedded data directory and commits one row per
// transaction, printing each id only after its commit returned (an acknowledged write).
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { openEmbedded, migrateToLatest } from '../../src/db/database.ts'
import { templateTarball } from './paths.ts'

const dir = process.argv[2]!
const fresh = !existsSync(join(dir, 'pg'))
const database = await openEmbedded(dir, fresh ? { loadDataDir: new Blob([readFileSync(templateTarball())]) } : {})
await migrateToLatest(database.db)
process.stdout.write('ready\n')
const prefix = process.argv[3] ?? 'w'
for (let i = 0; ; i++) {
  const key = `${prefix}-${i}`
  await database.db.transaction().execute(async (tx) => {
    await tx.insertInto('pledge_meta').values({ key, value: String(i) }).execute()
  })
  process.stdout.write(`${key}\n`)
}
