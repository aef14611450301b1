// Art. 14 notices (REQ-TR-03): a person whose data came from another source (an import, a purchased
// list, a customer giving us its contact person) is told who we are, what we hold, why, and the
// specific source — within one month (here at the next daily round after the data arrive), and in
// any case before the first other mail to them (the newsletter calls in before it sends). People
// a customer registered (processor role) are that customer's to inform, not ours. The notice is
// written in the language the person is written to in (subject.language: from the channel that
// collected the data, or their own choice), else in the controller's (REQ-TR-13).
//
// The round acts as its own declared system actor (`art14-notices`): the built-in purpose
// art14_notice reaches the e-mail address, the recorded source and that language, nothing else.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { defaultLanguage, type Policy } from '../policy/policy.ts'
import type { Gate } from '../gate/gate.ts'
import { GateDenied } from '../gate/gate.ts'
import type { Vault } from '../vault/vault.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { Logger } from '../log.ts'
import { requestMail } from './mails.ts'

const PAGE = 500

export interface Art14Deps {
  readonly db: Kysely<DB>
  readonly gate: Gate
  readonly vault: Vault
  readonly mailer: Mailer
  readonly policy: () => Policy
  readonly baseUrl: string
  readonly now: () => Date
  readonly logger?: Pick<Logger, 'warn'>
}

/**
 * Sends every notice owed; returns how many went out, how many could not (no address on record)
 * and how many failed for now (left owed: the next round tries again).
 */
export async function sendArt14Notices(d: Art14Deps, limit = 500): Promise<{ sent: number; skipped: number; failed: number }> {
  let sent = 0
  let skipped = 0
  let failed = 0
  for (const id of await owed(d, undefined, limit)) {
    try {
      const outcome = await sendOne(d, id)
      if (outcome === 'sent') sent++
      else if (outcome === 'skipped') skipped++
    } catch (err) {
      // Not a missing address: the notice stays owed and the next round tries again. Ids only.
      failed++
      d.logger?.warn({ subjectId: id, err: { type: (err as Error).name, reason: (err as { reason?: string }).reason } }, 'Art. 14 notice not sent; retried at the next round')
    }
  }
  return { sent, skipped, failed }
}

/**
 * The first communication with a person whose data came from elsewhere carries the notice first
 * (Art. 14(3)(b)): called before any mail to them, it sends the notice if it is still owed.
 */
export async function sendArt14NoticeBeforeContact(d: Art14Deps, subjectId: string): Promise<boolean> {
  const [id] = await owed(d, subjectId, 1)
  return id ? (await sendOne(d, id)) === 'sent' : false
}

/** Ids of the controller's people from another source who have no notice record yet. */
async function owed(d: Art14Deps, subjectId: string | undefined, limit: number): Promise<string[]> {
  const types = d.policy().subjectTypes.filter((t) => t.role !== 'processor').map((t) => t.id)
  const out: string[] = []
  let after: string | undefined
  while (out.length < limit) {
    const page = await d.vault.sourcedSubjects({ types, after, limit: PAGE, subjectId })
    if (page.length === 0) break
    const noticed = new Set((await d.db.selectFrom('art14_notice').select('subject_id').where('subject_id', 'in', page).execute()).map((r) => r.subject_id))
    for (const id of page) if (!noticed.has(id) && out.length < limit) out.push(id)
    if (page.length < PAGE) break
    after = page[page.length - 1]
  }
  return out
}

async function sendOne(d: Art14Deps, subjectId: string): Promise<'sent' | 'skipped' | 'taken' | 'not_owed'> {
  const policy = d.policy()
  const actor = d.gate.systemActor('art14-notices')
  const due = d.now()
  let recipient
  try {
    recipient = await d.gate.noticeRecipient(actor, subjectId)
  } catch (err) {
    // Erased or gone meanwhile: nobody to tell any more. Anything else is a failure to retry.
    if (err instanceof GateDenied && (err.reason === 'subject_erased' || err.reason === 'subject_not_found')) return 'not_owed'
    throw err
  }
  if (!recipient.email) {
    // No address to write to: recorded, so the first communication by other means must carry it.
    await d.db.insertInto('art14_notice').values({ subject_id: subjectId, due_at: due, skipped_reason: 'no_email_address' }).onConflict((oc) => oc.column('subject_id').doNothing()).execute()
    return 'skipped'
  }
  // Claim first, so two instances never both send it.
  const claimed = await d.db.insertInto('art14_notice').values({ subject_id: subjectId, due_at: due }).onConflict((oc) => oc.column('subject_id').doNothing()).returning('subject_id').executeTakeFirst()
  if (!claimed) return 'taken'
  try {
    // In the language the person is written to in; with none stored, the controller's own.
    const lang = recipient.language ?? defaultLanguage(policy)
    const content = requestMail(policy, lang, { kind: 'art14_notice', source: recipient.source ?? '', subjectType: recipient.type }, { privacyCenterUrl: `${d.baseUrl.replace(/\/$/, '')}/privacy-center?lang=${lang}` })
    await d.mailer.send({ to: recipient.email, subject: content.subject, text: content.text, html: content.html, recipientHash: (await d.vault.emailHashOf(subjectId)) ?? 'unknown' })
  } catch (err) {
    // Not sent: release the claim so the notice stays owed.
    await d.db.deleteFrom('art14_notice').where('subject_id', '=', subjectId).where('sent_at', 'is', null).execute()
    throw err
  }
  await d.db.updateTable('art14_notice').set({ sent_at: d.now() }).where('subject_id', '=', subjectId).execute()
  return 'sent'
}
