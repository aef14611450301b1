// The cookie policy as the banner needs it, its version, and the proof of each cookie choice
// (REQ-CK-07). Server side only: banner.ts never imports this.
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { displayName, type Policy } from '../policy/policy.ts'
import type { Language, PolicyDocument } from '../policy/schema.ts'
import { formatLifetime } from '../policy/i18n.ts'
import { canonicalJson } from '../util/canonical-json.ts'
import { publishedDocuments } from '../policy/versions.ts'
import { BANNER_TEXTS, type BannerTexts } from './texts.ts'

type CookieSection = PolicyDocument['cookies']

/** The cookie policy version: SHA-256 of the canonical JSON of the policy's `cookies` section. */
export function cookiePolicyVersion(cookies: CookieSection): string {
  return createHash('sha256').update(canonicalJson(cookies)).digest('hex')
}

export interface CookiePolicyView {
  readonly version: string
  readonly statementVersion: number
  readonly lang: Language
  /** The request carried `Sec-GPC: 1`: the banner treats it as a refusal of non-essential categories. */
  readonly gpc: boolean
  readonly controller: string
  readonly categories: { id: string; necessary: boolean; label: string; description: string }[]
  readonly cookies: { name: string; provider: string; category: string; purpose: string; lifetime: string; lifetimeText: string }[]
  readonly texts: BannerTexts
  /** Relative to the Pledge server. */
  readonly privacyUrl: string
}

export function cookiePolicyView(policy: Policy, statementVersion: number, lang: Language, gpc: boolean): CookiePolicyView {
  const controller = displayName(policy.controller, lang)
  const base = BANNER_TEXTS[lang]
  return {
    version: cookiePolicyVersion(policy.cookies),
    statementVersion,
    lang,
    gpc,
    controller,
    categories: policy.cookies.categories.map((c) => ({ id: c.id, necessary: c.necessary, label: c.label[lang], description: c.description[lang] })),
    cookies: policy.cookies.cookies.map((k) => ({
      name: k.name,
      provider: k.provider,
      category: k.category,
      purpose: k.purpose[lang],
      lifetime: k.lifetime,
      lifetimeText: formatLifetime(k.lifetime, lang),
    })),
    texts: { ...base, body: base.body.replace('{controller}', controller) },
    privacyUrl: `/privacy?lang=${lang}`,
  }
}

export interface ChoiceProblem {
  readonly field: string
  readonly message: string
}

/** Every category of the cookie policy, and only those; strictly necessary ones always true. */
export function checkChoices(cookies: CookieSection, choices: Readonly<Record<string, boolean>>): ChoiceProblem[] {
  const problems: ChoiceProblem[] = []
  const known = new Map(cookies.categories.map((c) => [c.id, c]))
  for (const id of Object.keys(choices)) {
    if (!known.has(id)) problems.push({ field: `body.choices.${id.slice(0, 64)}`, message: `unknown cookie category; the categories are ${[...known.keys()].join(', ')}` })
  }
  for (const c of known.values()) {
    const value = choices[c.id]
    if (value === undefined) problems.push({ field: `body.choices.${c.id}`, message: 'missing: every category needs a choice' })
    else if (c.necessary && value !== true) problems.push({ field: `body.choices.${c.id}`, message: 'strictly necessary cookies cannot be refused: must be true' })
  }
  return problems
}

/**
 * The cookie section of the published version whose cookie policy version is `version`, if any
 * published statement version ever carried it (a banner loaded just before a publish stays valid).
 */
export async function findCookieSection(db: Kysely<DB>, current: Policy, version: string): Promise<CookieSection | undefined> {
  if (cookiePolicyVersion(current.cookies) === version) return current.cookies
  for (const row of await publishedDocuments(db)) {
    let section = sectionCache.get(row.contentHash)
    if (!section && row.document.cookies) {
      section = row.document.cookies
      sectionCache.set(row.contentHash, section)
    }
    if (section && cookiePolicyVersion(section) === version) return section
  }
  return undefined
}
const sectionCache = new Map<string, CookieSection>()
