// Blind indexes: lookup by e-mail or phone without storing either in clear. The index is a keyed
// HMAC-SHA256 of the normalised value, truncated to 128 bits, with one key per controller and one
// per tenant (derived from the master key with the tenant id in the HKDF info), so the same person
// held for two tenants gets two unrelated indexes and cannot be linked across them.
//
// Normalisation decides what counts as "the same" value, so it must be the same at write and at
// lookup, and it must never merge two different people:
//  - e-mail: trim, Unicode NFC, lower-case; an internationalised domain is converted to its ASCII
//    (punycode) form so both spellings of one domain match. Plus-addressing (`ann+shop@x.be`) and
//    dots in the local part are KEPT: whether `ann+shop` and `ann` reach the same mailbox depends on
//    the provider, and treating them as one would let a request for one address reveal or erase data
//    registered under another. A missed match is recoverable (the person tells us the address they
//    used); a false match is a disclosure.
//  - phone: strip spaces, dots, dashes, slashes and parentheses (and the "(0)" trunk marker in
//    "+32 (0)470…"), `00` → `+`, a national number starting with a single 0 → `+<country code>` without
//    the 0 (default country code 32, Belgium); the result must be `+` and 6–15 digits (E.164 length).
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import { domainToASCII } from 'node:url'
import type { MasterKey } from './master-key.ts'

export type BlindIndexKind = 'email' | 'phone'

export interface NormaliseOptions {
  /** Country calling code for national phone numbers (`32`, `+32`). Default 32 (Belgium). */
  readonly defaultCountryCode?: string
}

/** The value cannot be normalised (so it cannot be indexed or looked up). Never carries the value. */
export class NormalisationError extends Error {
  readonly code = 'PLEDGE_NORMALISATION_FAILED'
  readonly kind: BlindIndexKind
  constructor(kind: BlindIndexKind, message: string) {
    super(message)
    this.name = 'NormalisationError'
    this.kind = kind
  }
}

export function normaliseEmail(value: string): string {
  const v = value.trim().normalize('NFC').toLowerCase()
  const at = v.lastIndexOf('@')
  if (at <= 0 || at === v.length - 1 || /\s/.test(v)) throw new NormalisationError('email', 'not an e-mail address (expected local@domain, no spaces)')
  const local = v.slice(0, at)
  let domain = v.slice(at + 1)
  if (/[^\x00-\x7f]/.test(domain)) {
    const ascii = domainToASCII(domain)
    if (ascii === '') throw new NormalisationError('email', 'the e-mail domain is not a valid domain name')
    domain = ascii
  }
  return `${local}@${domain}`
}

export function normalisePhone(value: string, options: NormaliseOptions = {}): string {
  const cc = (options.defaultCountryCode ?? '32').replace(/^\+/, '')
  if (!/^[1-9]\d{0,2}$/.test(cc)) throw new TypeError('defaultCountryCode must be 1–3 digits, e.g. 32')
  let v = value.trim().replace(/\(0\)/g, '').replace(/[\s.\-/()\u00a0]/g, '')
  if (v.startsWith('00')) v = `+${v.slice(2)}`
  else if (/^0[1-9]/.test(v)) v = `+${cc}${v.slice(1)}`
  if (!/^\+[1-9]\d{5,14}$/.test(v)) throw new NormalisationError('phone', 'not a phone number (expected an international +… or a national 0… number)')
  return v
}

export function normalise(kind: BlindIndexKind, value: string, options: NormaliseOptions = {}): string {
  return kind === 'email' ? normaliseEmail(value) : normalisePhone(value, options)
}

/** Length of an index in bytes before base64url (22 characters). */
export const BLIND_INDEX_BYTES = 16

/**
 * HMAC-SHA256(key, "<kind>:" + normalised value), first 16 bytes, base64url. The kind is part of
 * the message so an e-mail and a phone number can never share an index.
 */
export function blindIndex(key: Buffer | KeyObject, kind: BlindIndexKind, value: string, options: NormaliseOptions = {}): string {
  return createHmac('sha256', key).update(`${kind}:${normalise(kind, value, options)}`, 'utf8').digest().subarray(0, BLIND_INDEX_BYTES).toString('base64url')
}

/**
 * Caches one derived key per scope (controller or tenant) for one master key version. The database
 * should record that version next to its indexes: rotating the wrap key does not require re-indexing
 * as long as that version stays in the ring.
 */
export class BlindIndexer {
  readonly #master: MasterKey
  readonly #options: NormaliseOptions
  readonly #keys = new Map<string, KeyObject>()

  constructor(master: MasterKey, options: NormaliseOptions = {}) {
    this.#master = master
    this.#options = options
  }

  get masterVersion(): number {
    return this.#master.version
  }

  /** The index of `value` for the controller's own subjects (tenantId null) or for one tenant. */
  index(tenantId: string | null, kind: BlindIndexKind, value: string): string {
    return blindIndex(this.#key(tenantId), kind, value, this.#options)
  }

  /**
   * A caller's own id for a person (externalId), kept only as this keyed hash, per scope: it may be
   * an e-mail address or a customer number, and either is personal data that must not sit in the
   * clear beside the vault. Exact (no normalisation): the caller's ids are its own.
   */
  externalKey(tenantId: string | null, externalId: string): string {
    return `x1:${createHmac('sha256', this.#key(tenantId)).update(`external:${externalId}`, 'utf8').digest().subarray(0, BLIND_INDEX_BYTES).toString('base64url')}`
  }

  #key(tenantId: string | null): KeyObject {
    const scope = tenantId === null ? '\u0000controller' : tenantId
    let key = this.#keys.get(scope)
    if (!key) {
      key = createSecretKey(this.#master.blindIndexKey(tenantId))
      this.#keys.set(scope, key)
    }
    return key
  }
}
