// Master key rotation: every data key is re-wrapped under the ring's current version; no value is
// re-encrypted. Batches commit one by one, so an interrupted rotation resumes where it stopped:
// rows still wrapped under an older version are simply picked up by the next run.
import { renameSync, writeFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { MasterKeyRing } from './master-key.ts'
import { rewrapDataKey } from './envelope.ts'
import { rewrapBlindIndexRoot } from './keyring.ts'

export interface RotationProgress {
  readonly rewrapped: number
  readonly remaining: number
}

export async function countStaleKeys(db: Kysely<DB>, ring: MasterKeyRing): Promise<number> {
  const row = await db.selectFrom('subject_key').select((eb) => eb.fn.countAll<number>().as('n')).where('master_version', '!=', ring.current.version).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function rewrapAll(db: Kysely<DB>, ring: MasterKeyRing, options: { batchSize?: number; onProgress?: (p: RotationProgress) => void } = {}): Promise<RotationProgress> {
  const batchSize = options.batchSize ?? 500
  const target = ring.current
  await db
    .insertInto('pledge_meta')
    .values({ key: `master_key.v${target.version}.kcv`, value: target.kcv() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  await rewrapBlindIndexRoot(db, ring)
  let rewrapped = 0
  let remaining = await countStaleKeys(db, ring)
  while (remaining > 0) {
    const done = await db.transaction().execute(async (tx) => {
      const rows = await tx
        .selectFrom('subject_key')
        .select(['subject_id', 'kind', 'wrapped'])
        .where('master_version', '!=', target.version)
        .orderBy('subject_id')
        .limit(batchSize)
        .forUpdate()
        .execute()
      for (const row of rows) {
        const wrapped = rewrapDataKey(ring, row.wrapped, { subjectId: row.subject_id, keyKind: row.kind }, target)
        await tx.updateTable('subject_key').set({ wrapped, master_version: target.version }).where('subject_id', '=', row.subject_id).where('kind', '=', row.kind).execute()
      }
      return rows.length
    })
    if (done === 0) break
    rewrapped += done
    remaining = await countStaleKeys(db, ring)
    options.onProgress?.({ rewrapped, remaining })
  }
  return { rewrapped, remaining }
}

/** Replaces a key file with the new ring (the old versions stay in it, so nothing becomes unreadable). */
export function writeKeyFile(path: string, ring: MasterKeyRing): void {
  const body = `# Pledge master key. Keep it OUTSIDE the data directory and its backups: without it the\n# personal data in the database cannot be read; with it, anyone holding a backup can.\n${ring.serialize()}\n`
  const tmp = `${path}.rotating`
  writeFileSync(tmp, body, { mode: 0o600, flush: true })
  renameSync(tmp, path)
}
