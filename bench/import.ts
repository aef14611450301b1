// Import rate: `pledge import` of a generated CSV, end to end through the gate, on each database.
// Wall time includes the command's start (about a second), so the rate is a floor.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateMasterKeyRing } from '../src/vault/master-key.ts'
import { record, section } from './harness.ts'
import { benchDatabaseWanted, benchPostgresDatabase } from './postgres.ts'

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000)
const BIN = fileURLToPath(new URL('../bin/pledge.js', import.meta.url))

interface Memory { peakMiB: number; halfMiB: number; endMiB: number }

/** The command's resident memory, read from /proc while it runs (Linux): peak, at half time and at the end. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<Memory> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    const samples: number[] = []
    let peak = 0
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
        const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
        if (rss) samples.push(rss)
        peak = Math.max(peak, hwm, rss)
      } catch {
        // gone, or not Linux: no figure
      }
    }, 100)
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c))
    child.on('exit', (code) => {
      clearInterval(poll)
      if (code !== 0) return reject(new Error(`import exited ${code}: ${err.slice(-500)}`))
      resolve({ peakMiB: peak, halfMiB: samples[Math.floor(samples.length / 2)] ?? 0, endMiB: samples.at(-1) ?? 0 })
    })
  })
}

function memoryNote(m: Memory): string {
  return m.peakMiB ? `peak RSS ${Math.round(m.peakMiB)} MiB (at half time ${Math.round(m.halfMiB)}, at the end ${Math.round(m.endMiB)})` : 'no memory figure (no /proc)'
}

export async function benchImport(): Promise<void> {
  section(`import (${ROWS.toLocaleString('en-US')} customers, 4 categories each, through the gate)`)
  const dir = mkdtempSync(join(tmpdir(), 'pledge-bench-import-'))
  try {
    const file = join(dir, 'customers.csv')
    const lines = ['externalId,contact.name,contact.email,contact.phone,contact.address']
    for (let i = 0; i < ROWS; i++) lines.push(`c-${i},Person ${i},person${i}@example.test,+3247${String(i).padStart(7, '0')},Street ${i} 3500 Hasselt`)
    writeFileSync(file, `${lines.join('\n')}\n`)
    const args = ['import', file, '--type', 'customer', '--purpose', 'customer_registration', '--source', 'bench']
    let started = performance.now()
    if (benchDatabaseWanted('embedded')) {
      const embedded = await run(args, { PLEDGE_DATA_DIR: join(dir, 'data'), PLEDGE_DATABASE_URL: '' })
      record('embedded: import', [ROWS / ((performance.now() - started) / 1000)], 'subjects/s', `target ≥ 20,000/s; ${memoryNote(embedded)}`)
    }
    const pg = benchDatabaseWanted('PostgreSQL') ? await benchPostgresDatabase() : undefined
    if (pg) {
      try {
        started = performance.now()
        const memory = await run(args, { PLEDGE_DATABASE_URL: pg.url, PLEDGE_MASTER_KEY: generateMasterKeyRing().serialize(), PLEDGE_DATA_DIR: join(dir, 'pg') })
        record('PostgreSQL: import', [ROWS / ((performance.now() - started) / 1000)], 'subjects/s', `target ≥ 20,000/s; ${memoryNote(memory)}`)
      } finally {
        await pg.drop()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
