// What the console's Policy page shows, gathered in the policy room: the published versions and
// the one in force, the policy file on disk as a draft (its material changes against the newest
// published version, who they concern, the earliest date it may take effect), and the progress of
// each version's material-change notices. Counts and ids only: no person is named here.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Policy } from './policy.ts'
import type { Language } from './schema.ts'
import { loadPolicyFile, PolicyError } from './load.ts'
import { draftState, earliestEffectiveDate, latestVersion, listVersions, versionInForce, type PublishedVersion, type StatementVersion } from './versions.ts'
import { materialChanges, type PurposeChange } from './statement-diff.ts'
import { affectedSubjectTypes, noticeCounts, type NoticeCounts } from './notices.ts'
import { statementBlocks } from './statement.ts'
import { compareStatements, type StatementComparison } from './version-compare.ts'
import { dateInZone } from '../util/dates.ts'

export interface PolicyDraft {
  /** The file as loaded (valid policy). */
  readonly policy: Policy
  readonly contentHash: string
  /** The number it would be published as. */
  readonly nextVersion: number
  /** Its changes per purpose against the newest published version (what publishing records). */
  readonly changes: readonly PurposeChange[]
  readonly material: boolean
  /** The subject types the material changes concern (their people are told). */
  readonly affectedTypes: readonly string[]
  readonly noticeDays: number
  /** Today, or today plus the notice period for a material change (YYYY-MM-DD). */
  readonly earliestEffectiveDate: string
}

export interface PolicyOverview {
  /** Today in the controller's time zone (YYYY-MM-DD). */
  readonly today: string
  readonly timeZone: string
  readonly inForce: PublishedVersion | undefined
  readonly latest: PublishedVersion | undefined
  /** Every published version, newest first. */
  readonly versions: readonly StatementVersion[]
  /** The file differs from the newest published version: it is a draft (or cannot be loaded). */
  readonly draft: PolicyDraft | undefined
  /** The file cannot be loaded as policy: the loader's reasons (paths and messages, no personal data). */
  readonly unreadable: string | undefined
  /** Notice progress of each version that changed something materially (REQ-TR-04), by version number. */
  readonly notices: ReadonlyMap<number, NoticeCounts>
}

export async function policyOverview(db: Kysely<DB>, policyPath: string, now: Date, fallbackTimeZone: string): Promise<PolicyOverview> {
  let file: Policy | undefined
  let unreadable: string | undefined
  try {
    file = await loadPolicyFile(policyPath)
  } catch (err) {
    if (!(err instanceof PolicyError) && !(err as NodeJS.ErrnoException).code) throw err
    unreadable = err instanceof PolicyError ? err.issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('\n') : `the file cannot be read (${(err as NodeJS.ErrnoException).code})`
  }
  const timeZone = file?.controller.timeZone ?? fallbackTimeZone
  const today = dateInZone(now, timeZone)
  const [versions, inForce, latest] = await Promise.all([listVersions(db), versionInForce(db, today), latestVersion(db)])
  const notices = new Map<number, NoticeCounts>()
  for (const v of versions) if (v.notificationStatus !== 'none') notices.set(v.version, await noticeCounts(db, v.version))
  let draft: PolicyDraft | undefined
  if (file && (await draftState(db, file)).isDraft) {
    const changes = latest ? materialChanges(latest.policy, file) : []
    const material = changes.some((c) => c.material)
    draft = {
      policy: file,
      contentHash: file.contentHash,
      nextVersion: (latest?.version ?? 0) + 1,
      changes,
      material,
      affectedTypes: latest && material ? affectedSubjectTypes(latest.policy, file, changes) : [],
      noticeDays: file.materialChangeNoticeDays,
      earliestEffectiveDate: earliestEffectiveDate(today, material, file.materialChangeNoticeDays),
    }
  }
  return { today, timeZone, inForce: inForce ?? latest, latest, versions: [...versions].reverse(), draft, unreadable, notices }
}

/** The draft's statement against the one in force, in one language, as a reader would compare them. */
export function draftComparison(inForce: PublishedVersion, draft: PolicyDraft, lang: Language): StatementComparison {
  return compareStatements(
    statementBlocks(inForce.policy, lang, { version: inForce.version, effectiveDate: inForce.effectiveDate }),
    statementBlocks(draft.policy, lang, { version: draft.nextVersion, effectiveDate: draft.earliestEffectiveDate }),
  )
}
