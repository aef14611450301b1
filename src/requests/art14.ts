// Art. 14 notices (REQ-TR-03): a person whose data came from another source (an import, a purchased
// list, a customer giving us its contact person) is told who we are, what we hold, why, and the
// specific source — within one month (here at the next daily round after the data arrive), and in
// any case before the first other mail to them (the newsletter calls in before it sends). People
// a customer registered (processor role) are that customer's to inform, not ours.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Policy } from '../policy/policy.ts'
import type { Language } from '../policy/schema.ts'
import type { Gate } from '../gate/gate.ts'
import type { Vault } from '../vault/vault.ts'
import type { Mailer } from '../mail/mailer.ts'
import { systemActor } from '../gate/actor.ts'
import { REQUEST_PURPOSE } from '../gate/request-purpose.ts'
import { requestMail } from './mails.ts'

/** The notice goes out in the controller's first language unless the policy says otherwise. */
const NOTICE_LANGUAGE: Language = 'nl'

export interface Art14Deps {
  readonly db: Kysely<DB>
  readonly gate: Gate
  readonly vault: Vault
  readonly mailer: Mailer
  readonly policy: () => Policy
  readonly baseUrl: string
  readonly now: () => Date
}

/** Sends every notice owed; returns how many went out and how many could not (no address). */
export async function sendArt14Notices(d: Art14Deps, limit = 500): Promise<{ sent: number; skipped: number }> {
  let sent = 0
  let skipped = 0
  for (const s of await owed(d, undefined, limit)) {
    const outcome = await sendOne(d, s)
    if (outcome === 'sent') sent++
    else if (outcome === 'skipped') skipped++
  }
  return { sent, skipped }
}

/**
 * The first communication with a person whose data came from elsewhere carries the notice first
 * (Art. 14(3)(b)): called before any mail to them, it sends the notice if it is still owed.
 */
export async function sendArt14NoticeBeforeContact(d: Art14Deps, subjectId: string): Promise<boolean> {
  const [s] = await owed(d, subjectId, 1)
  return s ? (await sendOne(d, s)) === 'sent' : false
}

async function owed(d: Art14Deps, subjectId: string | undefined, limit: number): Promise<{ id: string; type: string; source: string | null }[]> {
  const controllerTypes = d.policy().subjectTypes.filter((t) => t.role !== 'processor').map((t) => t.id)
  if (!controllerTypes.length) return []
  let q = d.db
    .selectFrom('subject as s')
    .leftJoin('art14_notice as n', 'n.subject_id', 's.id')
    .select(['s.id', 's.type', 's.source'])
    .where('s.source', 'is not', null)
    .where('s.erased_at', 'is', null)
    .where('s.tenant_id', 'is', null)
    .where('s.type', 'in', controllerTypes)
    .where('n.subject_id', 'is', null)
  if (subjectId) q = q.where('s.id', '=', subjectId)
  return q.limit(limit).execute()
}

async function sendOne(d: Art14Deps, s: { id: string; type: string; source: string | null }): Promise<'sent' | 'skipped' | 'taken'> {
  const policy = d.policy()
  const actor = systemActor('art14-notices', [REQUEST_PURPOSE])
  const due = d.now()
  let email: string | undefined
  try {
    const read = await d.gate.read(actor, REQUEST_PURPOSE, s.id, ['contact.email'])
    email = typeof read.data['contact.email'] === 'string' ? read.data['contact.email'] : undefined
  } catch {
    email = undefined
  }
  if (!email) {
    // No address to write to: recorded, so the first communication by other means must carry it.
    await d.db.insertInto('art14_notice').values({ subject_id: s.id, due_at: due, skipped_reason: 'no_email_address' }).onConflict((oc) => oc.column('subject_id').doNothing()).execute()
    return 'skipped'
  }
  // Claim first, so two instances never both send it.
  const claimed = await d.db.insertInto('art14_notice').values({ subject_id: s.id, due_at: due }).onConflict((oc) => oc.column('subject_id').doNothing()).returning('subject_id').executeTakeFirst()
  if (!claimed) return 'taken'
  const content = requestMail(policy, NOTICE_LANGUAGE, { kind: 'art14_notice', source: s.source!, subjectType: s.type }, { privacyCenterUrl: `${d.baseUrl.replace(/\/$/, '')}/privacy-center?lang=${NOTICE_LANGUAGE}` })
  await d.mailer.send({ to: email, subject: content.subject, text: content.text, html: content.html, recipientHash: (await d.vault.emailHashOf(s.id)) ?? 'unknown' })
  await d.db.updateTable('art14_notice').set({ sent_at: d.now() }).where('subject_id', '=', s.id).execute()
  return 'sent'
}
