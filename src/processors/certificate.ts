// The deletion certificate of an end-of-contract run (REQ-PR-04, Art. 28(3)(g)): what was returned
// and deleted for one customer, when, what remains and why, the audit entries that cover the run and
// the statement version in force — signed with Pledge's audit signing key (Ed25519, derived from the
// master key: src/vault/master-key.ts), the key that signs the audit checkpoints. Anyone with the
// public key (`pledge certificate key`, or /.well-known/pledge-keys.json) verifies it offline.
//
// File format (JSON):
//   { "format": "pledge-deletion-certificate-v1", "certificate": { ...CertificateBody }, "keyId", "signature" }
// The signed bytes are canonical JSON (sorted keys, no whitespace) of
//   { "t": "pledge-deletion-certificate-v1", "certificate": <body>, "keyId": <keyId> }
// so re-indenting the file keeps it valid, and changing any value (one byte) breaks it.
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import { canonicalJson } from '../util/canonical-json.ts'
import { publicKeyId } from '../audit/checkpoint.ts'

export const CERTIFICATE_FORMAT = 'pledge-deletion-certificate-v1'
export const KEYS_FORMAT = 'pledge-keys-v1'

export interface CertificateBody {
  readonly runId: string
  /** The customer (tenant) whose people these were. */
  readonly tenantId: string
  readonly controller: string
  /** What the customer chose: return (an export), delete, or both. */
  readonly instruction: { readonly return: boolean; readonly delete: boolean }
  readonly startedAt: string
  readonly finishedAt: string
  readonly subjects: { readonly total: number; readonly returned: number; readonly deleted: number; readonly alreadyErased: number }
  readonly records: { readonly deleted: number; readonly keptUnderLegalDuty: number }
  /** What remains and why: per category, purpose and reason, how many people (a legal duty or hold). */
  readonly remains: readonly { readonly category: string; readonly purpose: string; readonly reason: string; readonly subjects: number }[]
  /** Tombstones are kept (ids and dates, no values) so a restore from backup re-erases these people. */
  readonly tombstonesKept: number
  /** The audit entries that record the run: from its `contract.start` to its `contract.finish`, and the chain's hash there. */
  readonly audit: { readonly fromSeq: number; readonly toSeq: number; readonly headHash: string }
  /** The privacy statement version in force during the run. */
  readonly policy: { readonly version: number; readonly contentHash: string }
  readonly issuedAt: string
}

export interface SignedCertificate {
  readonly format: typeof CERTIFICATE_FORMAT
  readonly certificate: CertificateBody
  readonly keyId: string
  readonly signature: string
}

function payload(body: unknown, keyId: string): Buffer {
  return Buffer.from(canonicalJson({ t: CERTIFICATE_FORMAT, certificate: body, keyId }), 'utf8')
}

export function signCertificate(body: CertificateBody, privateKey: KeyObject): SignedCertificate {
  const keyId = publicKeyId(privateKey)
  return { format: CERTIFICATE_FORMAT, certificate: body, keyId, signature: sign(null, payload(body, keyId), privateKey).toString('base64') }
}

export function serializeCertificate(c: SignedCertificate): string {
  return `${JSON.stringify(c, null, 2)}\n`
}

/** The public keys file: one entry per master key version (current first). */
export function keysDocument(publicKeys: readonly KeyObject[]): string {
  const keys = publicKeys.map((k) => {
    const pub = k.type === 'private' ? createPublicKey(k) : k
    return { keyId: publicKeyId(pub), alg: 'Ed25519', use: 'audit-signing', spki: pub.export({ format: 'der', type: 'spki' }).toString('base64') }
  })
  return `${JSON.stringify({ format: KEYS_FORMAT, keys }, null, 2)}\n`
}

export function parseKeysDocument(text: string): Map<string, KeyObject> {
  const doc = JSON.parse(text) as { format?: unknown; keys?: unknown }
  if (doc.format !== KEYS_FORMAT || !Array.isArray(doc.keys)) throw new Error(`not a ${KEYS_FORMAT} document`)
  const map = new Map<string, KeyObject>()
  for (const k of doc.keys as { spki?: unknown }[]) {
    if (typeof k.spki !== 'string') continue
    const key = createPublicKey({ key: Buffer.from(k.spki, 'base64'), format: 'der', type: 'spki' })
    map.set(publicKeyId(key), key)
  }
  return map
}

export type CertificateCheck = { readonly valid: true; readonly certificate: CertificateBody; readonly keyId: string } | { readonly valid: false; readonly reason: string }

/** Verifies a certificate file's text against trusted public keys. Never throws. */
export function verifyCertificate(text: string, keys: ReadonlyMap<string, KeyObject>): CertificateCheck {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { valid: false, reason: 'the file is not valid JSON' }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { valid: false, reason: 'the file is not a JSON object' }
  const o = raw as Record<string, unknown>
  if (o['format'] !== CERTIFICATE_FORMAT) return { valid: false, reason: `unknown format ${JSON.stringify(o['format'])} (expected ${CERTIFICATE_FORMAT})` }
  const { certificate, keyId, signature } = o
  if (typeof certificate !== 'object' || certificate === null || typeof keyId !== 'string' || typeof signature !== 'string') return { valid: false, reason: 'the certificate needs certificate (object), keyId and signature (strings)' }
  const key = keys.get(keyId)
  if (!key) return { valid: false, reason: `signed by key ${keyId.slice(0, 32)}, which is not among the trusted keys` }
  const sig = Buffer.from(signature, 'base64')
  if (sig.length !== 64 || sig.toString('base64') !== signature) return { valid: false, reason: 'the signature is malformed' }
  let ok = false
  try {
    ok = verify(null, payload(certificate, keyId), key, sig)
  } catch {
    ok = false
  }
  return ok ? { valid: true, certificate: certificate as CertificateBody, keyId } : { valid: false, reason: 'the signature does not match the content: the certificate was altered or not issued by this key' }
}
