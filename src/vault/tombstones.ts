// Tombstones: the ids of erased subjects, kept in the database AND in a file outside it, so that
// restoring an old database backup cannot bring an erased person back (REQ-ER-04). At every start
// each tombstoned subject that exists again with its ordinary key or ordinary records is shredded
// again: ordinary key and records deleted, erased_at set; records kept under the retention key stay.
// The file holds one subject id per line and nothing else (no name, no reason, no date).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { isUuid } from '../util/ids.ts'
import type { AuditLog } from '../audit/audit-log.ts'


export class TombstoneFile {
  readonly path: string
  constructor(path: string) {
    this.path = path
  }

  /** Appends ids (one per line) and fsyncs the file before returning. */
  append(ids: readonly string[]): void {
    if (ids.length === 0) return
    for (const id of ids) if (!isUuid(id)) throw new Error('a tombstone holds a subject id (a UUID) only')
    const created = !existsSync(this.path)
    if (created) mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 })
    const fd = openSync(this.path, 'a', 0o600)
    try {
      writeSync(fd, ids.map((id) => `${id}\n`).join(''))
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    if (created) fsyncDir(dirname(this.path))
  }

  /** Every id in the file; a torn last line (a crash mid-append) is ignored. */
  read(): string[] {
    if (!existsSync(this.path)) return []
    const ids = new Set<string>()
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      const id = line.trim().toLowerCase()
      if (isUuid(id)) ids.add(id)
    }
    return [...ids]
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    /* some platforms cannot fsync a directory */
  }
}

export interface ReapplyResult {
  /** Subjects that existed again with their ordinary key or records, and were shredded again. */
  readonly reapplied: readonly string[]
  /** Tombstones in the database that were missing from the file, now appended to it. */
  readonly appendedToFile: number
}

const CHUNK = 1000

/**
 * Re-applies every tombstone (file and table) at start: a tombstoned subject that is not marked
 * erased or still has its ordinary key (a restored backup) is shredded again. Idempotent; audited
 * with ids only (`subject.erase.reapplied`). Unreadable ordinary records left behind by a subject
 * erased normally (no ordinary key) are not touched here: the vault's purgeShredded removes them.
 */
export async function reapplyTombstones(db: Kysely<DB>, file: TombstoneFile, audit: AuditLog, now: Date): Promise<ReapplyResult> {
  const fromFile = new Set(file.read())
  const fromTable = (await db.selectFrom('erasure_tombstone').select('subject_id').execute()).map((r) => r.subject_id.toLowerCase())
  const missing = fromTable.filter((id) => !fromFile.has(id))
  file.append(missing)
  const all = [...new Set([...fromFile, ...fromTable])]
  const reapplied: string[] = []
  for (let i = 0; i < all.length; i += CHUNK) {
    const ids = all.slice(i, i + CHUNK)
    const alive = await sql<{ id: string }>`
      select s.id from subject s
      where s.id in (${sql.join(ids)})
        and (s.erased_at is null
          or exists (select 1 from subject_key k where k.subject_id = s.id and k.kind = 'ordinary'))`.execute(db)
    for (const { id } of alive.rows) {
      // The entry first (fail closed): the re-erasure carries its sequence number.
      const seq = await audit.append({ actorId: 'system:tombstones', action: 'subject.erase.reapplied', subjectId: id, purpose: null, categories: [], decision: null, reason: 'tombstone' })
      await db.transaction().execute(async (tx) => {
        await tx.selectFrom('subject').select('id').where('id', '=', id).forUpdate().execute()
        await tx.deleteFrom('subject_key').where('subject_id', '=', id).where('kind', '=', 'ordinary').execute()
        await tx.deleteFrom('personal_data').where('subject_id', '=', id).where('key_kind', '=', 'ordinary').execute()
        await tx.updateTable('subject').set({ erased_at: sql<Date>`coalesce(erased_at, ${now})`, external_id: null, source: null, language: null }).where('id', '=', id).execute()
        await tx.insertInto('erasure_tombstone').values({ subject_id: id, erased_at: now, audit_seq: seq }).onConflict((oc) => oc.column('subject_id').doNothing()).execute()
      })
      reapplied.push(id)
    }
  }
  return { reapplied, appendedToFile: missing.length }
}
