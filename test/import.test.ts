// `pledge import` as a user runs it: a real CLI process on a temporary embedded data directory,
// CSV and JSON Lines, idempotent reruns, the reject file, resume after kill -9, and an import
// through a running server that holds the directory.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, copyFileSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { openEmbedded } from '../src/db/database.ts'
import { generateMasterKeyFile } from '../src/vault/master-key.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'
import { startPledgeProcess } from './support/server-process.ts'
import { pledgeEntry } from './support/cli.ts'

const ENTRY = pledgeEntry()
let root: string

function envFor(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PLEDGE_DATA_DIR: dataDir,
    PLEDGE_POLICY: join(root, 'policy.yaml'),
    PLEDGE_MASTER_KEY: join(root, 'master.key'),
    PLEDGE_DATABASE_URL: '',
    PLEDGE_PORT: '0',
    PLEDGE_LOG_LEVEL: 'warn',
  }
}

function pledge(dataDir: string, args: string[]) {
  const r = spawnSync(process.execPath, [ENTRY, ...args], { env: envFor(dataDir), encoding: 'utf8', timeout: 180_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

async function sqlCount(dataDir: string, query: string): Promise<number> {
  const database = await openEmbedded(dataDir)
  try {
    const r = await database.pglite!.query<{ n: number }>(query)
    return Number(r.rows[0]!.n)
  } finally {
    await database.close()
  }
}

async function sqlRows<T>(dataDir: string, query: string): Promise<T[]> {
  const database = await openEmbedded(dataDir)
  try {
    return (await database.pglite!.query<T>(query)).rows
  } finally {
    await database.close()
  }
}

/** Every cell of a CSV file except its header: none of them may reach the console. */
function csvValues(path: string): string[] {
  const rows = parse(readFileSync(path), { relax_column_count: true, relax_quotes: true }) as string[][]
  return rows.slice(1).flat().map((v) => v.trim()).filter((v) => v.length >= 3)
}

function assertNoValueLeaks(values: readonly string[], ...outputs: string[]) {
  const all = outputs.join('\n')
  for (const v of values) assert.ok(!all.includes(v), `the console shows a value from the file: ${JSON.stringify(v.slice(0, 3))}…`)
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return startPledgeProcess(envFor(dataDir))
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'pledge-import-'))
  copyFileSync(EXAMPLE_POLICY, join(root, 'policy.yaml'))
  generateMasterKeyFile(join(root, 'master.key'))
})

after(() => {
  rmSync(root, { recursive: true, force: true })
})

const IMPORT = ['--type', 'customer', '--purpose', 'customer_registration', '--source', 'Trade fair Hasselt 2026, visitor list']

describe('CSV and JSON Lines imports on the embedded database', () => {
  let dataDir: string
  let csv: string
  before(() => {
    dataDir = join(root, 'data-files')
    csv = join(root, 'customers.csv')
    writeFileSync(
      csv,
      [
        'externalId,contact.name,contact.email,contact.phone,professional.role,financial.bank_account',
        'crm-001,Annelies Vermeulen,annelies.vermeulen@example.com,+32 470 11 22 33,buyer,',
        'crm-002,"Peeters, Bart",bart.peeters@example.com,,,',
        ',Zonder Identiteit,zonder.id@example.com,,,',
        'crm-004,Foutief Adres,annelies-at-example.com,,,',
        'crm-005,Iban Houder,iban.houder@example.com,,,BE71096123456769',
        'crm-006,Lege Cellen,,,,',
        'crm-007,"Multi',
        'line Name",multi.line@example.com,,,',
        'crm-008,Te Weinig',
        'crm-001,Annelies Dubbel,annelies.dubbel@example.com,,,',
        '',
      ].join('\n'),
    )
  })

  test('REQ-TR-03 REQ-LB-02 a CSV import creates subjects through the gate, keeps the source, rejects bad rows with line and reason, and prints no value', async () => {
    const r = pledge(dataDir, ['import', csv, ...IMPORT])
    assert.equal(r.code, 2, `exit 2 when rows were rejected\n${r.stderr}`)
    assert.match(r.stdout, /imported 4 new subjects, 1 already present, 4 rejected — 9 rows/)
    assert.match(r.stdout, /customers\.csv\.rejects\.csv \(4 rows, mode 0600/)
    // The header check names the column and the purpose's categories (REQ-LB-02).
    assert.match(r.stderr, /column financial\.bank_account is not among the categories of customer_registration \(contact\.name, .*\): rows with a value there are rejected \(categories_not_in_purpose\)/)
    assertNoValueLeaks(csvValues(csv), r.stdout, r.stderr)

    const rejectsPath = `${csv}.rejects.csv`
    assert.equal(statSync(rejectsPath).mode & 0o777, 0o600)
    const rejects = parse(readFileSync(rejectsPath), { relax_column_count: true }) as string[][]
    assert.deepEqual(rejects[0], ['line', 'reason', 'externalId', 'contact.name', 'contact.email', 'contact.phone', 'professional.role', 'financial.bank_account'])
    const byLine = new Map(rejects.slice(1).map((row) => [row[0], row]))
    assert.deepEqual([...byLine.keys()], ['4', '5', '6', '10'])
    assert.match(byLine.get('4')![1]!, /^missing_id: /)
    assert.equal(byLine.get('4')![4], 'zonder.id@example.com', 'the row is kept as it was')
    assert.match(byLine.get('5')![1]!, /^invalid_value: contact\.email is not a valid e-mail address/)
    assert.match(byLine.get('6')![1]!, /^categories_not_in_purpose: /)
    assert.equal(byLine.get('6')![7], 'BE71096123456769')
    assert.match(byLine.get('10')![1]!, /^wrong_column_count: /)

    assert.equal(await sqlCount(dataDir, 'select count(*)::int as n from subject'), 4)
    // Ids are time-ordered: the subjects come in the file's order. External ids are kept only as
    // keyed hashes (they may be e-mail addresses), never in the clear.
    const subjects = await sqlRows<{ external_id: string; source: string; created_by: string; type: string }>(dataDir, 'select external_id, source, created_by, type from subject order by id')
    assert.equal(subjects.length, 4)
    assert.ok(subjects.every((s) => /^x1:[A-Za-z0-9_-]{22}$/.test(s.external_id)), 'external ids are keyed hashes')
    assert.equal(new Set(subjects.map((s) => s.external_id)).size, 4)
    assert.equal(await sqlCount(dataDir, "select count(*)::int as n from subject where external_id like 'crm-%'"), 0)
    for (const s of subjects) {
      assert.equal(s.source, 'Trade fair Hasselt 2026, visitor list')
      assert.equal(s.created_by, 'system:import')
      assert.equal(s.type, 'customer')
    }
    // Empty cells are left out: crm-006 has only its name; crm-001 keeps its first row's data.
    const categories = await sqlRows<{ n: number }>(dataDir, 'select count(d.*)::int as n from subject s left join personal_data d on d.subject_id = s.id group by s.id order by s.id')
    assert.deepEqual(categories.map((c) => c.n), [4, 2, 1, 2], 'crm-001, crm-002, crm-006, crm-007')
    // Every row went through the gate: allows and the refusal are in the audit log.
    assert.ok((await sqlCount(dataDir, "select count(*)::int as n from audit_entry where actor_id = 'system:import' and action = 'subject.create' and decision = 'deny'")) >= 1)
    // Finished: nothing left to resume.
    assert.equal(await sqlCount(dataDir, 'select count(*)::int as n from import_progress'), 0)
  })

  test('running the same CSV again imports nothing new (idempotent on the id column)', async () => {
    const r = pledge(dataDir, ['import', csv, ...IMPORT])
    assert.equal(r.code, 2, r.stderr)
    assert.match(r.stdout, /imported 0 new subjects, 5 already present, 4 rejected/)
    assert.doesNotMatch(r.stderr, /resuming/)
    assert.equal(await sqlCount(dataDir, 'select count(*)::int as n from subject'), 4)
    assert.equal((parse(readFileSync(`${csv}.rejects.csv`), { relax_column_count: true }) as string[][]).length, 5, 'the reject file is rewritten, not appended to')
    assertNoValueLeaks(csvValues(csv), r.stdout, r.stderr)
  })

  test('a JSON Lines import: keys are categories, numbers as ids, bad lines rejected with their text', async () => {
    const jsonl = join(root, 'leads.jsonl')
    const lines = [
      JSON.stringify({ externalId: 'web-1', 'contact.name': 'Wouter Claes', 'contact.email': 'wouter.claes@example.com' }),
      JSON.stringify({ externalId: 2, 'contact.name': 'Nummer Twee', 'contact.phone': '+32 11 22 33 44', 'professional.role': null }),
      '{"externalId": "web-3", "contact.name": "Kapotte Regel"',
      JSON.stringify(['web-4', 'Geen Object']),
      JSON.stringify({ 'contact.name': 'Geen Id', 'contact.email': 'geen.id@example.com' }),
      '',
      JSON.stringify({ externalId: 'web-6', 'contact.name': 'Foute Categorie', 'online.cookie_id': 'abc-123-def' }),
      JSON.stringify({ externalId: 'crm-001', 'contact.name': 'Bestaat Al' }),
    ]
    writeFileSync(jsonl, `${lines.join('\n')}\n`)
    const r = pledge(dataDir, ['import', jsonl, ...IMPORT])
    assert.equal(r.code, 2, r.stderr)
    assert.match(r.stdout, /imported 2 new subjects, 1 already present, 4 rejected — 7 rows/)
    const rejects = parse(readFileSync(`${jsonl}.rejects.csv`)) as string[][]
    assert.deepEqual(rejects[0], ['line', 'reason', 'raw'])
    assert.deepEqual(rejects.slice(1).map((row) => [row[0], row[1]!.split(':')[0]]), [
      ['3', 'malformed_json'],
      ['4', 'not_an_object'],
      ['5', 'missing_id'],
      ['7', 'categories_not_in_purpose'],
    ])
    assert.equal(rejects[3]![2], lines[4], 'the line is kept as it was')
    const all = lines.flatMap((l) => [...l.matchAll(/"([^"]{3,})"/g)].map((m) => m[1]!)).filter((v) => !/^(externalId|contact\.|professional\.|online\.)/.test(v))
    assertNoValueLeaks(all, r.stdout, r.stderr)
    assert.equal(await sqlCount(dataDir, 'select count(*)::int as n from subject'), 6, 'web-1 and 2 are new; crm-001 was found by its keyed external id')
    assert.equal(await sqlCount(dataDir, "select count(*)::int as n from subject where external_id in ('web-1', '2')"), 0)
  })

  test('refuses the whole file, before reading rows, when the id column is missing or the purpose cannot create this type', () => {
    const noId = join(root, 'no-id.csv')
    writeFileSync(noId, 'contact.name,contact.email\nNoor Maes,noor.maes@example.com\n')
    const r1 = pledge(dataDir, ['import', noId, ...IMPORT])
    assert.equal(r1.code, 1)
    assert.match(r1.stderr, /the header has no externalId column/)
    assert.ok(!existsSync(`${noId}.rejects.csv`))
    const r2 = pledge(dataDir, ['import', csv, '--type', 'prospect', '--purpose', 'customer_registration', '--source', 'x'])
    assert.equal(r2.code, 1)
    assert.match(r2.stderr, /cannot import prospect under customer_registration \(subject_type_not_covered\)/)
    const r3 = pledge(dataDir, ['import', join(root, 'customers.txt'), ...IMPORT])
    assert.equal(r3.code, 1)
    assert.match(r3.stderr, /--format csv or --format jsonl/)
    assertNoValueLeaks(csvValues(csv), r1.stderr, r2.stderr, r3.stderr)
  })
})

test('resumes after kill -9 mid-import: no duplicate, no loss, no reject listed twice', { timeout: 300_000 }, async () => {
  const dataDir = join(root, 'data-resume')
  const file = join(root, 'big.csv')
  const N = 20_000
  const rows = ['externalId,contact.name,contact.email,contact.phone']
  let invalid = 0
  const valid = new Set<string>()
  for (let i = 0; i < N; i++) {
    // Every 997th row has a bad address; every 1,499th repeats an earlier id.
    const id = i % 1499 === 1498 ? `ext-${i - 700}` : `ext-${i}`
    const email = i % 997 === 500 ? `person${i}-at-example.com` : `person${i}@example.com`
    if (email.includes('@')) valid.add(id)
    else invalid++
    rows.push(`${id},Person ${i},${email},+32 470 ${String(100000 + i).slice(-6)}`)
  }
  writeFileSync(file, `${rows.join('\n')}\n`)

  const child = spawn(process.execPath, [ENTRY, 'import', file, ...IMPORT], { env: envFor(dataDir), stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  const progressed = await new Promise<boolean>((resolve) => {
    child.stderr!.setEncoding('utf8')
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk
      const m = /import: \d+% \(line (\d+)\): ([\d,]+) imported/.exec(stderr)
      if (m && Number(m[2]!.replace(/,/g, '')) > 0 && !child.killed) {
        child.kill('SIGKILL')
        resolve(true)
      }
    })
    child.on('exit', () => resolve(false))
  })
  assert.ok(progressed, `the first run finished before it could be killed:\n${stderr}`)
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)))
  const before = await sqlCount(dataDir, 'select count(*)::int as n from subject')
  assert.ok(before > 0 && before < valid.size, `killed mid-import (${before} of ${valid.size})`)

  const r = pledge(dataDir, ['import', file, ...IMPORT])
  assert.equal(r.code, 2, r.stderr)
  assert.match(r.stderr, /resuming import [0-9a-f]{12}: lines up to \d+ were done by an earlier run/)
  assert.match(r.stdout, /resumed after line \d+/)
  assertNoValueLeaks(['person1234@example.com', 'Person 1234', 'ext-1234'], r.stdout, r.stderr, stderr)

  assert.equal(await sqlCount(dataDir, 'select count(*)::int as n from subject'), valid.size, 'one subject per distinct valid row')
  assert.equal(await sqlCount(dataDir, 'select count(distinct external_id)::int as n from subject'), valid.size)
  const rejects = (parse(readFileSync(`${file}.rejects.csv`)) as string[][]).slice(1)
  assert.equal(rejects.length, invalid, 'every bad row once')
  assert.equal(new Set(rejects.map((x) => x[0])).size, invalid)
  assert.ok(rejects.every((x) => x[1]!.startsWith('invalid_value')))
})

test('through a running server that holds the embedded directory (admin endpoint)', { timeout: 240_000 }, async () => {
  const dataDir = join(root, 'data-server')
  const file = join(root, 'via-server.jsonl')
  const lines: string[] = []
  for (let i = 0; i < 2500; i++) lines.push(JSON.stringify({ externalId: `srv-${i}`, 'contact.name': `Server Person ${i}`, 'contact.email': `server.person${i}@example.com` }))
  writeFileSync(file, `${lines.join('\n')}\n`)
  const { child } = await startServer(dataDir)
  try {
    const r = pledge(dataDir, ['import', file, ...IMPORT])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /imported 2,500 new subjects, 0 already present, 0 rejected/)
    const again = pledge(dataDir, ['import', file, ...IMPORT])
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /imported 0 new subjects, 2,500 already present/)
    assertNoValueLeaks(['server.person42@example.com', 'Server Person 42', 'srv-42'], r.stdout, r.stderr, again.stdout, again.stderr)
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  assert.equal(await sqlCount(dataDir, "select count(*)::int as n from subject where source = 'Trade fair Hasselt 2026, visitor list'"), 2500)
})
