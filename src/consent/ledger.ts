// The consent ledger: one independent consent per purpose, every event given or withdrawn kept with
// its proof (statement version, hash of the exact text shown, language, channel, act, who obtained
// it, when). The gate reads the current state through consentReader(); nothing else checks consent.
import { createHash } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { ConsentReader } from '../vault/vault.ts'
import { isConsentAct, isConsentChannel, type ConsentAct, type ConsentChannel } from './vocabulary.ts'

export interface ConsentEvidence {
  readonly purpose: string
  readonly granted: boolean
  /** The exact text the person saw; only its SHA-256 is kept. */
  readonly text: string
  readonly channel: ConsentChannel
  readonly lang: string
  /** The affirmative act, e.g. checkbox_ticked, double_opt_in_confirmed, one_click. */
  readonly act: ConsentAct
  readonly obtainedBy: string
  readonly statementVersion: number
}

export interface ConsentEvent {
  readonly purpose: string
  readonly granted: boolean
  readonly at: string
  readonly statementVersion: number
  readonly textHash: string
  readonly lang: string
  readonly channel: string
  readonly act: string
  readonly obtainedBy: string
}

export function textHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex')
}

export async function recordConsent(db: Kysely<DB>, subjectId: string, evidence: ConsentEvidence, at?: Date, auditSeq: number | null = null): Promise<string> {
  // Codes only: free text in these columns would outlive the person's erasure.
  if (!isConsentChannel(evidence.channel) || !isConsentAct(evidence.act)) throw new TypeError('consent channel and act must be codes of src/consent/vocabulary.ts')
  const id = uuidv7()
  await db
    .insertInto('consent_event')
    .values({
      subject_id: subjectId,
      id,
      purpose: evidence.purpose,
      granted: evidence.granted,
      statement_version: evidence.statementVersion,
      text_hash: textHash(evidence.text),
      lang: evidence.lang,
      channel: evidence.channel,
      act: evidence.act,
      obtained_by: evidence.obtainedBy,
      audit_seq: auditSeq,
      ...(at ? { at } : {}),
    })
    .execute()
  return id
}

export async function consentHistory(db: Kysely<DB>, subjectId: string): Promise<ConsentEvent[]> {
  const rows = await db.selectFrom('consent_event').selectAll().where('subject_id', '=', subjectId).orderBy('at').orderBy('id').execute()
  return rows.map((r) => ({
    purpose: r.purpose,
    granted: r.granted,
    at: new Date(r.at).toISOString(),
    statementVersion: r.statement_version,
    textHash: r.text_hash,
    lang: r.lang,
    channel: r.channel,
    act: r.act,
    obtainedBy: r.obtained_by,
  }))
}

/**
 * Which consents count now. A consent counts when the latest event for its purpose grants it and
 * was given under a statement version at or after the last version that changed that purpose
 * materially (REQ-CON-09): after such a change the person must be asked again.
 */
export function currentConsents(history: readonly ConsentEvent[], lastMaterialVersion: (purpose: string) => number): Map<string, boolean> {
  const latest = new Map<string, ConsentEvent>()
  for (const e of history) latest.set(e.purpose, e)
  const out = new Map<string, boolean>()
  for (const [purpose, e] of latest) out.set(purpose, e.granted && e.statementVersion >= lastMaterialVersion(purpose))
  return out
}

export function consentReader(lastMaterialVersion: (purpose: string) => number): ConsentReader {
  return {
    consents(latest) {
      return new Map(latest.map((e) => [e.purpose, e.granted && e.statementVersion >= lastMaterialVersion(e.purpose)]))
    },
  }
}

/**
 * Deletes the proof of consents withdrawn before `before` (the proof retention, REQ-CON-10): every
 * event of that subject and purpose goes, since the latest one is the withdrawal. Set-based: one
 * statement, whatever the number of people. Returns the number of events deleted.
 */
export async function purgeExpiredConsentProof(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await sql`
    delete from consent_event c using (
      select distinct on (subject_id, purpose) subject_id, purpose, granted, at
      from consent_event order by subject_id, purpose, at desc, id desc) l
    where c.subject_id = l.subject_id and c.purpose = l.purpose and not l.granted and l.at < ${before}`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
