// Whether the policy file on disk has changes no published version holds. The file is read
// again only when its size or modification time changes, so /health stays cheap; a publish by
// the CLI (through the server or straight into the database) shows at once, without a restart.
import { stat } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { loadPolicyFile } from './load.ts'
import { draftState } from './versions.ts'

export interface PolicyFileState {
  /** The file differs from the newest published version (or cannot be read as a policy). */
  readonly isDraft: boolean
  /** The newest published version, which may not be in force yet. */
  readonly latest: number | undefined
  /** The file cannot be loaded: it is not valid policy (the reason is in the server log at start and in `pledge policy lint`). */
  readonly unreadable: boolean
}

export function policyFileWatcher(db: Kysely<DB>, path: string): () => Promise<PolicyFileState> {
  let seen: { key: string; policy: Awaited<ReturnType<typeof loadPolicyFile>> | undefined } | undefined
  return async () => {
    let key: string
    try {
      const s = await stat(path)
      key = `${s.size}:${s.mtimeMs}`
    } catch {
      key = 'missing'
    }
    if (seen?.key !== key) {
      let policy: Awaited<ReturnType<typeof loadPolicyFile>> | undefined
      try {
        policy = await loadPolicyFile(path)
      } catch {
        policy = undefined
      }
      seen = { key, policy }
    }
    if (!seen.policy) {
      const row = await db.selectFrom('policy_version').select('version').orderBy('version', 'desc').executeTakeFirst()
      return { isDraft: true, latest: row?.version, unreadable: true }
    }
    return { ...(await draftState(db, seen.policy)), unreadable: false }
  }
}
