// The shape of a policy file. The schema checks structure; the lints in lint.ts check meaning
// (exactly one basis per subject type, an assessment for legitimate interests, ...).
import Type, { type Static } from 'typebox'

export const LANGUAGES = ['nl', 'fr', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const
export type LegalBasis = (typeof LEGAL_BASES)[number]

/** Lifecycle events every policy may use as a retention trigger; a policy can declare more. */
export const BUILTIN_EVENTS = [
  'collected',
  'application_received',
  'application_rejected',
  'contract_started',
  'contract_ended',
  'last_interaction',
  'invoice_issued',
  'consent_withdrawn',
  'visit',
  /** The person was offered to refuse marketing e-mail when their address was collected (soft opt-in). */
  'marketing_opt_out_offered',
] as const

/** A policy id (purpose, subject type, event, recipient, ...): the HTTP routes refuse anything else before it is used. */
export const ID_PATTERN = '^[a-z][a-z0-9_]*$'
export const ID_MAX_LENGTH = 64
/** A category id: dotted policy ids. */
export const CATEGORY_ID_PATTERN = '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$'
export const CATEGORY_ID_MAX_LENGTH = 128
const Id = Type.String({ pattern: ID_PATTERN, maxLength: ID_MAX_LENGTH, description: `lower-case id: letters, digits, _ (at most ${ID_MAX_LENGTH})` })
const CategoryId = Type.String({ pattern: CATEGORY_ID_PATTERN, maxLength: CATEGORY_ID_MAX_LENGTH, description: `dotted id such as contact.email (at most ${CATEGORY_ID_MAX_LENGTH})` })
const NonEmpty = Type.String({ minLength: 1 })
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' })
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'date YYYY-MM-DD' })
/** ISO 8601 duration in years, months, weeks or days (P10Y, P6M, P30D, P0D). */
export const DURATION_PATTERN = '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$'
const Duration = Type.String({ pattern: DURATION_PATTERN, description: 'ISO 8601 duration such as P10Y, P6M or P30D' })

export const LocalizedText = Type.Object(
  { nl: NonEmpty, fr: NonEmpty, en: NonEmpty },
  { additionalProperties: false, description: 'the same text in Dutch, French and English' },
)
export type LocalizedText = Static<typeof LocalizedText>

/**
 * A name or address line a person reads, in Dutch, French and English ("bus" / "boîte" / "box",
 * "NV" / "SA"). A single string is accepted by the schema for versions published before these
 * were translated and for names that read the same in every language (a city such as Hasselt);
 * the lints refuse a single string where the languages differ in practice (src/policy/lint.ts).
 */
export const Translatable = Type.Union([
  Type.Object({ nl: NonEmpty, fr: NonEmpty, en: NonEmpty }, { additionalProperties: false }),
  NonEmpty,
], { description: 'the same text in Dutch, French and English ({ nl, fr, en })' })

const Address = Type.Object(
  {
    /** Street, number and box, in each language: "bus 1.02" / "boîte 1.02" / "box 1.02". */
    street: Translatable,
    postalCode: NonEmpty,
    /** One string when the city has one name (Hasselt); { nl: Brussel, fr: Bruxelles, en: Brussels } when not. */
    city: Translatable,
    country: Country,
  },
  { additionalProperties: false },
)

const Contact = Type.Object(
  {
    kind: Type.Union([Type.Literal('dpo'), Type.Literal('privacy_contact')]),
    /** The DPO's or privacy contact's name as the statement prints it, in each language. */
    name: Translatable,
    email: Type.String({ format: 'email' }),
    phone: Type.Optional(NonEmpty),
    /** Why there is no DPO (Art. 37 assessment), when kind is privacy_contact. */
    note: Type.Optional(LocalizedText),
  },
  { additionalProperties: false },
)

const Controller = Type.Object(
  {
    /** The legal name in each language: { nl: JAG2 Solutions NV, fr: JAG2 Solutions SA, en: JAG2 Solutions NV }. */
    name: Translatable,
    tradingName: Type.Optional(NonEmpty),
    /** The legal form in each language ({ nl: NV, fr: SA, en: NV }), appended to the name unless it already ends with it. */
    legalForm: Type.Optional(Translatable),
    address: Address,
    companyNumber: NonEmpty,
    email: Type.String({ format: 'email' }),
    phone: Type.Optional(NonEmpty),
    website: Type.Optional(Type.String({ format: 'uri' })),
    privacyContact: Contact,
    /** IANA time zone in which legal deadlines are counted. */
    timeZone: NonEmpty,
    /** The controller's own language: pages answer in it when the visitor asks for none of ours. Default: nl, the policy's first. */
    language: Type.Optional(Type.Union(LANGUAGES.map((l) => Type.Literal(l)), { description: 'nl, fr or en: the language pages fall back to (default nl, the first of the policy\'s languages)' })),
  },
  { additionalProperties: false },
)

const SupervisoryAuthority = Type.Object(
  {
    name: LocalizedText,
    abbreviation: Type.Optional(NonEmpty),
    address: Address,
    phone: Type.Optional(NonEmpty),
    email: Type.Optional(Type.String({ format: 'email' })),
    website: Type.String({ format: 'uri' }),
  },
  { additionalProperties: false },
)

const Category = Type.Object(
  {
    id: CategoryId,
    label: LocalizedText,
    /** Values of this category can be looked up by a keyed blind index. */
    lookup: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('phone')])),
    /** Art. 9 special category. */
    special: Type.Optional(Type.Boolean()),
    /** 'one' value per person (replaced on write, the default) or 'many' records (appended: invoices, logins). */
    records: Type.Optional(Type.Union([Type.Literal('one'), Type.Literal('many')])),
    /**
     * What anonymising a value of this category keeps (REQ-ER-05): `drop` only a count (the
     * default), `year` the count per year of a date, `tally` the count per value of a short
     * categorical value (a role, an answer). Only aggregates are kept, published from 10 up.
     */
    anonymise: Type.Optional(Type.Union([Type.Literal('drop'), Type.Literal('year'), Type.Literal('tally')])),
  },
  { additionalProperties: false },
)

const SubjectType = Type.Object(
  {
    id: Id,
    label: LocalizedText,
    /** controller: the company decides; processor: held on behalf of a customer (a tenant). */
    role: Type.Union([Type.Literal('controller'), Type.Literal('processor')]),
    /** A legal person's employee or contact: 6(1)(b) cannot apply to them (REQ-LB-04). */
    contactOfLegalPerson: Type.Optional(Type.Boolean()),
    /** Where the data comes from when not from the person (Art. 14). */
    source: Type.Optional(LocalizedText),
  },
  { additionalProperties: false },
)

const CustomEvent = Type.Object(
  {
    id: Id,
    label: LocalizedText,
    /**
     * For an event only the company's own systems know: derived when it is not recorded, as
     * `after` past the latest `from` event (e.g. an application is closed six months after it
     * was received). A recorded event always wins.
     */
    derive: Type.Optional(Type.Object({ from: Id, after: Duration }, { additionalProperties: false })),
  },
  { additionalProperties: false },
)

/** How long Pledge keeps its own records (REQ-RT-05), with the Belgian defaults of §3.1. */
const OwnRecord = Type.Object({ duration: Duration, rationale: Type.Optional(LocalizedText) }, { additionalProperties: false })
const RecordsRetention = Type.Object(
  {
    /** A closed data-subject request's file (type, dates, states, who decided what), after closing. Default P5Y. */
    requestFiles: Type.Optional(OwnRecord),
    /** The requester's address and words, after closing. Default P1Y. */
    requesterDetails: Type.Optional(OwnRecord),
    /** The proof of a consent, after its withdrawal. Default P5Y. */
    consentProofs: Type.Optional(OwnRecord),
    /** Webhook delivery rows, after the delivery ended. Default P1Y. */
    webhookDeliveries: Type.Optional(OwnRecord),
    /** Retention run reports. Default P5Y. */
    retentionReports: Type.Optional(OwnRecord),
    /** The audit log: one chain, pruned from its start up to a signed checkpoint. Default P5Y. */
    auditLog: Type.Optional(OwnRecord),
  },
  { additionalProperties: false },
)

const BasisValue = Type.Union([
  Type.Enum([...LEGAL_BASES]),
  Type.Array(Type.Enum([...LEGAL_BASES])),
])

const LegitimateInterestAssessment = Type.Object(
  {
    interest: LocalizedText,
    necessity: NonEmpty,
    balancing: NonEmpty,
    mitigations: Type.Optional(NonEmpty),
    author: NonEmpty,
    date: IsoDate,
    reviewDate: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)

const PurposeCategory = Type.Object(
  {
    id: CategoryId,
    /** Whether the person must provide it for this purpose (Art. 13(2)(e), REQ-LB-09). */
    required: Type.Boolean(),
  },
  { additionalProperties: false },
)

/**
 * A statute or article a person reads (retention, legal obligation): in Dutch, French and English.
 * A single string is accepted only in versions published before references were translated; a
 * policy file with one is refused by the lints (src/policy/lint.ts).
 */
export const Reference = Type.Union([LocalizedText, NonEmpty])

export const Retention = Type.Object(
  {
    duration: Type.Optional(Duration),
    trigger: Type.Optional(Id),
    /** Count from 1 January of the year after the trigger (accounting, VAT). */
    countFrom: Type.Optional(Type.Union([Type.Literal('event'), Type.Literal('next_calendar_year')])),
    endAction: Type.Union([Type.Literal('delete'), Type.Literal('anonymise')]),
    legalReference: Type.Optional(Reference),
    rationale: Type.Optional(LocalizedText),
  },
  { additionalProperties: false },
)
export type Retention = Static<typeof Retention>

const Provision = Type.Object(
  {
    requirement: Type.Union([
      Type.Literal('statutory'),
      Type.Literal('contractual'),
      Type.Literal('required_for_contract'),
      Type.Literal('voluntary'),
    ]),
    consequence: LocalizedText,
  },
  { additionalProperties: false },
)

const Purpose = Type.Object(
  {
    id: Id,
    name: LocalizedText,
    description: LocalizedText,
    /** processor: done on a customer's instructions; listed in the Art. 30(2) record only. */
    role: Type.Optional(Type.Union([Type.Literal('controller'), Type.Literal('processor')])),
    subjectTypes: Type.Array(Id, { minItems: 1 }),
    /** One basis for every subject type, or one per subject type. */
    basis: Type.Optional(Type.Union([BasisValue, Type.Record(Type.String(), BasisValue)])),
    legitimateInterest: Type.Optional(LegitimateInterestAssessment),
    /** The statutory provision for a legal-obligation basis (Art. 6(3)). */
    statutoryReference: Type.Optional(Reference),
    categories: Type.Array(PurposeCategory, { minItems: 1 }),
    retention: Retention,
    recipients: Type.Optional(Type.Array(Id)),
    provision: Provision,
    /** Direct marketing: objection is absolute (Art. 21(2)), e-mail needs consent or soft opt-in. */
    directMarketing: Type.Optional(Type.Boolean()),
    /** Legal claims: still allowed while a subject is restricted (Art. 18(2)). */
    legalClaims: Type.Optional(Type.Boolean()),
    /** Automated decision-making with legal or similar effect (Art. 22). */
    automatedDecisions: Type.Optional(Type.Boolean()),
    source: Type.Optional(LocalizedText),
    /**
     * Lifecycle events recorded when a subject is created under this purpose: registering an
     * application is itself the pre-contract step taken at the person's request.
     */
    createEvents: Type.Optional(Type.Array(Id)),
  },
  { additionalProperties: false },
)

const Transfer = Type.Union([
  Type.Object(
    {
      mechanism: Type.Literal('adequacy'),
      /** The Commission decision, in each language (one string only in versions published before). */
      decision: Reference,
      date: IsoDate,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      mechanism: Type.Literal('scc'),
      decision: Reference,
      module: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
      date: IsoDate,
      copyAvailableAt: Type.Optional(NonEmpty),
    },
    { additionalProperties: false },
  ),
])

const Recipient = Type.Object(
  {
    id: Id,
    name: NonEmpty,
    /** True for a placeholder processor in an example policy. */
    example: Type.Optional(Type.Boolean()),
    role: Type.Union([
      Type.Literal('processor'),
      Type.Literal('sub_processor'),
      Type.Literal('third_party'),
      Type.Literal('public_authority'),
    ]),
    service: LocalizedText,
    country: Country,
    transfer: Type.Optional(Transfer),
  },
  { additionalProperties: false },
)

const StaffRole = Type.Object(
  {
    id: Id,
    label: LocalizedText,
    purposes: Type.Array(Id),
  },
  { additionalProperties: false },
)

const CookieCategory = Type.Object(
  {
    id: Id,
    label: LocalizedText,
    description: LocalizedText,
    /** Strictly necessary: exempt from consent, cannot be refused. */
    necessary: Type.Boolean(),
  },
  { additionalProperties: false },
)

const Cookie = Type.Object(
  {
    name: NonEmpty,
    provider: NonEmpty,
    category: Id,
    purpose: LocalizedText,
    /** ISO 8601 duration, or "session". */
    lifetime: Type.Union([Duration, Type.Literal('session')]),
  },
  { additionalProperties: false },
)

const StatementTexts = Type.Object(
  {
    introduction: LocalizedText,
    security: LocalizedText,
    /** Extra paragraphs the generated statement does not cover, e.g. about a product. */
    additional: Type.Optional(Type.Array(Type.Object({ title: LocalizedText, body: LocalizedText }, { additionalProperties: false }))),
    /**
     * Days between publishing a material change and its effective date (REQ-TR-04): the people it
     * affects are told by e-mail in that time. Default 30; 0 lets a change apply at once.
     */
    materialChangeNoticeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  },
  { additionalProperties: false },
)

export const PolicySchema = Type.Object(
  {
    pledge: Type.Literal(1, { description: 'policy format version' }),
    controller: Controller,
    supervisoryAuthority: SupervisoryAuthority,
    categories: Type.Array(Category, { minItems: 1 }),
    subjectTypes: Type.Array(SubjectType, { minItems: 1 }),
    events: Type.Optional(Type.Array(CustomEvent)),
    purposes: Type.Array(Purpose, { minItems: 1 }),
    recipients: Type.Optional(Type.Array(Recipient)),
    staffRoles: Type.Optional(Type.Array(StaffRole)),
    cookies: Type.Object(
      {
        categories: Type.Array(CookieCategory, { minItems: 1 }),
        cookies: Type.Array(Cookie),
      },
      { additionalProperties: false },
    ),
    /** Service level for routing requests about data held for a customer (REQ-PR-01). */
    processorRequestSla: Type.Optional(Duration),
    /** How long Pledge keeps its own records (REQ-RT-05); each has a Belgian default. */
    recordsRetention: Type.Optional(RecordsRetention),
    /**
     * The website's contact form (src/contact/): the mailbox told that a message arrived (its id and
     * a console link, never the message). Internal: the public policy view leaves it out.
     */
    contactForm: Type.Optional(
      Type.Object(
        {
          mailbox: Type.String({ format: 'email' }),
          /** The purpose the messages are recorded under (default contact_requests). */
          purpose: Type.Optional(Id),
          /** The subject type a sender is recorded as (default contact). */
          subjectType: Type.Optional(Id),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * Complaints filed in the privacy center (src/complaints/): the mailbox told that one arrived (its
     * id and a console link, never the complaint) and the time the controller gives itself to answer
     * (the console's due date). Internal: the public policy view leaves it out.
     */
    complaints: Type.Optional(
      Type.Object(
        {
          mailbox: Type.String({ format: 'email' }),
          answerWithin: Duration,
          /** The purpose complaints are recorded under (default complaints). */
          purpose: Type.Optional(Id),
          /** The subject type a complainant is recorded as (default complainant). */
          subjectType: Type.Optional(Id),
        },
        { additionalProperties: false },
      ),
    ),
    statement: StatementTexts,
  },
  { additionalProperties: false },
)

export type PolicyDocument = Static<typeof PolicySchema>
export type PurposeDocument = PolicyDocument['purposes'][number]
export type RecipientDocument = NonNullable<PolicyDocument['recipients']>[number]
export type CategoryDocument = PolicyDocument['categories'][number]
export type SubjectTypeDocument = PolicyDocument['subjectTypes'][number]
export type BasisDocument = Static<typeof BasisValue>
