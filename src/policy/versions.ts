// Published statement versions. The policy file is the source; the database keeps what was
// published, when, and whether each purpose changed materially. A restart never publishes: only
// the first start (nothing published yet) and `pledge policy publish` do.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Policy } from './policy.ts'
import type { PolicyDocument } from './schema.ts'
import { validatePolicyDocument } from './load.ts'
import { materialChanges, type PurposeChange } from './statement-diff.ts'
import { dateInZone, isIsoDate } from '../util/dates.ts'
import { affectedSubjectTypes, queueNotices } from './notices.ts'

export interface StatementVersion {
  readonly version: number
  readonly contentHash: string
  readonly publishedAt: string
  readonly effectiveDate: string
  readonly materialChanges: readonly PurposeChange[]
  /**
   * Whether the people a material change affects were told (REQ-TR-04, ./notices.ts): 'none',
   * 'pending' (notices owed), 'sent' or 'incomplete' (some failed or had no address).
   */
  readonly notificationStatus: string
}

/** What publishing did besides storing the version: the material-change notices it queued. */
export interface PublishOutcome extends StatementVersion {
  /** People queued a notice of this version (0 when nothing changed materially for anyone reachable). */
  readonly noticesQueued: number
}

/** The first date a version may take effect on: today, or for a material change today plus the notice period. */
export function earliestEffectiveDate(today: string, material: boolean, noticeDays: number): string {
  if (!material || noticeDays <= 0) return today
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + noticeDays)
  return d.toISOString().slice(0, 10)
}

export interface PublishedVersion extends StatementVersion {
  readonly policy: Policy
}

export class PublishError extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.name = 'PublishError'
    this.code = code
  }
}

type Row = {
  version: number
  content_hash: string
  published_at: Date
  effective_date: string
  material_changes: unknown
  notification_status: string
}

function toVersion(row: Row): StatementVersion {
  return {
    version: row.version,
    contentHash: row.content_hash,
    publishedAt: new Date(row.published_at).toISOString(),
    effectiveDate: row.effective_date,
    materialChanges: (row.material_changes ?? []) as PurposeChange[],
    notificationStatus: row.notification_status,
  }
}

const summaryColumns = ['version', 'content_hash', 'published_at', 'effective_date', 'material_changes', 'notification_status'] as const

export async function listVersions(db: Kysely<DB>): Promise<StatementVersion[]> {
  const rows = await db.selectFrom('policy_version').select(summaryColumns).orderBy('version', 'asc').execute()
  return rows.map((r) => toVersion(r as Row))
}

export async function getVersion(db: Kysely<DB>, version: number): Promise<PublishedVersion | undefined> {
  const row = await db.selectFrom('policy_version').select([...summaryColumns, 'document']).where('version', '=', version).executeTakeFirst()
  if (!row) return undefined
  return { ...toVersion(row as Row), policy: validatePolicyDocument(row.document, `statement version ${version}`, { stored: true }) }
}

/** The version in force on a date: the newest one whose effective date has come. */
export async function versionInForce(db: Kysely<DB>, onDate: string): Promise<PublishedVersion | undefined> {
  const row = await db
    .selectFrom('policy_version')
    .select('version')
    .where('effective_date', '<=', onDate)
    .orderBy('version', 'desc')
    .executeTakeFirst()
  return row ? getVersion(db, row.version) : undefined
}

/** Every published document with its content hash, newest first (e.g. to recognise an older cookie section). */
export async function publishedDocuments(db: Kysely<DB>): Promise<{ contentHash: string; document: Partial<PolicyDocument> }[]> {
  const rows = await db.selectFrom('policy_version').select(['content_hash', 'document']).orderBy('version', 'desc').execute()
  return rows.map((r) => ({ contentHash: r.content_hash, document: r.document as Partial<PolicyDocument> }))
}

export async function latestVersion(db: Kysely<DB>): Promise<PublishedVersion | undefined> {
  const row = await db.selectFrom('policy_version').select('version').orderBy('version', 'desc').executeTakeFirst()
  return row ? getVersion(db, row.version) : undefined
}

export interface DraftState {
  /** The file differs from the newest published version. */
  readonly isDraft: boolean
  readonly latest: number | undefined
}

export async function draftState(db: Kysely<DB>, policy: Policy): Promise<DraftState> {
  const row = await db.selectFrom('policy_version').select(['version', 'content_hash']).orderBy('version', 'desc').executeTakeFirst()
  return { isDraft: !row || row.content_hash !== policy.contentHash, latest: row?.version }
}

/**
 * Publishes the policy as the next version. The first version is published at first start;
 * later ones only on request. Refuses an unchanged policy and an effective date in the past.
 */
export async function publishVersion(
  db: Kysely<DB>,
  policy: Policy,
  options: {
    effectiveDate?: string | undefined
    now?: Date
    /** Called inside the transaction when notices were queued (e.g. to enqueue the job that sends them). */
    onNoticesQueued?: (tx: Kysely<DB>, version: number) => Promise<void>
  } = {},
): Promise<PublishOutcome> {
  const today = dateInZone(options.now ?? new Date(), policy.controller.timeZone)
  const effectiveDate = options.effectiveDate ?? today
  if (!isIsoDate(effectiveDate)) throw new PublishError('invalid_effective_date', `--effective must be a date YYYY-MM-DD, got "${effectiveDate}"`)
  if (effectiveDate < today) throw new PublishError('effective_date_in_past', `the effective date ${effectiveDate} is before today (${today} in ${policy.controller.timeZone})`)
  return db.transaction().execute(async (tx) => {
    const previous = await tx.selectFrom('policy_version').select(['version', 'content_hash', 'document']).orderBy('version', 'desc').forUpdate().executeTakeFirst()
    if (previous && previous.content_hash === policy.contentHash) {
      throw new PublishError('unchanged', `the policy is identical to the published version ${previous.version}; nothing to publish`)
    }
    const previousPolicy = previous ? validatePolicyDocument(previous.document, `version ${previous.version}`, { stored: true }) : undefined
    const changes = previousPolicy ? materialChanges(previousPolicy, policy) : []
    const anyMaterial = changes.some((c) => c.material)
    // REQ-TR-04: a material change is announced before it applies, so it may not apply sooner
    // than the notice period (statement.materialChangeNoticeDays) from today.
    const earliest = earliestEffectiveDate(today, anyMaterial, policy.materialChangeNoticeDays)
    if (effectiveDate < earliest) {
      const what = changes.filter((c) => c.material).map((c) => `${c.purposeId} (${c.changed.join(', ') || (c.added ? 'added' : 'removed')})`).join('; ')
      throw new PublishError(
        'notice_period',
        `this version changes purposes materially (${what}); the people affected must be told ${policy.materialChangeNoticeDays} days before it takes effect, so the earliest effective date is ${earliest} (--effective ${earliest} or later; statement.materialChangeNoticeDays sets the period)`,
      )
    }
    const version = (previous?.version ?? 0) + 1
    const row = await tx
      .insertInto('policy_version')
      .values({
        version,
        content_hash: policy.contentHash,
        effective_date: effectiveDate,
        document: JSON.stringify(policy.document),
        material_changes: JSON.stringify(changes),
        notification_status: anyMaterial ? 'pending' : 'none',
      })
      .returning(summaryColumns)
      .executeTakeFirstOrThrow()
    // One notice per person concerned, with the version: both exist or neither (./notices.ts).
    let noticesQueued = 0
    if (anyMaterial && previousPolicy) {
      noticesQueued = await queueNotices(tx, version, affectedSubjectTypes(previousPolicy, policy, changes))
      if (noticesQueued === 0) await tx.updateTable('policy_version').set({ notification_status: 'sent' }).where('version', '=', version).execute()
      else await options.onNoticesQueued?.(tx, version)
    }
    const stored = toVersion(row as Row)
    return { ...stored, notificationStatus: noticesQueued === 0 && anyMaterial ? 'sent' : stored.notificationStatus, noticesQueued }
  })
}

/** At start: publish version 1 when nothing was ever published; otherwise leave the file a draft. */
export async function ensureFirstVersion(db: Kysely<DB>, policy: Policy, now?: Date): Promise<{ published: boolean; draft: DraftState }> {
  const state = await draftState(db, policy)
  if (state.latest === undefined) {
    try {
      await publishVersion(db, policy, { now })
    } catch (err) {
      // Another instance published version 1 at the same moment: theirs stands.
      if (!/duplicate key|unique/i.test((err as Error).message)) throw err
    }
    return { published: true, draft: await draftState(db, policy) }
  }
  return { published: false, draft: state }
}
