// Three published statement versions with fixed dates, for the tests of the versions pages:
//   1  effective 2026-03-10 (published 2026-03-10), the example policy
//   2  effective 2026-04-01 (published 2026-03-11): the newsletter kept 12 months (material), the
//      security text loses its last clause in every language, and a new section "Keys" is added
//   3  effective 2026-09-01 (published 2026-03-12): wording only, an English sentence with <, > and &
// A runtime whose clock says 2026-05-01 has version 2 in force and version 3 announced.
import { readFileSync } from 'node:fs'
import { sql, type Kysely } from 'kysely'
import { parseDocument } from 'yaml'
import type { DB } from '../../src/db/schema.ts'
import { parsePolicy } from '../../src/policy/load.ts'
import { ensureFirstVersion, publishVersion } from '../../src/policy/versions.ts'
import { EXAMPLE_POLICY } from './paths.ts'

export const VERSIONS_NOW = new Date('2026-05-01T10:00:00Z')

const exampleText = readFileSync(EXAMPLE_POLICY, 'utf8')

function edited(mutate: (doc: any) => void) {
  const doc = parseDocument(exampleText).toJS()
  mutate(doc)
  return parsePolicy(JSON.stringify(doc), 'edited')
}

function version2(doc: any): void {
  doc.purposes.find((p: any) => p.id === 'newsletter').retention.duration = 'P12M'
  const s = doc.statement.security
  s.en = s.en.replace(', and every access is logged.', '.')
  s.nl = s.nl.replace(', en elke toegang wordt gelogd.', '.')
  s.fr = s.fr.replace(', et chaque accès est journalisé.', '.')
  doc.statement.additional = [
    ...(doc.statement.additional ?? []),
    { title: { en: 'Keys', nl: 'Sleutels', fr: 'Clés' }, body: { en: 'Every key is rotated every year.', nl: 'Elke sleutel wordt elk jaar vervangen.', fr: 'Chaque clé est remplacée chaque année.' } },
  ]
}

/** Publishes versions 1, 2 and 3 on an empty database (before the runtime starts). */
export async function publishThreeVersions(db: Kysely<DB>): Promise<void> {
  const first = await ensureFirstVersion(db, parsePolicy(exampleText, 'example'), new Date('2026-03-10T10:00:00Z'))
  if (!first.published) throw new Error('the database already has a published version')
  await publishVersion(db, edited(version2), { now: new Date('2026-03-11T09:00:00Z'), effectiveDate: '2026-04-01' })
  await publishVersion(
    db,
    edited((doc) => {
      version2(doc)
      doc.statement.security.en += ' Questions? Write to <security@ixpole.example> & we answer.'
    }),
    { now: new Date('2026-03-12T09:00:00Z'), effectiveDate: '2026-09-01' },
  )
  // The database stamps published_at with its own clock; the pages are tested on fixed dates.
  for (const [version, at] of [[1, '2026-03-10T10:00:00Z'], [2, '2026-03-11T09:00:00Z'], [3, '2026-03-12T09:00:00Z']] as const) {
    await sql`update policy_version set published_at = ${at}::timestamptz where version = ${version}`.execute(db)
  }
}
