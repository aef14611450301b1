// Envelope encryption: every value is sealed with AES-256-GCM under its subject's data key (DEK),
// and each DEK is sealed (wrapped) under the master key's `wrap` sub-key. Rotating the master key
// re-wraps DEKs; values are never re-encrypted. Destroying a subject's DEK (crypto-shredding) makes
// every copy of its values unreadable, backups included.
//
// Additional authenticated data binds each ciphertext to where it belongs, so a blob copied to
// another subject, category or record, or replayed under another key version, fails to decrypt
// with a DecryptionError — it never yields garbage:
//   value AAD   = canonical JSON ["pledge-value-v1", subjectId, category, recordId, keyVersion]
//   wrapped AAD = canonical JSON ["pledge-dek-v1", subjectId, keyKind, masterVersion]
// (a JSON array of strings and integers is its own canonical form, so JSON.stringify is used directly.)
//
// Formats (all Buffers):
//   value   = 0x01 ‖ iv(12) ‖ tag(16) ‖ ciphertext
//   wrapped = 0x01 ‖ masterVersion(uint32 BE) ‖ iv(12) ‖ tag(16) ‖ encrypted DEK(32)
import { createCipheriv, createDecipheriv, randomBytes, randomFillSync, type KeyObject } from 'node:crypto'
import type { MasterKey, MasterKeyRing } from './master-key.ts'

export const DATA_KEY_BYTES = 32
const ALGORITHM = 'aes-256-gcm'
const IV_BYTES = 12
const TAG_BYTES = 16
const VALUE_FORMAT = 0x01
const WRAP_FORMAT = 0x01
const VALUE_HEADER = 1 + IV_BYTES + TAG_BYTES
const WRAP_HEADER = 1 + 4 + IV_BYTES + TAG_BYTES
export const WRAPPED_KEY_BYTES = WRAP_HEADER + DATA_KEY_BYTES

/** A subject's ordinary key, or the key that keeps what a legal-retention duty still requires after erasure. */
export type DataKeyKind = 'ordinary' | 'retention'

export interface WrapContext {
  readonly subjectId: string
  readonly keyKind: DataKeyKind
}

export interface ValueContext {
  readonly subjectId: string
  /** Policy category id, e.g. `contact.email`. */
  readonly category: string
  readonly recordId: string
  /** Version of the data key the value is sealed under (a non-negative integer). */
  readonly keyVersion: number
}

export type DecryptionFailure = 'format' | 'unsupported-version' | 'authentication' | 'unknown-master-version'

/** A ciphertext that cannot be opened. Carries identifiers only, never plaintext or key material. */
export class DecryptionError extends Error {
  readonly code = 'PLEDGE_DECRYPTION_FAILED'
  readonly reason: DecryptionFailure
  constructor(reason: DecryptionFailure, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DecryptionError'
    this.reason = reason
  }
}

// IVs come from a pool of CSPRNG bytes refilled when used up: one randomFillSync per 1,024 IVs
// instead of one randomBytes call per value (the call, not the randomness, dominated encryption).
// Each IV is copied out before the pool can be refilled, and no region is handed out twice.
const IV_POOL = Buffer.allocUnsafe(IV_BYTES * 1024)
let ivOffset = IV_POOL.length
function nextIv(): Buffer {
  if (ivOffset === IV_POOL.length) {
    randomFillSync(IV_POOL)
    ivOffset = 0
  }
  const iv = Buffer.from(IV_POOL.subarray(ivOffset, ivOffset + IV_BYTES)) // private copy
  ivOffset += IV_BYTES
  return iv
}

/** A fresh random 256-bit data key. */
export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES)
}

function valueAad(c: ValueContext): Buffer {
  if (typeof c.subjectId !== 'string' || typeof c.category !== 'string' || typeof c.recordId !== 'string') throw new TypeError('subjectId, category and recordId must be strings')
  if (!Number.isSafeInteger(c.keyVersion) || c.keyVersion < 0) throw new TypeError('keyVersion must be a non-negative integer')
  return Buffer.from(JSON.stringify(['pledge-value-v1', c.subjectId, c.category, c.recordId, c.keyVersion]), 'utf8')
}

function wrapAad(c: WrapContext, masterVersion: number): Buffer {
  if (typeof c.subjectId !== 'string') throw new TypeError('subjectId must be a string')
  if (c.keyKind !== 'ordinary' && c.keyKind !== 'retention') throw new TypeError(`keyKind must be 'ordinary' or 'retention'`)
  return Buffer.from(JSON.stringify(['pledge-dek-v1', c.subjectId, c.keyKind, masterVersion]), 'utf8')
}

function checkDek(dek: Buffer | KeyObject): void {
  const len = Buffer.isBuffer(dek) ? dek.length : dek.symmetricKeySize
  if (len !== DATA_KEY_BYTES) throw new TypeError(`a data key must be ${DATA_KEY_BYTES} bytes`)
}

/** Seals one value. `plaintext` strings are encoded as UTF-8. */
export function encryptValue(dek: Buffer | KeyObject, plaintext: string | Buffer, context: ValueContext): Buffer {
  checkDek(dek)
  const iv = nextIv()
  const cipher = createCipheriv(ALGORITHM, dek, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(valueAad(context))
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext
  const head = cipher.update(data)
  const tail = cipher.final()
  const out = Buffer.allocUnsafe(VALUE_HEADER + head.length + tail.length)
  out[0] = VALUE_FORMAT
  iv.copy(out, 1)
  cipher.getAuthTag().copy(out, 1 + IV_BYTES)
  head.copy(out, VALUE_HEADER)
  tail.copy(out, VALUE_HEADER + head.length)
  return out
}

/** Opens one value, or throws DecryptionError (altered, or belonging to another subject/category/record/key version). */
export function decryptValue(dek: Buffer | KeyObject, blob: Uint8Array, context: ValueContext): Buffer {
  checkDek(dek)
  const b = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
  if (b.length < VALUE_HEADER) throw new DecryptionError('format', 'encrypted value is too short')
  if (b[0] !== VALUE_FORMAT) throw new DecryptionError('unsupported-version', `encrypted value has unknown format version ${b[0]}`)
  const aad = valueAad(context)
  try {
    const decipher = createDecipheriv(ALGORITHM, dek, b.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES })
    decipher.setAuthTag(b.subarray(1 + IV_BYTES, VALUE_HEADER))
    decipher.setAAD(aad)
    const head = decipher.update(b.subarray(VALUE_HEADER))
    const tail = decipher.final()
    return tail.length === 0 ? head : Buffer.concat([head, tail])
  } catch (err) {
    throw new DecryptionError(
      'authentication',
      `encrypted ${context.category} of subject ${context.subjectId} (record ${context.recordId}, key v${context.keyVersion}) does not authenticate: it was altered, belongs elsewhere, or the data key is wrong`,
      { cause: err },
    )
  }
}

/** decryptValue decoded as UTF-8. */
export function decryptString(dek: Buffer | KeyObject, blob: Uint8Array, context: ValueContext): string {
  return decryptValue(dek, blob, context).toString('utf8')
}

/** Wraps a data key under a master key version (default: the ring's current one). */
export function wrapDataKey(master: MasterKey, dek: Buffer, context: WrapContext): Buffer {
  checkDek(dek)
  const iv = nextIv()
  const cipher = createCipheriv(ALGORITHM, master.wrapKey(), iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(wrapAad(context, master.version))
  const ct = Buffer.concat([cipher.update(dek), cipher.final()])
  const out = Buffer.allocUnsafe(WRAPPED_KEY_BYTES)
  out[0] = WRAP_FORMAT
  out.writeUInt32BE(master.version, 1)
  iv.copy(out, 5)
  cipher.getAuthTag().copy(out, 5 + IV_BYTES)
  ct.copy(out, WRAP_HEADER)
  return out
}

/** The master key version a wrapped data key is sealed under (for finding keys left to rotate). */
export function wrappedKeyVersion(wrapped: Uint8Array): number {
  const b = Buffer.from(wrapped.buffer, wrapped.byteOffset, wrapped.byteLength)
  if (b.length !== WRAPPED_KEY_BYTES) throw new DecryptionError('format', `a wrapped data key is ${WRAPPED_KEY_BYTES} bytes (got ${b.length})`)
  if (b[0] !== WRAP_FORMAT) throw new DecryptionError('unsupported-version', `wrapped data key has unknown format version ${b[0]}`)
  return b.readUInt32BE(1)
}

/** Unwraps a data key with the master key version it names; DecryptionError if it is not this subject's key of this kind, or the key ring is wrong. */
export function unwrapDataKey(ring: MasterKeyRing, wrapped: Uint8Array, context: WrapContext): Buffer {
  const version = wrappedKeyVersion(wrapped)
  if (!ring.has(version)) throw new DecryptionError('unknown-master-version', `data key of subject ${context.subjectId} is wrapped under master key v${version}, which is not in the key ring (it has ${ring.versions.map((v) => `v${v}`).join(', ')})`)
  const b = Buffer.from(wrapped.buffer, wrapped.byteOffset, wrapped.byteLength)
  try {
    const decipher = createDecipheriv(ALGORITHM, ring.get(version).wrapKey(), b.subarray(5, 5 + IV_BYTES), { authTagLength: TAG_BYTES })
    decipher.setAuthTag(b.subarray(5 + IV_BYTES, WRAP_HEADER))
    decipher.setAAD(wrapAad(context, version))
    return Buffer.concat([decipher.update(b.subarray(WRAP_HEADER)), decipher.final()])
  } catch (err) {
    throw new DecryptionError('authentication', `${context.keyKind} data key of subject ${context.subjectId} does not unwrap under master key v${version}: wrong master key, or the key belongs to another subject or kind`, { cause: err })
  }
}

/**
 * Master key rotation for one data key: unwrap with the version it names, wrap with `target`
 * (default: the ring's current key). Returns the input unchanged when it is already under `target`.
 * Values sealed with the data key are untouched.
 */
export function rewrapDataKey(ring: MasterKeyRing, wrapped: Uint8Array, context: WrapContext, target: MasterKey = ring.current): Buffer {
  if (wrappedKeyVersion(wrapped) === target.version) {
    unwrapDataKey(ring, wrapped, context) // still prove it opens: rotation must not bless a bad key
    return Buffer.from(wrapped)
  }
  const dek = unwrapDataKey(ring, wrapped, context)
  try {
    return wrapDataKey(target, dek, context)
  } finally {
    dek.fill(0)
  }
}
