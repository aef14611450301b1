// Audit log figures on each database: append throughput with 32 concurrent appenders (group
// commit) and `audit verify` rate over the stored chain (fast path with a worker thread, and the
// in-thread path).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openEmbedded, openPostgres, migrateToLatest, type Database } from '../src/db/database.ts'
import { createAuditLog } from '../src/audit/chain-store.ts'
import { verifyAuditStore } from '../src/audit/verify-store.ts'
import { GENESIS_HASH } from '../src/audit/chain.ts'
import { generateMasterKeyRing } from '../src/vault/master-key.ts'
import type { AuditRecord } from '../src/audit/audit-log.ts'
import { record, section } from './harness.ts'
import { benchPostgresDatabase } from './postgres.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 100_000)
const APPENDERS = 32

const entry = (i: number): AuditRecord => ({
  actorId: `apikey:${(i % 50).toString(16).padStart(8, '0')}`,
  action: 'subject.read',
  subjectId: `6f1c2b9e-8a7d-4c1e-9b2a-${i.toString(16).padStart(12, '0')}`,
  purpose: 'contract_execution',
  categories: ['contact.email', 'identification.name'],
  decision: 'allow',
  reason: null,
})

async function measure(label: string, database: Database, headDir: string): Promise<void> {
  const ring = generateMasterKeyRing()
  const signer = ring.current.auditSigningKeyPair()
  const appendRuns: number[] = []
  const flushNotes: string[] = []
  let headPath = ''
  for (let run = 0; run < RUNS; run++) {
    await sql`delete from audit_entry`.execute(database.db)
    await sql`delete from audit_checkpoint`.execute(database.db)
    await sql`update audit_head set seq = 0, hash = ${GENESIS_HASH} where id = 1`.execute(database.db)
    headPath = join(headDir, `head-${label}-${run}.json`)
    const log = createAuditLog(database.db, { signer, headPath })
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: APPENDERS }, async () => {
        while (next < ENTRIES) await log.append(entry(next++))
      }),
    )
    const seconds = (performance.now() - started) / 1000
    await log.close()
    appendRuns.push(ENTRIES / seconds)
    flushNotes.push(String(log.stats().flushes))
  }
  record(`${label}: audit append, ${APPENDERS} concurrent appenders`, appendRuns, 'entries/s', `${ENTRIES.toLocaleString('en-US')} entries; flushes per run ${flushNotes.join('/')}`)
  for (const workers of [1, 0]) {
    const verifyRuns: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const r = await verifyAuditStore(database.db, { publicKeys: [signer.publicKey], headPath, workers })
      if (!r.ok) throw new Error(`bench chain does not verify: ${r.message}`)
      verifyRuns.push(r.rate)
    }
    record(`${label}: audit verify (${workers ? `${workers} worker thread` : 'in-thread'})`, verifyRuns, 'entries/s', `${ENTRIES.toLocaleString('en-US')} entries, target ≥ 200,000/s`)
  }
}

export async function benchAudit(): Promise<void> {
  section('audit log')
  const dir = mkdtempSync(join(tmpdir(), 'pledge-bench-audit-'))
  try {
    const embedded = await openEmbedded(join(dir, 'data'))
    try {
      await migrateToLatest(embedded.db)
      await measure('PGlite', embedded, dir)
    } finally {
      await embedded.close()
    }
    const pg = await benchPostgresDatabase()
    if (pg) {
      const database = await openPostgres(pg.url, { max: 4 })
      try {
        await measure('PostgreSQL', database, dir)
      } finally {
        await database.close()
        await pg.drop()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
