// The proof of each cookie choice a banner recorded (REQ-CK-07): what the banner showed and what the
// person chose, with the cookie policy version — no IP address, no user agent.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Language } from '../policy/schema.ts'

export interface CookieConsentInput {
  readonly consentId: string
  readonly bannerVersion: string
  readonly policyVersion: string
  readonly choices: Readonly<Record<string, boolean>>
  readonly lang: Language
  readonly gpc: boolean
}

/** Stores the proof: no IP address, no user agent, nothing but what the banner showed and chose. */
export async function recordCookieConsent(db: Kysely<DB>, input: CookieConsentInput, at: Date): Promise<{ id: string; at: Date }> {
  const id = randomUUID()
  await db
    .insertInto('cookie_consent')
    .values({
      id,
      consent_id: input.consentId,
      banner_version: input.bannerVersion,
      policy_version: input.policyVersion,
      choices: JSON.stringify(input.choices),
      lang: input.lang,
      gpc: input.gpc,
      at,
    })
    .execute()
  return { id, at }
}
