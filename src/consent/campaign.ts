// Newsletter campaigns sent by Pledge itself (issue 19 part 2). The gate decides every recipient at
// send time, for the campaign's purpose (consent or soft opt-in, no objection, not suppressed,
// not restricted; the Art. 14 notice is sent first where it is due), in each person's language.
//
// At-most-once: a recipient's row is written `in_flight` (primary key campaign + subject) before
// the mail is handed to SMTP and `sent` after. A crash in between leaves the row `in_flight`: a
// resumed campaign reports it and never sends to that person again, nor to anyone `sent`.
//
// A campaign whose HTML loads anything remote (images, tracking pixels, style sheets, fonts,
// frames) is refused: a remote fetch tells the sender when and where a person opened the mail,
// which is reading information from their terminal (ePrivacy Directive Art. 5(3); in Belgium the
// Act of 30 July 2018 Art. 10/2; EDPB Guidelines 2/2023 on the technical scope of Art. 5(3)).
import { v7 as uuidv7 } from 'uuid'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { defaultLanguage, displayName, type Policy } from '../policy/policy.ts'
import { LANGUAGES, type Language } from '../policy/schema.ts'
import type { Vault } from '../vault/vault.ts'
import { GateDenied, type Gate } from '../gate/gate.ts'
import type { Actor } from '../gate/actor.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { Mailer } from '../mail/mailer.ts'
import { campaignMail } from '../mail/templates.ts'

export const CAMPAIGN_LIMITS = { subject: 200, htmlBytes: 512 * 1024, textBytes: 256 * 1024, minRate: 1, maxRate: 1000, defaultRate: 20, concurrency: 4 } as const
const PAGE = 500

export class CampaignError extends Error {
  readonly code: string
  readonly status: 400 | 404 | 409 | 422
  constructor(code: string, message: string, status: 400 | 404 | 409 | 422 = 422) {
    super(message)
    this.name = 'CampaignError'
    this.code = code
    this.status = status
  }
}

export interface CampaignContent {
  readonly subject: string
  readonly html: string
  /** Plain-text version; default: the HTML with its tags removed. */
  readonly text?: string | undefined
}

/**
 * A campaign's content: `default` for everyone, and optionally one per language (nl, fr, en) that
 * replaces it for the people written to in that language. A person whose language has no content
 * and no default is skipped (reason no_content_for_language), never sent another language.
 */
export type CampaignContents = { readonly default?: CampaignContent | undefined } & { readonly [L in Language]?: CampaignContent | undefined }

export interface CampaignInput {
  readonly purpose: string
  readonly content: CampaignContents
  readonly rate?: number | undefined
}

export interface CampaignReport {
  readonly id: string
  readonly purpose: string
  readonly status: 'draft' | 'sending' | 'finished'
  readonly sent: number
  readonly skipped: Record<string, number>
  readonly failed: number
  readonly sentByLanguage: Record<string, number>
  /** Recipients handed to SMTP by a run that crashed before it recorded the outcome: never resent. */
  readonly inFlight: readonly string[]
}

export interface DryRunReport {
  readonly purpose: string
  readonly recipients: number
  readonly byLanguage: Record<string, number>
  readonly skipped: Record<string, number>
}

/** The first remote reference in the HTML, or undefined: what a mail client would fetch. */
export function remoteContentIn(html: string): string | undefined {
  const local = (v: string) => /^\s*(data:|cid:|#)/i.test(v)
  const short = (v: string) => (v.length > 80 ? `${v.slice(0, 77)}...` : v)
  for (const m of html.matchAll(/<\s*(script|iframe|frame|object|embed|applet|link|base|meta\s+http-equiv\s*=\s*["']?refresh)\b/gi)) return `a <${m[1]!.toLowerCase().split(/\s/)[0]}> element`
  for (const m of html.matchAll(/\s(src|srcset|background|poster|data|lowsrc|dynsrc|xlink:href|formaction)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const value = m[3] ?? m[4] ?? m[5] ?? ''
    if (!local(value)) return `${m[1]!.toLowerCase()}="${short(value)}"`
  }
  for (const m of html.matchAll(/<\s*image\b[^>]*\shref\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    const value = m[2] ?? m[3] ?? ''
    if (!local(value)) return `an SVG <image href="${short(value)}">`
  }
  for (const m of html.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) if (!local(m[2]!)) return `CSS url(${short(m[2]!)})`
  if (/@import\b/i.test(html)) return 'a CSS @import'
  return undefined
}

function checkContent(where: string, c: unknown): CampaignContent {
  if (typeof c !== 'object' || c === null) throw new CampaignError('invalid_content', `${where} must be an object with subject and html`, 400)
  const { subject, html, text } = c as Record<string, unknown>
  if (typeof subject !== 'string' || subject.trim() === '' || subject.length > CAMPAIGN_LIMITS.subject || /[\r\n]/.test(subject)) throw new CampaignError('invalid_subject', `${where}.subject must be one line of 1 to ${CAMPAIGN_LIMITS.subject} characters`, 400)
  if (typeof html !== 'string' || html.trim() === '' || Buffer.byteLength(html) > CAMPAIGN_LIMITS.htmlBytes) throw new CampaignError('invalid_html', `${where}.html must be HTML of at most ${CAMPAIGN_LIMITS.htmlBytes} bytes`, 400)
  if (text !== undefined && (typeof text !== 'string' || Buffer.byteLength(text) > CAMPAIGN_LIMITS.textBytes)) throw new CampaignError('invalid_text', `${where}.text must be text of at most ${CAMPAIGN_LIMITS.textBytes} bytes`, 400)
  const remote = remoteContentIn(html)
  if (remote) {
    throw new CampaignError(
      'remote_content',
      `${where}.html loads remote content (${remote}): a remote image, tracking pixel, style sheet or font tells us when and where a person opened the mail, which needs their consent (ePrivacy Directive Art. 5(3); Belgian Act of 30 July 2018 Art. 10/2; EDPB Guidelines 2/2023). Embed images as data: or cid: parts, or link to them instead.`,
    )
  }
  return { subject, html, text: typeof text === 'string' ? text : htmlToText(html) }
}

function htmlToText(html: string): string {
  return html
    .replace(/<(style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr)>/gi, '\n\n')
    .replace(/<a\s[^>]*href\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

export interface CampaignDeps {
  readonly db: Kysely<DB>
  readonly vault: Vault
  readonly gate: Gate
  readonly audit: AuditLog
  readonly mailer: Mailer
  readonly policy: () => Policy
  readonly baseUrl: string
  readonly now: () => Date
  readonly unsubscribeToken: (subjectId: string) => string
  /** The Art. 14 notice, before the first contact where it is owed. */
  readonly beforeContact?: (subjectId: string) => Promise<unknown>
}

export class Campaigns {
  readonly #d: CampaignDeps

  constructor(deps: CampaignDeps) {
    this.#d = deps
  }

  /** Checks a campaign as given (bounds, a direct-marketing purpose, no remote content). */
  check(input: CampaignInput): { purpose: string; content: Record<string, CampaignContent>; rate: number } {
    const purpose = this.#d.policy().purpose(typeof input.purpose === 'string' ? input.purpose : '')
    if (!purpose) throw new CampaignError('unknown_purpose', `the policy has no purpose "${String(input.purpose).slice(0, 64)}"`, 400)
    if (!purpose.directMarketing) throw new CampaignError('not_direct_marketing', `${purpose.id} is not a direct-marketing purpose: campaigns are sent only under one (${this.#d.policy().purposes.filter((p) => p.directMarketing).map((p) => p.id).join(', ')})`)
    const content: Record<string, CampaignContent> = {}
    if (typeof input.content !== 'object' || input.content === null) throw new CampaignError('invalid_content', 'content must be an object: { default?, nl?, fr?, en? }', 400)
    for (const key of Object.keys(input.content)) {
      if (key !== 'default' && !(LANGUAGES as readonly string[]).includes(key)) throw new CampaignError('invalid_content', `content has "${key.slice(0, 16)}": the keys are default, ${LANGUAGES.join(', ')}`, 400)
      const c = (input.content as Record<string, unknown>)[key]
      if (c !== undefined) content[key] = checkContent(`content.${key}`, c)
    }
    if (Object.keys(content).length === 0) throw new CampaignError('invalid_content', 'give content for default or for at least one language', 400)
    const rate = input.rate ?? CAMPAIGN_LIMITS.defaultRate
    if (!Number.isInteger(rate) || rate < CAMPAIGN_LIMITS.minRate || rate > CAMPAIGN_LIMITS.maxRate) throw new CampaignError('invalid_rate', `the rate is a whole number of mails per second from ${CAMPAIGN_LIMITS.minRate} to ${CAMPAIGN_LIMITS.maxRate}`, 400)
    return { purpose: purpose.id, content, rate }
  }

  get #mailer(): Actor {
    return this.#d.gate.systemActor('mailer')
  }

  async *#candidates(purposeId: string): AsyncGenerator<string[]> {
    const types = this.#d.policy().purpose(purposeId)?.subjectTypes ?? []
    let after: string | undefined
    for (;;) {
      const ids = await this.#d.vault.livingSubjects({ types, after, limit: PAGE })
      if (ids.length === 0) return
      yield ids
      after = ids.at(-1)
    }
  }

  /** Counts who would receive the campaign now, per language, and who would be skipped and why. */
  async dryRun(by: Actor, input: CampaignInput): Promise<DryRunReport> {
    const c = this.check(input)
    await this.#d.gate.requirePurpose(by, c.purpose, 'newsletter.campaign')
    const byLanguage: Record<string, number> = {}
    const skipped: Record<string, number> = {}
    let recipients = 0
    const fallback = defaultLanguage(this.#d.policy())
    for await (const ids of this.#candidates(c.purpose)) {
      for (const id of ids) {
        const d = await this.#d.gate.audienceCheck(this.#mailer, c.purpose, id)
        const lang = d.language ?? fallback
        if (!d.allowed) skipped[d.reason] = (skipped[d.reason] ?? 0) + 1
        else if (!c.content[lang] && !c.content.default) skipped.no_content_for_language = (skipped.no_content_for_language ?? 0) + 1
        else ((byLanguage[lang] = (byLanguage[lang] ?? 0) + 1), recipients++)
      }
    }
    await this.#d.audit.append({ actorId: by.id, action: 'newsletter.campaign', subjectId: null, purpose: c.purpose, categories: [], decision: 'allow', reason: `dry_run:recipients:${recipients}` })
    return { purpose: c.purpose, recipients, byLanguage, skipped }
  }

  /** Records a campaign (checked) to send; returns its id. */
  async create(by: Actor, input: CampaignInput): Promise<string> {
    const c = this.check(input)
    await this.#d.gate.requirePurpose(by, c.purpose, 'newsletter.campaign')
    const id = uuidv7()
    await this.#d.audit.append({ actorId: by.id, action: 'newsletter.campaign', subjectId: null, purpose: c.purpose, categories: [], decision: 'allow', reason: `created:${id}` })
    await this.#d.db.insertInto('newsletter_campaign').values({ id, purpose: c.purpose, content: JSON.stringify(c.content), created_by: by.id, rate: c.rate, status: 'draft' }).execute()
    return id
  }

  async report(id: string): Promise<CampaignReport | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined
    const campaign = await this.#d.db.selectFrom('newsletter_campaign').select(['id', 'purpose', 'status']).where('id', '=', id).executeTakeFirst()
    if (!campaign) return undefined
    const rows = await this.#d.db.selectFrom('newsletter_delivery').select(['state', 'reason', 'lang', 'subject_id']).where('campaign_id', '=', id).execute()
    const skipped: Record<string, number> = {}
    const sentByLanguage: Record<string, number> = {}
    let sent = 0
    let failed = 0
    const inFlight: string[] = []
    for (const r of rows) {
      if (r.state === 'sent') ((sent += 1), (sentByLanguage[r.lang ?? '?'] = (sentByLanguage[r.lang ?? '?'] ?? 0) + 1))
      else if (r.state === 'skipped') skipped[r.reason ?? 'skipped'] = (skipped[r.reason ?? 'skipped'] ?? 0) + 1
      else if (r.state === 'failed') failed += 1
      else inFlight.push(r.subject_id)
    }
    return { id, purpose: campaign.purpose, status: campaign.status as CampaignReport['status'], sent, skipped, failed, sentByLanguage, inFlight: inFlight.sort() }
  }

  /**
   * The campaigns a stopped server left `sending`, resumed: each person's claim row keeps every mail
   * at most once (the in-flight ones are reported, never resent), so resuming is safe even when
   * another instance resumes the same campaign. Returns their ids; the sending runs in the background.
   */
  async resumeSending(onError: (id: string, err: Error) => void): Promise<string[]> {
    const open = await this.#d.db.selectFrom('newsletter_campaign').select('id').where('status', '=', 'sending').execute()
    for (const { id } of open) void this.send(id).catch((err: Error) => onError(id, err))
    return open.map((c) => c.id)
  }

  /**
   * Sends (or resumes) a campaign: everyone the gate allows now and who has no row yet, at most
   * `rate` mails a second, `concurrency` people at a time (default 4). `onProgress(done, total)`
   * after each candidate.
   */
  async send(id: string, options: { rate?: number; concurrency?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<CampaignReport> {
    const { db, gate, mailer } = this.#d
    const campaign = await db.selectFrom('newsletter_campaign').selectAll().where('id', '=', id).executeTakeFirst()
    if (!campaign) throw new CampaignError('campaign_not_found', 'no campaign with this id', 404)
    const content = (typeof campaign.content === 'string' ? JSON.parse(campaign.content) : campaign.content) as Record<string, CampaignContent>
    const rate = options.rate ?? campaign.rate
    if (!Number.isInteger(rate) || rate < CAMPAIGN_LIMITS.minRate || rate > CAMPAIGN_LIMITS.maxRate) throw new CampaignError('invalid_rate', `the rate is a whole number of mails per second from ${CAMPAIGN_LIMITS.minRate} to ${CAMPAIGN_LIMITS.maxRate}`, 400)
    await db.updateTable('newsletter_campaign').set({ status: 'sending' }).where('id', '=', id).execute()
    const policy = this.#d.policy()
    const fallback = defaultLanguage(policy)
    const actor = this.#mailer
    const types = policy.purpose(campaign.purpose)?.subjectTypes ?? []
    const total = await this.#countCandidates(types)
    const interval = 1000 / rate
    const started = Date.now()
    let handed = 0
    let done = 0
    const mark = (subjectId: string, state: 'sent' | 'skipped' | 'failed', lang: string | null, reason: string | null) =>
      db.updateTable('newsletter_delivery').set({ state, lang, reason, updated_at: this.#d.now() }).where('campaign_id', '=', id).where('subject_id', '=', subjectId).execute()
    // One person, start to finish; several run at once (`concurrency`), the claim keeps each once.
    const one = async (subjectId: string): Promise<void> => {
      done++
      // The claim: one row per person and campaign, written before anything is sent.
      const claimed = await db.insertInto('newsletter_delivery').values({ campaign_id: id, subject_id: subjectId, state: 'in_flight', updated_at: this.#d.now() }).onConflict((oc) => oc.columns(['campaign_id', 'subject_id']).doNothing()).executeTakeFirst()
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) !== 1) {
        options.onProgress?.(done, total)
        return
      }
      let email: string
      let lang: Language
      try {
        const read = await gate.read(actor, campaign.purpose, subjectId, ['contact.email'])
        const value = read.data['contact.email']
        lang = read.language ?? fallback
        if (typeof value !== 'string') {
          await mark(subjectId, 'skipped', lang, 'no_email')
          options.onProgress?.(done, total)
          return
        }
        email = value
      } catch (err) {
        if (!(err instanceof GateDenied)) throw err
        await mark(subjectId, 'skipped', null, err.reason)
        options.onProgress?.(done, total)
        return
      }
      const c = content[lang] ?? content.default
      if (!c) {
        await mark(subjectId, 'skipped', lang, 'no_content_for_language')
        options.onProgress?.(done, total)
        return
      }
      await this.#d.beforeContact?.(subjectId)
      // Pacing: each mail takes the next slot of the rate, whichever worker sends it.
      const slot = handed++
      const wait = started + slot * interval - Date.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      const mail = campaignMail({
        lang,
        controllerName: displayName(policy.controller, lang),
        subject: c.subject,
        html: c.html,
        text: c.text ?? '',
        unsubscribeUrl: `${this.#d.baseUrl}/newsletter/unsubscribe?t=${this.#d.unsubscribeToken(subjectId)}&lang=${lang}`,
        privacyUrl: `${this.#d.baseUrl}/privacy?lang=${lang}`,
      })
      try {
        await mailer.send({ to: email, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers ?? {}, recipientHash: (await this.#d.vault.emailHashOf(subjectId)) ?? 'unknown' })
      } catch {
        // Refused or cut off: never retried (it may have arrived); counted as failed.
        await mark(subjectId, 'failed', lang, 'smtp')
        options.onProgress?.(done, total)
        return
      }
      await mark(subjectId, 'sent', lang, null)
      options.onProgress?.(done, total)
    }
    const workers = Math.max(1, Math.min(options.concurrency ?? CAMPAIGN_LIMITS.concurrency, 16))
    for await (const ids of this.#candidates(campaign.purpose)) {
      let next = 0
      await Promise.all(Array.from({ length: workers }, async () => {
        while (next < ids.length) await one(ids[next++]!)
      }))
    }
    await db.updateTable('newsletter_campaign').set({ status: 'finished', finished_at: this.#d.now() }).where('id', '=', id).execute()
    const report = (await this.report(id))!
    await this.#d.audit.append({ actorId: actor.id, action: 'newsletter.campaign', subjectId: null, purpose: campaign.purpose, categories: [], decision: 'allow', reason: `sent:${id}:${report.sent}:in_flight:${report.inFlight.length}` })
    return report
  }

  async #countCandidates(types: readonly string[]): Promise<number> {
    let n = 0
    let after: string | undefined
    for (;;) {
      const ids = await this.#d.vault.livingSubjects({ types, after, limit: 5000 })
      n += ids.length
      if (ids.length < 5000) return n
      after = ids.at(-1)
    }
  }
}
