// A retention sweep killed with SIGKILL at any point is resumed by the next run from its cursor, and
// every expired person is handled exactly once (REQ-RT-02, REQ-ER-05): erased when nothing but a
// legal duty needs them, each anonymised value counted once — never twice, never lost — and nobody
// left half done; people still inside their periods are untouched. On both databases: a child
// process sweeps with a small batch size and is killed after a random number of batches (and a
// random while into the next one); the test then looks at the rows as the kill left them and runs
// the sweep again, which takes the stopped run over.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { randomBytes, randomInt } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { DATABASES, createPostgresDatabase } from './support/databases.ts'
import { openSweepNode, type SweepTarget } from './support/retention-crash-child.ts'
import { runtimeKey } from './support/actors.ts'
import { REPO_ROOT } from './support/paths.ts'
import { openEmbedded, openPostgres, type Database } from '../src/db/database.ts'
import { unauditedChanges } from '../src/audit/unaudited.ts'
import type { DB } from '../src/db/schema.ts'

const ROUNDS = 3
const BATCH = 10
// Per round: new people, on the same database as the rounds before (whose living stay living).
const EXPIRED_CONTACTS = 20
const EXPIRED_PROSPECTS = 10
const LIVING_CONTACTS = 5
const LIVING_PROSPECTS = 5
const PER_ROUND = EXPIRED_CONTACTS + EXPIRED_PROSPECTS + LIVING_CONTACTS + LIVING_PROSPECTS
const DAY = 86_400_000
const ROLE = 'Office manager'
const ROLE_BUCKET = 'office manager'
// The categories legal_defence keeps for a customer contact whose contract ended (ten years).
const LEGAL_KEPT = ['contact.address', 'contact.email', 'contact.name', 'identification.vat_number']

type Kind = 'expired_contact' | 'expired_prospect' | 'living_contact' | 'living_prospect'
interface Seeded {
  readonly id: string
  readonly kind: Kind
}

interface Lines {
  readonly lines: string[]
  /** Resolves when `n` lines starting with `prefix` have arrived (or the child has exited). */
  wait(prefix: string, n: number): Promise<boolean>
}

function readLines(child: ChildProcess): Lines {
  const lines: string[] = []
  const waiters: { prefix: string; n: number; resolve: (ok: boolean) => void }[] = []
  let buffered = ''
  let exited = false
  const check = () => {
    for (const w of [...waiters]) {
      if (lines.filter((l) => l.startsWith(w.prefix)).length >= w.n || exited) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(lines.filter((l) => l.startsWith(w.prefix)).length >= w.n)
      }
    }
  }
  child.stdout!.setEncoding('utf8')
  child.stdout!.on('data', (chunk: string) => {
    buffered += chunk
    const parts = buffered.split('\n')
    buffered = parts.pop()!
    lines.push(...parts)
    check()
  })
  child.once('exit', () => {
    exited = true
    check()
  })
  return {
    lines,
    wait: (prefix, n) => new Promise((resolve) => (waiters.push({ prefix, n, resolve }), check())),
  }
}

/** The database alone (no runtime: nothing re-applied, nothing purged), to look at what the kill left. */
async function openBare(target: SweepTarget): Promise<Database> {
  return target.databaseUrl ? openPostgres(target.databaseUrl, { max: 2 }) : openEmbedded(target.dataDir)
}

async function rowsBySubject(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, { category: string; kind: string }[]>> {
  const rows = await db.selectFrom('personal_data').select(['subject_id', 'category', 'key_kind']).where('subject_id', 'in', [...ids]).execute()
  const out = new Map<string, { category: string; kind: string }[]>(ids.map((id) => [id, []]))
  for (const r of rows) out.get(r.subject_id)!.push({ category: r.category, kind: r.key_kind })
  return out
}

async function anonymisedSum(db: Kysely<DB>, category: string, bucket: string): Promise<number> {
  const rows = await db.selectFrom('anonymised_count').select(['count']).where('category', '=', category).where('bucket', '=', bucket).execute()
  return rows.reduce((n, r) => n + Number(r.count), 0)
}

/**
 * What state each expired person is in: untouched (everything still under the ordinary key, not
 * erased), done (erased, nothing under the ordinary key, what legal_defence keeps under the
 * retention key), or half done (anything else).
 */
async function classify(db: Kysely<DB>, seeded: readonly Seeded[]): Promise<Map<string, 'untouched' | 'done' | 'half'>> {
  const ids = seeded.map((s) => s.id)
  const subjects = new Map((await db.selectFrom('subject').select(['id', 'erased_at']).where('id', 'in', ids).execute()).map((s) => [s.id, s.erased_at]))
  const rows = await rowsBySubject(db, ids)
  // Shredded people: their ordinary key is gone, so records left under it are unreadable ciphertext
  // (purged right after the shredding, or at the next start when a kill came in between).
  const keyed = new Set((await db.selectFrom('subject_key').select('subject_id').where('subject_id', 'in', ids).where('kind', '=', 'ordinary').execute()).map((k) => k.subject_id))
  const out = new Map<string, 'untouched' | 'done' | 'half'>()
  for (const s of seeded) {
    const mine = rows.get(s.id)!
    const ordinary = mine.filter((r) => r.kind === 'ordinary').map((r) => r.category).sort()
    const retained = mine.filter((r) => r.kind === 'retention').map((r) => r.category).sort()
    const erased = subjects.get(s.id) !== null && subjects.get(s.id) !== undefined
    const all = s.kind === 'expired_contact' ? [...LEGAL_KEPT, 'online.ip_address', 'professional.role'].sort() : ['contact.email', 'contact.name']
    if (!erased && retained.length === 0 && ordinary.join() === all.join()) out.set(s.id, 'untouched')
    else if (erased && !keyed.has(s.id) && retained.join() === (s.kind === 'expired_contact' ? LEGAL_KEPT.join() : '')) out.set(s.id, 'done')
    else out.set(s.id, 'half')
  }
  return out
}

for (const variant of DATABASES) {
  test(`REQ-RT-02 REQ-ER-05 a retention sweep killed with SIGKILL resumes from its cursor and handles every expired person once (${variant.name})`, { skip: variant.skip, timeout: 300_000 }, async () => {
    // The sweep runs some 26 months after the people were registered: the prospects' two years
    // and the contacts' contracts (ended at registration) are over, the living ones' are not.
    const sweepAt = new Date(Date.now() + 790 * DAY)
    const dir = mkdtempSync(join(tmpdir(), 'pledge-retention-crash-'))
    const pg = variant.name === 'postgres' ? await createPostgresDatabase() : undefined
    const target: SweepTarget = { dataDir: join(dir, 'data'), tombstones: join(dir, 'tombstones'), masterKey: randomBytes(32).toString('base64'), ...(pg ? { databaseUrl: pg.url } : {}) }
    const landed: string[] = []
    // Broken promises found in a round, asserted once all rounds have run (so that one run shows every round).
    const problems: string[] = []
    // The living of every round so far, with their row counts as seeded: never touched.
    const living: Seeded[] = []
    const before = new Map<string, number>()
    let child: ChildProcess | undefined
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // ---- Seed through the gate, the kinds interleaved so that every batch holds all of them.
        const seeded: Seeded[] = []
        let rolesBefore = 0
        const phase = { started: Date.now(), seeded: 0, killed: 0 }
        {
          const node = await openSweepNode(target)
          try {
            const crm = await runtimeKey(node.runtime, 'crm', ['customer_registration', 'contract_execution'])
            const leads = await runtimeKey(node.runtime, 'leads', ['prospect_registration'])
            const plan: Kind[] = []
            const counts: Record<Kind, number> = { expired_contact: EXPIRED_CONTACTS, expired_prospect: EXPIRED_PROSPECTS, living_contact: LIVING_CONTACTS, living_prospect: LIVING_PROSPECTS }
            while (plan.length < PER_ROUND) for (const k of Object.keys(counts) as Kind[]) if (counts[k]-- > 0) plan.push(k)
            for (const [i, kind] of plan.entries()) {
              const tag = `r${round}n${i}`
              if (kind.endsWith('contact')) {
                const { id } = await node.runtime.gate.create(crm, 'customer_registration', {
                  type: 'customer_contact',
                  data: { 'contact.name': `Contact ${tag}`, 'contact.address': `Markt ${i}, 3500 Hasselt`, 'contact.email': `contact.${tag}@sweep-crash.example`, 'identification.vat_number': `BE0${String(100000000 + i)}`, 'online.ip_address': `192.0.2.${i % 250}`, 'professional.role': ROLE },
                })
                // The expired contact's contract ended at once; the living one applied again a month before the sweep.
                if (kind === 'expired_contact') await node.runtime.gate.recordEvent(crm, id, 'contract_ended', new Date())
                else await node.runtime.gate.recordEvent(crm, id, 'application_received', new Date(sweepAt.getTime() - 30 * DAY))
                seeded.push({ id, kind })
              } else {
                const { id } = await node.runtime.gate.create(leads, 'prospect_registration', { type: 'prospect', data: { 'contact.name': `Prospect ${tag}`, 'contact.email': `prospect.${tag}@sweep-crash.example` } })
                if (kind === 'living_prospect') await node.runtime.gate.recordEvent(leads, id, 'last_interaction', new Date(sweepAt.getTime() - 100 * DAY))
                seeded.push({ id, kind })
              }
            }
            const fresh = seeded.filter((s) => s.kind.startsWith('living'))
            for (const [id, rows] of await rowsBySubject(node.database.db, fresh.map((s) => s.id))) before.set(id, rows.length)
            living.push(...fresh)
            rolesBefore = await anonymisedSum(node.database.db, 'professional.role', ROLE_BUCKET)
          } finally {
            // PGlite is one process: the child opens the data directory once this handle is closed.
            await node.close()
          }
        }
        phase.seeded = Date.now()
        const expired = seeded.filter((s) => s.kind.startsWith('expired'))
        const contacts = expired.filter((s) => s.kind === 'expired_contact')
        const batches = Math.ceil((living.length + expired.length) / BATCH)

        // ---- The first sweep, in a child, killed after k batches and a random while into the next one.
        const k = randomInt(1, batches)
        child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/retention-crash-child.ts')], {
          env: { ...process.env, SWEEP_TARGET: JSON.stringify(target), SWEEP_NOW: sweepAt.toISOString(), SWEEP_BATCH: String(BATCH) },
          stdio: ['ignore', 'pipe', 'inherit'],
        })
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child!.once('exit', (code, signal) => resolve({ code, signal })))
        const out = readLines(child)
        assert.ok(await out.wait('ready', 1), 'the child opened the database')
        let lastLine = Date.now()
        let batchMs = 0
        for (let b = 1; b <= k; b++) {
          assert.ok(await out.wait('batch ', b), `the child reported ${b} batches (it said: ${out.lines.join(' | ')})`)
          batchMs = Date.now() - lastLine
          lastLine = Date.now()
        }
        // Anywhere in the next batch: its duration is about the last one's.
        const delay = randomInt(0, Math.max(20, Math.round(batchMs * 1.2)))
        await new Promise((r) => setTimeout(r, delay))
        child.kill('SIGKILL')
        const exit = await exited
        child = undefined
        phase.killed = Date.now()
        const reported = out.lines.filter((l) => l.startsWith('batch ')).length
        const finished = out.lines.some((l) => l.startsWith('done '))
        assert.ok(exit.signal === 'SIGKILL' || (exit.code === 0 && finished), `the child was killed, or had finished its run (exit ${exit.code} ${exit.signal})`)

        // ---- What the kill left: each batch's changes done or not done, nobody half done, every value counted once.
        let runningAtKill = false
        {
          const bare = await openBare(target)
          try {
            const db = bare.db
            const running = await db.selectFrom('retention_run').select(['id', 'status', 'evaluated', 'cursor']).where('status', '=', 'running').execute()
            assert.ok(running.length <= 1, 'at most one run is running')
            runningAtKill = running.length === 1
            const states = await classify(db, expired)
            const tally = { untouched: 0, done: 0, half: 0 }
            for (const s of states.values()) tally[s]++
            const roleRowsLeft = await db.selectFrom('personal_data').select('subject_id').where('subject_id', 'in', contacts.map((s) => s.id)).where('category', '=', 'professional.role').where('key_kind', '=', 'ordinary').execute()
            const roleCounted = (await anonymisedSum(db, 'professional.role', ROLE_BUCKET)) - rolesBefore
            landed.push(`round ${round + 1}: killed ${delay} ms after batch line ${reported}/${batches} (a batch took ~${batchMs} ms)${finished ? ', after the run had finished' : ''}; run ${runningAtKill ? `running, ${running[0]!.evaluated} evaluated at its last heartbeat` : 'not running'}; expired people ${tally.done} done, ${tally.untouched} untouched, ${tally.half} half done; roles counted ${roleCounted}/${contacts.length}`)
            console.log(`# ${variant.name} ${landed.at(-1)}`)
            // A value is counted exactly when it is gone: the count and the deletion commit together.
            assert.equal(roleCounted, contacts.length - roleRowsLeft.length, 'each role gone is counted once, and only those')
            // No person is half done (e.g. their role anonymised but the rest of what ended still there).
            const half = expired.filter((s) => states.get(s.id) === 'half')
            if (half.length) problems.push(`round ${round + 1}: ${half.length} people left half done by the kill (${[...new Set(half.map((s) => s.kind))].join(', ')})`)
            // The living are untouched.
            for (const [id, rows] of await rowsBySubject(db, living.map((s) => s.id))) assert.equal(rows.length, before.get(id), 'a living person is untouched')
            assert.deepEqual(await unauditedChanges(db, { withoutNumber: true }), [], 'every change the killed sweep committed has its audit entry')
          } finally {
            await bare.close()
          }
        }

        // ---- The second run takes the stopped run over from its cursor and finishes it.
        const node = await openSweepNode(target, () => sweepAt)
        try {
          const db = node.database.db
          const runsBefore = (await db.selectFrom('retention_run').select('id').execute()).length
          const report = await node.runtime.retention.run({ startedBy: 'test', batchSize: BATCH })
          assert.equal(report.status, 'done')
          assert.equal(report.resumed, runningAtKill, runningAtKill ? 'the run killed while running is taken over' : 'a finished run is not taken over')
          const runs = await db.selectFrom('retention_run').select(['id', 'status']).execute()
          assert.equal(runs.filter((r) => r.status === 'running').length, 0, 'no run is left running')
          if (runningAtKill) assert.equal(runs.length, runsBefore, 'the resumed run is the run that was killed')

          // Every expired person handled exactly once, and completely.
          const states = await classify(db, expired)
          assert.deepEqual(expired.filter((s) => states.get(s.id) !== 'done').map((s) => `${s.kind}:${s.id}:${states.get(s.id)}`), [], 'every expired person is erased, with only what legal_defence keeps')
          assert.equal((await anonymisedSum(db, 'professional.role', ROLE_BUCKET)) - rolesBefore, contacts.length, 'every expired role counted exactly once')
          const byPurpose = await db.selectFrom('anonymised_count').select(['purpose', 'category', 'bucket']).execute()
          assert.deepEqual([...new Set(byPurpose.map((r) => `${r.purpose}|${r.category}|${r.bucket}`))], [`market_research|professional.role|${ROLE_BUCKET}`], 'only the roles are counted, under market research; deleted values are not')
          const ordinaryKeys = await db.selectFrom('subject_key').select('subject_id').where('subject_id', 'in', expired.map((s) => s.id)).where('kind', '=', 'ordinary').execute()
          assert.equal(ordinaryKeys.length, 0, 'no ordinary key is left for an expired person')
          const tombstones = existsSync(target.tombstones) ? readFileSync(target.tombstones, 'utf8').split('\n') : []
          for (const s of expired) assert.ok(tombstones.includes(s.id), 'every erased person has a tombstone')
          // The run reports, over both attempts, list each person of this round as erased once.
          const erasedOnce = await db.selectFrom('retention_run_subject').select('subject_id').where('subject_id', 'in', expired.map((s) => s.id)).where('action', '=', 'erase').execute()
          assert.deepEqual(erasedOnce.map((t) => t.subject_id).sort(), expired.map((s) => s.id).sort(), 'the run reports list every erased person once')
          if (runningAtKill) {
            const roles = Object.entries(report.counts).filter(([key]) => key.startsWith('anonymise|') && key.endsWith('|professional.role')).reduce((n, [, v]) => n + v, 0)
            assert.equal(roles, contacts.length, 'the report counts every anonymised role once')
            assert.equal(report.counts['erase||*'], expired.length, 'the report counts every erased person once')
          }
          // The market research processor is told for every person whose answers ended (the Art. 19 channel), once.
          const told = new Set((await db.selectFrom('retention_instruction').select('subject_id').where('purpose', '=', 'market_research').where('recipient_id', '=', 'survey_us_scc').execute()).map((r) => r.subject_id))
          const untold = contacts.filter((s) => !told.has(s.id))
          if (untold.length) problems.push(`round ${round + 1}: the survey processor was never instructed for ${untold.length} expired contacts erased by the killed run`)
          // The living: untouched, still living.
          for (const [id, rows] of await rowsBySubject(db, living.map((s) => s.id))) assert.equal(rows.length, before.get(id), 'a living person is untouched')
          const livingErased = await db.selectFrom('subject').select('id').where('id', 'in', living.map((s) => s.id)).where('erased_at', 'is not', null).execute()
          assert.equal(livingErased.length, 0, 'nobody living is erased')
          assert.deepEqual(await unauditedChanges(db, { withoutNumber: true }), [])
        } finally {
          await node.close()
        }
        console.log(`# ${variant.name} round ${round + 1} took ${Date.now() - phase.started} ms: seeding ${phase.seeded - phase.started}, first sweep ${phase.killed - phase.seeded}, checks and second sweep ${Date.now() - phase.killed}`)
      }
    } finally {
      child?.kill('SIGKILL')
      await pg?.drop()
      rmSync(dir, { recursive: true, force: true })
    }
    console.log(`# ${variant.name}: ${landed.join('; ')}`)
    assert.deepEqual(problems, [], 'every round: nobody half done, every processor instruction sent')
  })
}
