// What a caller may send, in one place: every string a route reads has a length cap here, and ids
// have the policy's own pattern. The route schemas use these, so a value over its cap is refused by
// the schema (400 invalid_request, naming the field) before a handler runs or anything costly
// happens. The README's "Limits" table lists them; a test sends each at its cap + 1 and at 1 MB.
import { CATEGORY_ID_MAX_LENGTH, CATEGORY_ID_PATTERN, ID_MAX_LENGTH, ID_PATTERN } from '../policy/schema.ts'

export const LIMITS = {
  /** A JSON request body, in bytes (Fastify's bodyLimit; a larger body is 413 body_too_large). */
  bodyBytes: 1024 * 1024,
  /** A form post to the privacy center or the newsletter pages, in bytes. */
  formBodyBytes: 32 * 1024,
  /** How deep a JSON body may nest (objects and arrays), at most. */
  jsonDepth: 32,
  /** A policy id: purpose, subject type, lifecycle event (the policy schema's own cap). */
  policyId: ID_MAX_LENGTH,
  /** A category id such as contact.email: a data map key, a category in a list. */
  categoryId: CATEGORY_ID_MAX_LENGTH,
  /** A comma-separated list of category ids in a query. */
  categoryList: 4096,
  /** A UUID (subjects, requests, holds, deliveries): 36 characters, any case. */
  uuid: 36,
  /** One personal value in a data map (the vault refuses a value over 64 KB as well). */
  dataValue: 65_536,
  /** Values in one data map. */
  dataEntries: 100,
  /** The caller's own id for a person. */
  externalId: 200,
  /** Where data came from when not from the person (Art. 14). */
  source: 500,
  /** An e-mail address (RFC 5321's path limit). */
  email: 320,
  /** A phone number as typed. */
  phone: 40,
  /** The consent text the person saw (only its SHA-256 is kept). */
  consentText: 20_000,
  /** A consent's channel or affirmative act. */
  consentCode: 64,
  /** A language tag (nl, fr, en are the ones that pass). */
  lang: 16,
  /** A legal hold's reason. */
  holdReason: 500,
  /** Categories in one legal hold. */
  holdCategories: 100,
  /** Free text of a data-subject request or a staff decision: details, justification, grounds. */
  requestText: 4000,
  /** The reason of a deadline extension. */
  extensionReason: 2000,
  /** A portability destination URL. */
  pushTo: 2000,
  /** A webhook endpoint URL. */
  webhookUrl: 2048,
  /** A value a requester gave for the known-data question. */
  knownValue: 1000,
  /** A one-time code as typed. */
  code: 20,
  /** An Idempotency-Key header. */
  idempotencyKey: 100,
  /** A newsletter confirmation or unsubscribe token. */
  token: 256,
  /** The privacy center's request form: the request type, the form token. */
  formField: 64,
  /** A date-time or a date. */
  dateTime: 64,
  /** A statement version number, as digits. */
  versionDigits: 9,
} as const

/** UUIDs are case-insensitive: any case passes, and src/http/edge.ts lowers it before a handler sees it. */
export const UUID_PATTERN = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$'

/** Schema fragments for route schemas. */
export const S = {
  policyId: (description?: string) => ({ type: 'string', minLength: 1, maxLength: LIMITS.policyId, pattern: ID_PATTERN, ...(description ? { description } : {}) }) as const,
  categoryId: (description?: string) => ({ type: 'string', minLength: 1, maxLength: LIMITS.categoryId, pattern: CATEGORY_ID_PATTERN, ...(description ? { description } : {}) }) as const,
  /** A UUID, checked: anything else is a 400. */
  uuid: (description?: string) => ({ type: 'string', format: 'uuid', maxLength: LIMITS.uuid, pattern: UUID_PATTERN, ...(description ? { description } : {}) }) as const,
  /** The id of something that may not exist: bounded only, so a malformed one is reported like a missing one (404). */
  id: (description = 'a UUID (any case)') => ({ type: 'string', maxLength: LIMITS.uuid, description }) as const,
  text: (maxLength: number, description?: string) => ({ type: 'string', maxLength, ...(description ? { description } : {}) }) as const,
  lang: (description?: string) => ({ type: 'string', maxLength: LIMITS.lang, ...(description ? { description } : {}) }) as const,
} as const

/** A data map: values by category id. */
export const DATA_MAP_KEYS = { type: 'string', maxLength: LIMITS.categoryId, pattern: CATEGORY_ID_PATTERN } as const
