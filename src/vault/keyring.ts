// Where the master key comes from at start, and the check that it is the key this database was
// created with: a wrong key fails at start with a clear message, never by returning garbage.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Database } from '../db/database.ts'
import type { Logger } from '../log.ts'
import { MasterKey, MasterKeyError, MasterKeyRing, generateMasterKeyFile, masterKeyFromEnv, masterKeyRingFrom, readMasterKeyFile } from './master-key.ts'
import { generateDataKey, unwrapDataKey, wrapDataKey } from './envelope.ts'

export interface KeyConfig {
  readonly dataDir: string
  readonly masterKey?: string | undefined
}

export function defaultKeyFilePath(dataDir: string): string {
  return join(dataDir, 'master.key')
}

const kcvKey = (version: number) => `master_key.v${version}.kcv`
const INDEX_ROOT_KEY = 'blind_index.root'
const INDEX_ROOT_CONTEXT = { subjectId: '00000000-0000-0000-0000-000000000000', keyKind: 'ordinary' } as const

/** Reads the ring from PLEDGE_MASTER_KEY, or in embedded mode from (or into) the data directory. */
export function loadMasterKeyRing(config: KeyConfig, mode: Database['mode'], logger?: Logger): { ring: MasterKeyRing; keyFile: string | undefined } {
  const fromEnv = masterKeyFromEnv(config.masterKey)
  if (fromEnv) {
    const v = config.masterKey!.trim()
    const file = v.startsWith('file:') ? v.slice(5) : existsSync(v) ? v : undefined
    return { ring: fromEnv, keyFile: file }
  }
  if (mode === 'postgres') {
    throw new MasterKeyError('PLEDGE_MASTER_KEY_INVALID', 'PLEDGE_MASTER_KEY is required with PostgreSQL, so that every instance uses the same key: give a 32-byte key in base64 or hex, or the path of a key file (generate one with `pledge keys generate FILE`)')
  }
  const path = defaultKeyFilePath(config.dataDir)
  if (existsSync(path)) return { ring: readMasterKeyFile(path), keyFile: path }
  const ring = generateMasterKeyFile(path)
  logger?.warn(
    { keyFile: path },
    'created a new master key file. It belongs OUTSIDE the data directory and its backups: move it, and set PLEDGE_MASTER_KEY to its path',
  )
  return { ring, keyFile: path }
}

/**
 * Compares the ring with the key check values the database recorded, records the current
 * version's, and returns the blind-index root key (random, stored wrapped under the master key, so
 * rotating the master key rewraps it instead of changing every index).
 */
export async function checkMasterKey(db: Kysely<DB>, ring: MasterKeyRing): Promise<MasterKey> {
  const rows = await db.selectFrom('pledge_meta').select(['key', 'value']).where('key', 'like', 'master_key.v%.kcv').execute()
  const stored = rows.map((r) => ({ version: Number(/^master_key\.v(\d+)\.kcv$/.exec(r.key)?.[1]), kcv: r.value })).filter((s) => Number.isInteger(s.version))
  const known = stored.filter((s) => ring.has(s.version))
  if (stored.length > 0 && known.length === 0) ring.assertMatches(stored) // throws, naming the versions
  ring.assertMatches(known)
  const missing = await db
    .selectFrom('subject_key')
    .select('master_version')
    .where('master_version', 'not in', ring.versions)
    .limit(1)
    .executeTakeFirst()
  if (missing) {
    throw new MasterKeyError('PLEDGE_MASTER_KEY_MISMATCH', `the database holds data keys wrapped under master key v${missing.master_version}, which the master key given does not contain (it has ${ring.versions.map((v) => `v${v}`).join(', ')})`)
  }
  for (const version of ring.versions) {
    if (!stored.some((s) => s.version === version)) {
      await db.insertInto('pledge_meta').values({ key: kcvKey(version), value: ring.get(version).kcv() }).onConflict((oc) => oc.column('key').doNothing()).execute()
    }
  }
  return blindIndexRoot(db, ring)
}

async function blindIndexRoot(db: Kysely<DB>, ring: MasterKeyRing): Promise<MasterKey> {
  let row = await db.selectFrom('pledge_meta').select('value').where('key', '=', INDEX_ROOT_KEY).executeTakeFirst()
  if (!row) {
    const wrapped = wrapDataKey(ring.current, generateDataKey(), INDEX_ROOT_CONTEXT)
    await db.insertInto('pledge_meta').values({ key: INDEX_ROOT_KEY, value: wrapped.toString('base64') }).onConflict((oc) => oc.column('key').doNothing()).execute()
    row = await db.selectFrom('pledge_meta').select('value').where('key', '=', INDEX_ROOT_KEY).executeTakeFirstOrThrow()
  }
  const secret = unwrapDataKey(ring, Buffer.from(row.value, 'base64'), INDEX_ROOT_CONTEXT)
  return masterKeyRingFrom([{ version: 1, secret }]).current
}

/** Re-wraps the blind-index root under the ring's current version (part of key rotation). */
export async function rewrapBlindIndexRoot(db: Kysely<DB>, ring: MasterKeyRing): Promise<void> {
  const row = await db.selectFrom('pledge_meta').select('value').where('key', '=', INDEX_ROOT_KEY).executeTakeFirst()
  if (!row) return
  const secret = unwrapDataKey(ring, Buffer.from(row.value, 'base64'), INDEX_ROOT_CONTEXT)
  const wrapped = wrapDataKey(ring.current, secret, INDEX_ROOT_CONTEXT)
  await db.updateTable('pledge_meta').set({ value: wrapped.toString('base64') }).where('key', '=', INDEX_ROOT_KEY).execute()
}

export { MasterKeyRing }
