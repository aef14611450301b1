// Data portability (Art. 20 GDPR): the data the person provided, processed on consent (6(1)(a)) or
// for a contract (6(1)(b)), in a structured, commonly used, machine-readable form — JSON and CSV with
// a documented schema (REQ-PO-01, REQ-PO-02) — and, when asked, sent straight to another
// controller's HTTPS endpoint. Nothing here erases or changes anything (REQ-PO-03): it is a pure
// function of the policy and the dossier, plus one outgoing POST.
//
// Scope (REQ-PO-01): a value is portable when the purpose it was written under rests, for the
// person's type, on consent or contract. Values written under a legal obligation (accounting), for
// legitimate interests, under a purpose the policy no longer declares, or kept under the retention
// key after an erasure are left out. Pledge stores only values given by or about the person, never
// inferred scores, so nothing derived needs filtering here.
//
// The schema is docs/portability.schema.json (kept equal to PORTABILITY_SCHEMA by a test) and is
// described in docs/portability-schema.md.
import { createHash } from 'node:crypto'
import Type, { type Static } from 'typebox'
import { defaultLanguage, type Policy } from '../policy/policy.ts'
import type { LegalBasis } from '../policy/schema.ts'
import type { Dossier } from './dossier.ts'
import type { PersonalValue, VaultRecord } from '../vault/vault.ts'
import { csvCell, groupRecords, valueText } from './access-data.ts'
import { collect, zipStream } from './access-export.ts'

export const PORTABILITY_FORMAT = 'pledge.portability'
export const PORTABILITY_VERSION = 1
/** The legal bases under which data are portable (Art. 20(1)(a)). */
export const PORTABLE_BASES: ReadonlySet<LegalBasis> = new Set<LegalBasis>(['consent', 'contract'])

const Localized = Type.Object(
  { nl: Type.String(), fr: Type.String(), en: Type.String() },
  { additionalProperties: false, description: 'the same text in Dutch, French and English' },
)

/** JSON Schema (2020-12) of data.json in the portability export. */
export const PortabilitySchema = Type.Object(
  {
    format: Type.Literal(PORTABILITY_FORMAT, { description: 'always "pledge.portability"' }),
    formatVersion: Type.Literal(PORTABILITY_VERSION, { description: 'version of this schema: any change to the shape gives a new version' }),
    generatedAt: Type.String({ format: 'date-time', description: 'when the export was made (ISO 8601, UTC)' }),
    controller: Type.Object(
      {
        name: Type.String({ description: 'legal name of the controller that exported the data' }),
        companyNumber: Type.String(),
        country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
      },
      { additionalProperties: false },
    ),
    subjectType: Type.String({ description: 'the capacity in which the person was known to the controller, e.g. customer' }),
    categories: Type.Array(
      Type.Object(
        {
          id: Type.String({ description: 'dotted category id, e.g. contact.email' }),
          label: Localized,
        },
        { additionalProperties: false },
      ),
      { description: 'every category that has at least one record, in the policy order' },
    ),
    records: Type.Array(
      Type.Object(
        {
          category: Type.String({ description: 'id of one of the categories above' }),
          value: Type.Unknown({ description: 'the value as stored: a string, number, boolean, object or array' }),
          writtenAt: Type.String({ format: 'date-time', description: 'when the value was recorded (ISO 8601, UTC)' }),
          purpose: Type.String({ description: 'id of the purpose the value was provided for' }),
          basis: Type.Union([Type.Literal('consent'), Type.Literal('contract')], { description: 'Art. 6(1)(a) consent or 6(1)(b) contract' }),
          recordId: Type.String({ description: 'stable reference of the value at the exporting controller' }),
        },
        { additionalProperties: false },
      ),
      { description: 'one entry per value, ordered by category, then writtenAt' },
    ),
  },
  {
    additionalProperties: false,
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:pledge:schema:portability:1',
    title: 'Pledge data portability export (Art. 20 GDPR)',
    description: 'Personal data a person provided to the controller, processed on consent or for a contract.',
  },
)
export type PortabilityData = Static<typeof PortabilitySchema>

/** The schema as a plain JSON object (what docs/portability.schema.json holds). */
export const PORTABILITY_SCHEMA: Readonly<Record<string, unknown>> = JSON.parse(JSON.stringify(PortabilitySchema)) as Record<string, unknown>

/** data.csv columns, in order; the header row holds exactly these names. */
export const PORTABILITY_CSV_COLUMNS = ['category', 'value', 'written_at', 'purpose', 'basis', 'record_id'] as const

export interface PortabilityExport {
  /** data.json, valid against `schema`. */
  readonly json: string
  /** data.csv: header row PORTABILITY_CSV_COLUMNS, RFC 4180, UTF-8 without BOM, CRLF. */
  readonly csv: string
  readonly schema: Readonly<Record<string, unknown>>
}

/** The basis under which a record is portable, or undefined when it is not (REQ-PO-01). */
export function portableBasis(policy: Policy, subjectType: string, record: VaultRecord): LegalBasis | undefined {
  if (record.keyKind !== 'ordinary') return undefined
  const basis = policy.purpose(record.writtenPurpose)?.basis[subjectType]
  return basis && PORTABLE_BASES.has(basis) ? basis : undefined
}

export function portabilityData(policy: Policy, dossier: Dossier, generatedAt: Date = new Date()): PortabilityData {
  const records: PortabilityData['records'] = []
  const categories: PortabilityData['categories'] = []
  const portable = dossier.records.filter((r) => portableBasis(policy, dossier.subjectType, r))
  for (const [id, list] of groupRecords(policy, portable)) {
    const label = policy.category(id)?.label
    categories.push({ id, label: label ? { nl: label.nl, fr: label.fr, en: label.en } : { nl: id, fr: id, en: id } })
    for (const r of list) {
      records.push({ category: id, value: r.value, writtenAt: r.writtenAt.toISOString(), purpose: r.writtenPurpose, basis: portableBasis(policy, dossier.subjectType, r) as 'consent' | 'contract', recordId: r.recordId })
    }
  }
  const c = policy.controller
  return {
    format: PORTABILITY_FORMAT,
    formatVersion: PORTABILITY_VERSION,
    generatedAt: generatedAt.toISOString(),
    controller: { name: c.name[defaultLanguage(policy)], companyNumber: c.companyNumber, country: c.address.country },
    subjectType: dossier.subjectType,
    categories,
    records,
  }
}

export function portabilityCsv(data: PortabilityData): string {
  const lines: string[] = [PORTABILITY_CSV_COLUMNS.join(',')]
  for (const r of data.records) {
    lines.push([r.category, valueText(r.value as PersonalValue), r.writtenAt, r.purpose, r.basis, r.recordId].map((x) => csvCell(x, false)).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}

/** The portability export: JSON, CSV and the JSON Schema of the JSON. */
export function buildPortabilityExport(policy: Policy, dossier: Dossier, options: { generatedAt?: Date } = {}): PortabilityExport {
  const data = portabilityData(policy, dossier, options.generatedAt)
  return { json: `${JSON.stringify(data, null, 2)}\n`, csv: portabilityCsv(data), schema: PORTABILITY_SCHEMA }
}

/** The same as a ZIP: data.json, data.csv and schema.json. */
export async function buildPortabilityZip(policy: Policy, dossier: Dossier, options: { generatedAt?: Date } = {}): Promise<Buffer> {
  const generatedAt = options.generatedAt ?? new Date()
  const x = buildPortabilityExport(policy, dossier, { generatedAt })
  return collect(
    zipStream(
      [
        { name: 'data.json', content: x.json },
        { name: 'data.csv', content: x.csv },
        { name: 'schema.json', content: `${JSON.stringify(x.schema, null, 2)}\n` },
      ],
      generatedAt,
    ),
  )
}

// ---- direct transmission to another controller (Art. 20(2), REQ-PO-02) ----------------------------

/**
 * The outgoing POST, as src/net/safe-post.ts provides it: refuses private, loopback and link-local
 * targets after DNS resolution (unless allowPrivateTargets) and follows no redirects. Injected so
 * the push can be tested and so this room never opens sockets by itself.
 */
export type SafePost = (
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivateTargets: boolean },
) => Promise<{ readonly status: number }>

export type PushFailure = 'invalid_url' | 'insecure_url' | 'refused' | 'rejected'

export class PortabilityPushError extends Error {
  readonly code: PushFailure
  readonly status: number | undefined
  constructor(code: PushFailure, message: string, status?: number) {
    super(message)
    this.name = 'PortabilityPushError'
    this.code = code
    this.status = status
  }
}

export interface PushOptions {
  readonly safePost: SafePost
  /** Tests and local development only: allows loopback/private targets and plain http. */
  readonly allowPrivateTargets?: boolean
  readonly timeoutMs?: number
}

export interface PushResult {
  readonly status: number
  readonly bytes: number
  /** SHA-256 of the body sent, to record what was delivered without keeping it. */
  readonly sha256: string
}

/**
 * Sends the portability JSON to another controller's endpoint. Only https (http only together with
 * allowPrivateTargets, for tests); a 2xx answer counts as delivered, anything else throws
 * PortabilityPushError. Messages name no personal data.
 */
export async function pushPortability(url: string, payload: PortabilityExport | string, options: PushOptions): Promise<PushResult> {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    throw new PortabilityPushError('invalid_url', 'the receiving controller\'s address is not a valid URL')
  }
  const allowPrivate = options.allowPrivateTargets === true
  if (target.protocol !== 'https:' && !(allowPrivate && target.protocol === 'http:')) {
    throw new PortabilityPushError('insecure_url', 'the receiving controller\'s address must start with https://')
  }
  const body = typeof payload === 'string' ? payload : payload.json
  const headers = { 'content-type': 'application/json; charset=utf-8', 'x-pledge-format': `${PORTABILITY_FORMAT}/${PORTABILITY_VERSION}` }
  let status: number
  try {
    ;({ status } = await options.safePost(target.toString(), body, headers, { timeoutMs: options.timeoutMs ?? 15_000, allowPrivateTargets: allowPrivate }))
  } catch (err) {
    // safePost throws on a non-2xx answer too (code http_status): that one reached the receiver.
    const e = err as { code?: unknown; status?: unknown; message?: unknown }
    if (e.code === 'http_status' && typeof e.status === 'number') throw new PortabilityPushError('rejected', `the receiving controller answered ${e.status}`, e.status)
    throw new PortabilityPushError('refused', `the data were not sent: ${typeof e.message === 'string' ? e.message : String(err)}`)
  }
  if (status < 200 || status >= 300) throw new PortabilityPushError('rejected', `the receiving controller answered ${status}`, status)
  return { status, bytes: Buffer.byteLength(body), sha256: createHash('sha256').update(body).digest('hex') }
}
