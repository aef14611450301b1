// The embedded database survives a process crash with every acknowledged commit present, and a
// second process can never open a data directory that a living process holds.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openEmbedded } from '../src/db/database.ts'
import { DataDirLockedError } from '../src/db/data-dir-lock.ts'
import { REPO_ROOT } from './support/paths.ts'

function startWriter(dir: string, prefix: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/crash-writer.ts'), dir, prefix], { stdio: ['ignore', 'pipe', 'inherit'] })
  const acknowledged: string[] = []
  let buffer = ''
  let onReady: () => void
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const line of lines) {
      if (line === 'ready') onReady()
      else if (line) acknowledged.push(line)
    }
  })
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)))
  return { child, acknowledged, ready, exited }
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

test('REQ-SEC-05 kill -9 during writes loses no acknowledged commit on the embedded database', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-crash-'))
  try {
    const allAcknowledged: string[] = []
    for (const round of [1, 2, 3]) {
      const writer = startWriter(dir, `r${round}`)
      await writer.ready
      // Kill at a moment that varies per round, while commits are flowing.
      const target = 50 + round * 37
      await waitFor(() => writer.acknowledged.length >= target, 60_000)
      writer.child.kill('SIGKILL')
      assert.equal(await writer.exited, 'SIGKILL')
      allAcknowledged.push(...writer.acknowledged)
    }
    const database = await openEmbedded(dir)
    try {
      const rows = await database.db.selectFrom('pledge_meta').select('key').execute()
      const present = new Set(rows.map((r) => r.key))
      const missing = allAcknowledged.filter((k) => !present.has(k))
      assert.deepEqual(missing, [], `${missing.length} acknowledged commits lost`)
      assert.ok(allAcknowledged.length >= 3 * 50)
    } finally {
      await database.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a second process cannot open a data directory held by a running one', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-lock-'))
  const writer = startWriter(dir, 'held')
  try {
    await writer.ready
    await assert.rejects(openEmbedded(dir), (err: unknown) => {
      assert.ok(err instanceof DataDirLockedError)
      assert.match((err as Error).message, /in use by another Pledge process \(pid \d+\)/)
      assert.equal((err as DataDirLockedError).pid, writer.child.pid)
      return true
    })
  } finally {
    writer.child.kill('SIGKILL')
    await writer.exited
    rmSync(dir, { recursive: true, force: true })
  }
})
