// Semantic checks on a structurally valid policy: what the schema cannot say (exactly one basis per
// subject type, an assessment for legitimate interests, concrete retention, known references ...).
// Each rule is a small pure function from the document to its issues; LINTS gathers them.
// Every issue names the field to fix, in the same path notation as schema errors.
import { BUILTIN_EVENTS, LANGUAGES, LEGAL_BASES, type LegalBasis, type PolicyDocument, type PurposeDocument } from './schema.ts'
import { EEA_COUNTRIES } from './policy.ts'
import { BUILTIN_PURPOSES, REQUEST_PURPOSE } from './builtin.ts'
import type { PolicyIssue } from './load.ts'

export type Lint = (doc: PolicyDocument) => PolicyIssue[]

/** Appends a map key to a path: `basis.customer`, or `basis["odd key"]` when it is not a plain id. */
function keyPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

const purposeRole = (p: PurposeDocument): 'controller' | 'processor' => p.role ?? 'controller'

interface BasisEntry {
  readonly subjectType: string
  /** Path of the field that holds this subject type's basis. */
  readonly path: string
  /** Every basis written for the subject type; exactly one is valid. */
  readonly bases: readonly LegalBasis[]
}

/** The bases a purpose records for each of its subject types, with the field each comes from. */
function basisEntries(p: PurposeDocument, i: number): BasisEntry[] {
  const base = `purposes[${i}].basis`
  const raw = p.basis
  const asList = (v: LegalBasis | LegalBasis[] | undefined): LegalBasis[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
  if (raw === undefined || typeof raw === 'string' || Array.isArray(raw)) {
    return p.subjectTypes.map((subjectType) => ({ subjectType, path: base, bases: asList(raw) }))
  }
  return p.subjectTypes.map((subjectType) => ({
    subjectType,
    path: keyPath(base, subjectType),
    bases: asList(Object.hasOwn(raw, subjectType) ? raw[subjectType] : undefined),
  }))
}

/** All bases a purpose uses for any subject type. */
function basesUsed(p: PurposeDocument, i: number): Set<LegalBasis> {
  return new Set(basisEntries(p, i).flatMap((e) => e.bases))
}

const basisList = LEGAL_BASES.join(', ')

/** REQ-LB-01: exactly one primary Art. 6(1) basis for every subject type the purpose covers. */
export const lintOneBasisPerSubjectType: Lint = (doc) => {
  const issues: PolicyIssue[] = []
  doc.purposes.forEach((p, i) => {
    const raw = p.basis
    if (raw === undefined) {
      issues.push({
        path: `purposes[${i}].basis`,
        message: `no legal basis: give one Art. 6(1) basis (${basisList}) for the purpose, or one per subject type`,
      })
      return
    }
    const shared = typeof raw === 'string' || Array.isArray(raw)
    if (!shared) {
      for (const key of Object.keys(raw)) {
        if (!p.subjectTypes.includes(key)) {
          issues.push({
            path: keyPath(`purposes[${i}].basis`, key),
            message: `"${key}" is not one of this purpose's subjectTypes (${p.subjectTypes.join(', ')}): remove it or add it to subjectTypes`,
          })
        }
      }
    }
    const reported = new Set<string>()
    for (const entry of basisEntries(p, i)) {
      // A single value or list shared by every subject type is reported once, not per subject type.
      if (entry.bases.length === 1 || reported.has(entry.path)) continue
      reported.add(entry.path)
      const who = shared && p.subjectTypes.length > 1 ? 'the purpose' : `subject type ${entry.subjectType}`
      issues.push({
        path: entry.path,
        message:
          entry.bases.length === 0
            ? `no legal basis for ${who}: give exactly one of ${basisList}`
            : `${entry.bases.length} legal bases (${entry.bases.join(', ')}) for ${who}: exactly one primary Art. 6(1) basis must be fixed in advance; keep one`,
      })
    }
  })
  return issues
}

/** REQ-LB-05: legitimate interests need a documented assessment (not for processor purposes: the customer decides). */
export const lintLegitimateInterestAssessment: Lint = (doc) =>
  doc.purposes.flatMap((p, i) =>
    purposeRole(p) === 'controller' && basesUsed(p, i).has('legitimate_interests') && !p.legitimateInterest
      ? [{
          path: `purposes[${i}].legitimateInterest`,
          message:
            'basis legitimate_interests (Art. 6(1)(f)) needs a documented assessment: add legitimateInterest with interest, necessity, balancing, author and date',
        }]
      : [],
  )

/** REQ-LB-06: a legal obligation names the statute that imposes it. */
export const lintStatutoryReference: Lint = (doc) =>
  doc.purposes.flatMap((p, i) =>
    basesUsed(p, i).has('legal_obligation') && !p.statutoryReference
      ? [{
          path: `purposes[${i}].statutoryReference`,
          message: 'basis legal_obligation (Art. 6(1)(c)) must name the statutory provision, e.g. "VAT Code Art. 60 §4"',
        }]
      : [],
  )

/** REQ-LB-04: 6(1)(b) does not apply to the employee or contact person of a legal-person customer. */
export const lintContractForContactPersons: Lint = (doc) => {
  const contacts = new Set(doc.subjectTypes.filter((s) => s.contactOfLegalPerson).map((s) => s.id))
  return doc.purposes.flatMap((p, i) =>
    basisEntries(p, i)
      .filter((e) => contacts.has(e.subjectType) && e.bases.includes('contract'))
      .map((e) => ({
        path: e.path,
        message: `basis contract (Art. 6(1)(b)) cannot apply to ${e.subjectType}: a contact person of a legal person is not party to the contract; use legitimate_interests for ${e.subjectType} (a basis map) and document a legitimateInterest assessment`,
      })),
  )
}

/** Art. 17(3)(e) and REQ-LB-08: keeping data for legal claims cannot rest on consent, which can be withdrawn. */
export const lintConsentNotForLegalClaims: Lint = (doc) =>
  doc.purposes.flatMap((p, i) =>
    p.legalClaims && basesUsed(p, i).has('consent')
      ? [{
          path: `purposes[${i}].legalClaims`,
          message: 'a consent-based purpose cannot be a legal-claims purpose (no falling back on another basis after withdrawal): remove legalClaims or use legitimate_interests',
        }]
      : [],
  )

/** REQ-PR-02: data held for a customer stays in processor purposes, and processor purposes hold nothing else. */
export const lintRoleConsistency: Lint = (doc) => {
  const roleOf = new Map(doc.subjectTypes.map((s) => [s.id, s.role]))
  return doc.purposes.flatMap((p, i) =>
    p.subjectTypes.flatMap((st, j) => {
      const stRole = roleOf.get(st)
      if (stRole === undefined || stRole === purposeRole(p)) return []
      return [{
        path: `purposes[${i}].subjectTypes[${j}]`,
        message:
          purposeRole(p) === 'controller'
            ? `${st} is held on behalf of a customer (role processor): a controller purpose must not use it; remove it or set role: processor on the purpose`
            : `a processor purpose may only cover subject types with role processor, and ${st} has role controller: remove it or move it to a controller purpose`,
      }]
    }),
  )
}

const ZERO_DURATION = /^P(0+[YMWD])+$/

/** REQ-RT-01, REQ-TR-02: a retention runs a concrete duration from a named event. */
export const lintRetentionPeriod: Lint = (doc) =>
  doc.purposes.flatMap((p, i) => {
    const r = p.retention
    const at = `purposes[${i}].retention`
    const issues: PolicyIssue[] = []
    if (!r.duration) {
      issues.push({ path: `${at}.duration`, message: 'missing retention duration: give an ISO 8601 duration such as P10Y, P6M or P30D' })
    } else if (ZERO_DURATION.test(r.duration) && !r.trigger) {
      issues.push({ path: `${at}.duration`, message: `duration ${r.duration} (delete at once) is only allowed with an explicit trigger event` })
    }
    if (!r.trigger) {
      issues.push({ path: `${at}.trigger`, message: 'missing retention trigger: name the event the duration runs from, e.g. contract_ended' })
    }
    if (!r.legalReference && !r.rationale) {
      issues.push({ path: at, message: 'retention needs a legalReference (the statute) or a rationale (why this period), or both' })
    }
    return issues
  })

// Phrases that announce no period at all (APD 136/2023 ¶26). Matched on lower-case text without accents.
const VAGUE_RETENTION: readonly RegExp[] = [
  /\bas long as (is |it is |strictly )?(necessary|needed|required)\b/,
  /\b(no|not) longer than (is |strictly )?(necessary|needed|required)\b/,
  /\b(legal|statutory|applicable|legally required) retention (period|term)s?\b/,
  /\bretention (period|term)s? (required|prescribed|imposed) by (law|legislation)\b/,
  /\bzo ?lang (als |dat )?(nodig|noodzakelijk|vereist)\b/,
  /\bniet langer dan (strikt )?(nodig|noodzakelijk|vereist)\b/,
  /\bwettelijke? bewa(a)?r(ings)?termijn(en)?\b/,
  /\baussi longtemps que (strictement )?(necessaire|requis)\b/,
  /\bpas plus longtemps que (strictement )?(necessaire|requis)\b/,
  /\b(duree|durees|delai|delais|periode|periodes) (legale|legales|legal|legaux) de conservation\b/,
]

const normalise = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').toLowerCase()

export const isVagueRetentionText = (text: string): boolean => {
  const t = normalise(text)
  return VAGUE_RETENTION.some((re) => re.test(t))
}

/** A reference's texts with their paths: one string, or one per language. */
function referenceTexts(path: string, ref: string | Record<string, string> | undefined): [string, string | undefined][] {
  if (ref === undefined || typeof ref === 'string') return [[path, ref]]
  return LANGUAGES.map((l): [string, string | undefined] => [`${path}.${l}`, ref[l]])
}

/** REQ-TR-02: retention texts state a period, never "as long as necessary" or "the legal retention periods". */
export const lintVagueRetentionText: Lint = (doc) =>
  doc.purposes.flatMap((p, i) => {
    const at = `purposes[${i}].retention`
    const texts: [string, string | undefined][] = [
      ...referenceTexts(`${at}.legalReference`, p.retention.legalReference),
      ...LANGUAGES.map((l): [string, string | undefined] => [`${at}.rationale.${l}`, p.retention.rationale?.[l]]),
    ]
    return texts
      .filter(([, text]) => text !== undefined && isVagueRetentionText(text))
      .map(([path]) => ({
        path,
        message: 'vague retention wording ("as long as necessary", "the legal retention periods"): state the concrete period, the event it runs from and the provision that sets it',
      }))
  })

/** REQ-RT-01: a retention trigger is an event the engine knows: built in or declared under events. */
export const lintRetentionTrigger: Lint = (doc) => {
  const known = new Set<string>([...BUILTIN_EVENTS, ...(doc.events ?? []).map((e) => e.id)])
  return doc.purposes.flatMap((p, i) => {
    const trigger = p.retention.trigger
    return trigger !== undefined && !known.has(trigger)
      ? [{
          path: `purposes[${i}].retention.trigger`,
          message: `unknown event "${trigger}": use a built-in event (${BUILTIN_EVENTS.join(', ')}) or declare it under events`,
        }]
      : []
  }).concat(
    doc.purposes.flatMap((p, i) =>
      (p.createEvents ?? []).flatMap((event, j) =>
        known.has(event) ? [] : [{ path: `purposes[${i}].createEvents[${j}]`, message: `unknown event "${event}": use a built-in event or declare it under events` }],
      ),
    ),
  ).concat(
    // A derived event follows a known event other than itself (so it can happen, and only once).
    (doc.events ?? []).flatMap((e, i) =>
      e.derive && (!known.has(e.derive.from) || e.derive.from === e.id)
        ? [{ path: `events[${i}].derive.from`, message: `"${e.derive.from}" cannot start ${e.id}: name a built-in event (${BUILTIN_EVENTS.join(', ')}) or another declared event` }]
        : [],
    ),
  )
}

/** REQ-TF-01: a recipient outside the EEA needs an adequacy decision or SCCs. */
export const lintTransferMechanism: Lint = (doc) =>
  (doc.recipients ?? []).flatMap((r, i) =>
    !EEA_COUNTRIES.has(r.country) && !r.transfer
      ? [{
          path: `recipients[${i}].transfer`,
          message: `${r.id} is in ${r.country}, outside the EEA: add a transfer mechanism (adequacy with decision and date, or scc with decision, module and date)`,
        }]
      : [],
  )

/**
 * REQ-PRC-01, REQ-TF-01: a recipient the processor register does not cover (a processor without an
 * active DPA, a location outside the EEA without a recorded mechanism). A warning, not an error:
 * the policy loads, and the gate refuses disclosures to the recipient until the register covers it.
 * `gapsOf` is the register's answer (src/processors/register.ts), so this rule stays pure.
 */
export function lintUncoveredRecipients(doc: PolicyDocument, gapsOf: (recipientId: string) => readonly string[]): PolicyIssue[] {
  return (doc.recipients ?? []).flatMap((r, i) => {
    const gaps = gapsOf(r.id)
    return gaps.length
      ? [{ path: `recipients[${i}]`, message: `${r.id} (${r.role}, ${r.country}) is not covered by the processor register (${gaps.join(', ')}): the gate refuses disclosures to it until its DPA and transfer mechanisms are recorded (pledge processors set, /admin/processors/${r.id})` }]
      : []
  })
}

/** REQ-LB-02 and friends: every id a policy refers to is declared in it. */
export const lintUnknownReferences: Lint = (doc) => {
  const ids = <T extends { id: string }>(list: readonly T[] | undefined) => new Set((list ?? []).map((x) => x.id))
  const categories = ids(doc.categories)
  const subjectTypes = ids(doc.subjectTypes)
  const recipients = ids(doc.recipients)
  const purposes = ids(doc.purposes)
  const cookieCategories = ids(doc.cookies.categories)
  const issues: PolicyIssue[] = []
  const check = (known: Set<string>, id: string, path: string, what: string, where: string) => {
    if (!known.has(id)) issues.push({ path, message: `unknown ${what} "${id}": declare it under ${where} or fix the id` })
  }
  doc.purposes.forEach((p, i) => {
    p.subjectTypes.forEach((st, j) => check(subjectTypes, st, `purposes[${i}].subjectTypes[${j}]`, 'subject type', 'subjectTypes'))
    p.categories.forEach((c, j) => check(categories, c.id, `purposes[${i}].categories[${j}].id`, 'category', 'categories'))
    ;(p.recipients ?? []).forEach((r, j) => check(recipients, r, `purposes[${i}].recipients[${j}]`, 'recipient', 'recipients'))
  })
  // Staff roles may also hold the built-in request-handling purpose.
  const rolePurposes = new Set([...purposes, REQUEST_PURPOSE])
  ;(doc.staffRoles ?? []).forEach((s, i) =>
    s.purposes.forEach((pid, j) => check(rolePurposes, pid, `staffRoles[${i}].purposes[${j}]`, 'purpose', 'purposes')),
  )
  doc.cookies.cookies.forEach((c, i) => check(cookieCategories, c.category, `cookies.cookies[${i}].category`, 'cookie category', 'cookies.categories'))
  return issues
}

/** Ids identify things across versions, consents and audit entries, so each is declared once. */
export const lintDuplicateIds: Lint = (doc) => {
  const issues: PolicyIssue[] = []
  const unique = (values: readonly string[], pathOf: (i: number) => string, what: string) => {
    const first = new Map<string, number>()
    values.forEach((v, i) => {
      const seen = first.get(v)
      if (seen === undefined) first.set(v, i)
      else issues.push({ path: pathOf(i), message: `duplicate ${what} "${v}" (already at ${pathOf(seen)}): give it another id or merge the two` })
    })
  }
  unique(doc.categories.map((c) => c.id), (i) => `categories[${i}].id`, 'category id')
  unique(doc.subjectTypes.map((s) => s.id), (i) => `subjectTypes[${i}].id`, 'subject type id')
  unique(doc.purposes.map((p) => p.id), (i) => `purposes[${i}].id`, 'purpose id')
  unique((doc.recipients ?? []).map((r) => r.id), (i) => `recipients[${i}].id`, 'recipient id')
  unique(doc.cookies.categories.map((c) => c.id), (i) => `cookies.categories[${i}].id`, 'cookie category id')
  unique((doc.events ?? []).map((e) => e.id), (i) => `events[${i}].id`, 'event id')
  unique((doc.staffRoles ?? []).map((s) => s.id), (i) => `staffRoles[${i}].id`, 'staff role id')
  ;(doc.staffRoles ?? []).forEach((s, i) => {
    if (s.id === 'staff_admin') issues.push({ path: `staffRoles[${i}].id`, message: '"staff_admin" is Pledge\'s built-in role that manages accounts and opens no personal data: give this role another id' })
  })
  doc.purposes.forEach((p, i) => {
    if (BUILTIN_PURPOSES.includes(p.id)) issues.push({ path: `purposes[${i}].id`, message: `"${p.id}" is a built-in purpose of Pledge: give this purpose another id` })
  })
  ;(doc.events ?? []).forEach((e, i) => {
    if ((BUILTIN_EVENTS as readonly string[]).includes(e.id)) {
      issues.push({ path: `events[${i}].id`, message: `"${e.id}" is a built-in event: remove it from events` })
    }
  })
  // Within a purpose, a category or subject type listed twice would leave "required" ambiguous.
  doc.purposes.forEach((p, i) => {
    unique(p.categories.map((c) => c.id), (j) => `purposes[${i}].categories[${j}].id`, 'category')
    unique(p.subjectTypes, (j) => `purposes[${i}].subjectTypes[${j}]`, 'subject type')
  })
  return issues
}

/** REQ-CK-01: strictly necessary cookies (exempt from consent) live in a category `necessary`. */
export const lintNecessaryCookieCategory: Lint = (doc) => {
  const i = doc.cookies.categories.findIndex((c) => c.id === 'necessary')
  if (i < 0) {
    return [{ path: 'cookies.categories', message: 'add a cookie category "necessary" with necessary: true (it holds the cookie that remembers the visitor\'s choice)' }]
  }
  return doc.cookies.categories[i]!.necessary
    ? []
    : [{ path: `cookies.categories[${i}].necessary`, message: 'the category "necessary" must be marked necessary: true' }]
}

export const LINTS: readonly Lint[] = [
  lintDuplicateIds,
  lintUnknownReferences,
  lintOneBasisPerSubjectType,
  lintLegitimateInterestAssessment,
  lintStatutoryReference,
  lintContractForContactPersons,
  lintConsentNotForLegalClaims,
  lintRoleConsistency,
  lintRetentionPeriod,
  lintVagueRetentionText,
  lintRetentionTrigger,
  lintTransferMechanism,
  lintNecessaryCookieCategory,
]

/**
 * REQ-TR-01: every text a person reads exists in Dutch, French and English — a legal or statutory
 * reference given as one string would be shown untranslated in two of them.
 */
export const lintUntranslatedReferences: Lint = (doc) =>
  doc.purposes.flatMap((p, i) => [
    ...(typeof p.retention.legalReference === 'string' ? [{ path: `purposes[${i}].retention.legalReference`, message: 'give the legal reference in nl, fr and en ({ nl: …, fr: …, en: … }): one string would be read untranslated in two languages' }] : []),
    ...(typeof p.statutoryReference === 'string' ? [{ path: `purposes[${i}].statutoryReference`, message: 'give the statutory reference in nl, fr and en ({ nl: …, fr: …, en: … }): one string would be read untranslated in two languages' }] : []),
  ])

/**
 * REQ-TR-01: the controller's legal name and form, its street line (bus / boîte / box), the privacy
 * contact's name and the authority's street are written per language: one string would print the
 * Dutch form (NV, bus) in the French text. A city may stay one string when it has one name.
 */
export const lintUntranslatedNames: Lint = (doc) => {
  const c = doc.controller
  // A name without its form (JAG2 Solutions) may stay one string when the form is translated.
  const formApart = c.legalForm !== undefined && typeof c.legalForm !== 'string' && typeof c.name === 'string' && !LEGAL_FORM_AT_END.test(c.name)
  const fields: [string, unknown, string][] = [
    ...(formApart ? [] : [['controller.name', c.name, 'the legal name ({ nl: … NV, fr: … SA, en: … NV }), or the name without its form and a translated legalForm'] as [string, unknown, string]]),
    ['controller.legalForm', c.legalForm, 'the legal form ({ nl: NV, fr: SA, en: NV })'],
    ['controller.address.street', c.address.street, 'the street line ({ nl: … bus 1, fr: … boîte 1, en: … box 1 })'],
    ['controller.privacyContact.name', c.privacyContact.name, "the privacy contact's name"],
    ['supervisoryAuthority.address.street', doc.supervisoryAuthority.address.street, 'the street line'],
    ...(doc.recipients ?? []).map((r, i): [string, unknown, string] => [`recipients[${i}].transfer.decision`, r.transfer?.decision, 'the Commission decision']),
  ]
  return fields
    .filter(([, value]) => typeof value === 'string')
    .map(([path, , what]) => ({ path, message: `give ${what} in nl, fr and en: one string would be read in one language's form in all three` }))
}

/** Legal forms a free text may write after the company name (Belgian, French, Dutch, English, German). */
const LEGAL_FORMS = ['NV', 'SA', 'BV', 'SRL', 'BVBA', 'SPRL', 'CV', 'SC', 'CVBA', 'SCRL', 'VOF', 'SNC', 'CommV', 'SCS', 'VZW', 'ASBL', 'SAS', 'SARL', 'Ltd', 'LLC', 'Inc', 'plc', 'GmbH', 'AG']

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const LEGAL_FORM_AT_END = new RegExp(`\\s(${LEGAL_FORMS.map(escapeRegExp).join('|')})\\.?$`)

const textOf = (v: string | Record<string, string>, lang: (typeof LANGUAGES)[number]): string => (typeof v === 'string' ? v : (v[lang] ?? ''))

/**
 * REQ-TR-01: a free text (introduction, security, extra paragraphs, the contact's note) that names
 * the company with another legal form, or its street with another box or number, than the policy
 * gives for that language contradicts the generated "who we are" section. Better: leave the name
 * and address out of free texts; the statement prints them from the policy.
 */
export const lintFreeTextNames: Lint = (doc) => {
  const c = doc.controller
  const texts: [string, Record<string, string>][] = [
    ['statement.introduction', doc.statement.introduction],
    ['statement.security', doc.statement.security],
    ...(doc.statement.additional ?? []).flatMap((a, i): [string, Record<string, string>][] => [[`statement.additional[${i}].title`, a.title], [`statement.additional[${i}].body`, a.body]]),
    ...(c.privacyContact.note ? [['controller.privacyContact.note', c.privacyContact.note] as [string, Record<string, string>]] : []),
  ]
  const issues: PolicyIssue[] = []
  for (const lang of LANGUAGES) {
    const form = c.legalForm ? textOf(c.legalForm, lang) : undefined
    const raw = textOf(c.name, lang)
    const legalName = form && raw !== form && !raw.endsWith(` ${form}`) ? `${raw} ${form}` : raw
    const base = legalName.replace(new RegExp(`\\s+(${LEGAL_FORMS.map(escapeRegExp).join('|')})\\.?$`), '')
    const nameRe = new RegExp(`${escapeRegExp(base)}\\s+(${LEGAL_FORMS.map(escapeRegExp).join('|')})\\b`, 'g')
    const street = textOf(c.address.street, lang)
    const streetBase = /^\D*\d+[A-Za-z]?/.exec(street)?.[0]
    for (const [path, text] of texts) {
      const t = text[lang]
      if (!t) continue
      for (const m of t.matchAll(nameRe)) {
        if (m[0] !== legalName) issues.push({ path: `${path}.${lang}`, message: `writes "${m[0]}" where the legal name in ${lang} is "${legalName}" (controller.name): leave the name out, the statement prints it` })
      }
      if (streetBase && t.includes(streetBase) && !t.includes(street)) {
        issues.push({ path: `${path}.${lang}`, message: `writes the address differently from "${street}" (controller.address.street.${lang}): leave the address out, the statement prints it` })
      }
    }
  }
  return issues
}

/**
 * Every lint. A version published earlier is read back with `stored`: what it said then stays
 * readable, so rules added since (translated references, names and addresses; free texts that
 * repeat the name or address in another form) do not make it unreadable.
 */
export function lintPolicy(doc: PolicyDocument, options: { stored?: boolean } = {}): PolicyIssue[] {
  return [...LINTS.flatMap((lint) => lint(doc)), ...(options.stored ? [] : [...lintUntranslatedReferences(doc), ...lintUntranslatedNames(doc), ...lintFreeTextNames(doc)])]
}
