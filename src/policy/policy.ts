// The validated, normalised policy every other room reads. Built only by load.ts.
import type {
  CategoryDocument,
  Language,
  LegalBasis,
  LocalizedText,
  PolicyDocument,
  PurposeDocument,
  RecipientDocument,
  Retention,
  SubjectTypeDocument,
} from './schema.ts'
import { LANGUAGES } from './schema.ts'

/** A postal address, its street line and city in every language ("bus" / "boîte" / "box"). */
export interface PostalAddress {
  readonly street: LocalizedText
  readonly postalCode: string
  readonly city: LocalizedText
  readonly country: string
}

/** The DPO or privacy contact, the name in every language. */
export interface PrivacyContact {
  readonly kind: 'dpo' | 'privacy_contact'
  readonly name: LocalizedText
  readonly email: string
  readonly phone?: string
  readonly note?: LocalizedText
}

/**
 * The controller as every room reads it: `name` is the full legal name in each language, legal
 * form included (JAG2 Solutions NV / JAG2 Solutions SA / JAG2 Solutions NV), the one form printed
 * everywhere a person reads the name.
 */
export interface Controller {
  readonly name: LocalizedText
  readonly tradingName?: string
  readonly legalForm?: LocalizedText
  readonly address: PostalAddress
  readonly companyNumber: string
  readonly email: string
  readonly phone?: string
  readonly website?: string
  readonly privacyContact: PrivacyContact
  readonly timeZone: string
  readonly language?: Language
}

export type SupervisoryAuthority = Omit<PolicyDocument['supervisoryAuthority'], 'address'> & { readonly address: PostalAddress }

/** The name a person knows the controller by (iXpole), else its legal name in that language. */
export function displayName(controller: Controller, lang: Language): string {
  return controller.tradingName ?? controller.name[lang]
}

/** A reference (a Commission decision, a statute) in one language; one string reads the same in all. */
export function inLanguage(text: string | LocalizedText, lang: Language): string {
  return typeof text === 'string' ? text : text[lang]
}

/** "Street 1 box 2, 3500 City" in one language (without the country). */
export function addressLine(a: PostalAddress, lang: Language): string {
  return `${a.street[lang]}, ${a.postalCode} ${a.city[lang]}`
}

/** A purpose's retention rule, its legal reference in every language. */
export type PurposeRetention = Omit<Retention, 'legalReference'> & { readonly legalReference?: LocalizedText }

export interface Purpose {
  readonly id: string
  readonly name: LocalizedText
  readonly description: LocalizedText
  readonly role: 'controller' | 'processor'
  readonly subjectTypes: readonly string[]
  /** One Art. 6(1) basis per subject type the purpose covers. */
  readonly basis: Readonly<Record<string, LegalBasis>>
  readonly legitimateInterest?: PurposeDocument['legitimateInterest']
  readonly statutoryReference?: LocalizedText
  readonly categories: readonly { readonly id: string; readonly required: boolean }[]
  readonly retention: PurposeRetention
  readonly recipients: readonly string[]
  readonly provision: PurposeDocument['provision']
  readonly directMarketing: boolean
  readonly legalClaims: boolean
  readonly automatedDecisions: boolean
  readonly source?: LocalizedText
  readonly createEvents: readonly string[]
}

export interface Policy {
  readonly document: PolicyDocument
  /** SHA-256 of the canonical JSON of the document: the identity of a statement version. */
  readonly contentHash: string
  readonly controller: Controller
  readonly supervisoryAuthority: SupervisoryAuthority
  readonly categories: readonly CategoryDocument[]
  readonly subjectTypes: readonly SubjectTypeDocument[]
  readonly purposes: readonly Purpose[]
  readonly recipients: readonly RecipientDocument[]
  readonly events: readonly string[]
  /** Events derived when not recorded: event → the event it follows and after how long. */
  readonly derivedEvents: ReadonlyMap<string, { readonly from: string; readonly after: string }>
  /** How long Pledge keeps its own records, defaults filled in (ISO durations). */
  readonly recordsRetention: Readonly<Record<OwnRecordKind, string>>
  readonly staffRoles: NonNullable<PolicyDocument['staffRoles']>
  readonly cookies: PolicyDocument['cookies']
  readonly statement: PolicyDocument['statement']
  /** Days a material change is announced before it takes effect (statement.materialChangeNoticeDays, default 30). */
  readonly materialChangeNoticeDays: number
  purpose(id: string): Purpose | undefined
  category(id: string): CategoryDocument | undefined
  subjectType(id: string): SubjectTypeDocument | undefined
  recipient(id: string): RecipientDocument | undefined
}

export const OWN_RECORD_KINDS = ['requestFiles', 'requesterDetails', 'consentProofs', 'webhookDeliveries', 'retentionReports', 'auditLog'] as const
export type OwnRecordKind = (typeof OWN_RECORD_KINDS)[number]

/**
 * The Belgian defaults (legal checklist §3.1): DSR files 5 years after closure, consent proofs 5
 * years after withdrawal, logs 12 months (deliveries), accountability records 5 years.
 */
export const OWN_RECORD_DEFAULTS: Readonly<Record<OwnRecordKind, string>> = {
  requestFiles: 'P5Y',
  requesterDetails: 'P1Y',
  consentProofs: 'P5Y',
  webhookDeliveries: 'P1Y',
  retentionReports: 'P5Y',
  auditLog: 'P5Y',
}

/** The notice period for a material change when the policy sets none (REQ-TR-04). */
export const DEFAULT_MATERIAL_CHANGE_NOTICE_DAYS = 30

/** The language to answer in when the visitor asks for none of ours: the controller's, else the policy's first (nl). */
export function defaultLanguage(policy: Pick<Policy, 'controller'>): Language {
  return policy.controller.language ?? LANGUAGES[0]
}

/** Purposes the controller decides on (the Art. 30(1) record and the statement). */
export function controllerPurposes(policy: Policy): Purpose[] {
  return policy.purposes.filter((p) => p.role === 'controller')
}

/** Purposes carried out for customers as processor (the Art. 30(2) record). */
export function processorPurposes(policy: Policy): Purpose[] {
  return policy.purposes.filter((p) => p.role === 'processor')
}

/** EU member states plus Iceland, Liechtenstein and Norway. */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
])
