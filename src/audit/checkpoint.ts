// Signed checkpoints over the audit chain: {seq, hash, at} signed with Ed25519 (the signing key is
// derived from the master key, so it lives outside the database). Checkpoints are stored in the
// database every ≤1,000 entries / ≤10 s; the latest one — the signed head — is also written to a file
// outside the database, so that deleting the tail of the log (and the checkpoints in the same
// database) is still detected. Verification may start at a signed checkpoint, which lets old entries
// be pruned one day.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { canonicalJson } from '../util/canonical-json.ts'

export interface Checkpoint {
  /** Sequence number of the entry whose hash this is. */
  readonly seq: number
  /** That entry's hash (64 hex characters). */
  readonly hash: string
  /** When the checkpoint was made (ISO 8601). */
  readonly at: string
}

export interface SignedCheckpoint extends Checkpoint {
  /** Which public key verifies it: first 16 hex characters of SHA-256 over the SPKI DER. */
  readonly keyId: string
  /** Ed25519 signature, base64. */
  readonly signature: string
}

export class CheckpointError extends Error {
  readonly code = 'PLEDGE_CHECKPOINT_INVALID'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CheckpointError'
  }
}

const HASH_RE = /^[0-9a-f]{64}$/

/** Identifies an Ed25519 public key (also accepts the private key and uses its public half). */
export function publicKeyId(key: KeyObject): string {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' })
  return createHash('sha256').update(der).digest('hex').slice(0, 16)
}

/** The exact bytes that are signed: canonical JSON with a domain separator and the key id. */
export function checkpointPayload(cp: Checkpoint, keyId: string): Buffer {
  return Buffer.from(canonicalJson({ t: 'pledge-audit-checkpoint-v1', seq: cp.seq, hash: cp.hash, at: cp.at, keyId }), 'utf8')
}

function checkShape(cp: Checkpoint): void {
  if (!Number.isSafeInteger(cp.seq) || cp.seq < 0) throw new CheckpointError('checkpoint seq must be a non-negative integer')
  if (typeof cp.hash !== 'string' || !HASH_RE.test(cp.hash)) throw new CheckpointError('checkpoint hash must be 64 lower-case hex characters')
  if (typeof cp.at !== 'string' || Number.isNaN(Date.parse(cp.at))) throw new CheckpointError('checkpoint time must be an ISO 8601 string')
}

export function signCheckpoint(cp: Checkpoint, privateKey: KeyObject, publicKey?: KeyObject): SignedCheckpoint {
  checkShape(cp)
  const keyId = publicKeyId(publicKey ?? privateKey)
  const signature = sign(null, checkpointPayload(cp, keyId), privateKey).toString('base64')
  return { seq: cp.seq, hash: cp.hash, at: cp.at, keyId, signature }
}

/** Trusted public keys, by key id (see trustedKeys). */
export type TrustedKeys = ReadonlyMap<string, KeyObject>

/** Builds the key-id → public key map from public (or private) keys, e.g. one per master key version. */
export function trustedKeys(keys: Iterable<KeyObject>): TrustedKeys {
  const m = new Map<string, KeyObject>()
  for (const k of keys) {
    const pub = k.type === 'private' ? createPublicKey(k) : k
    m.set(publicKeyId(pub), pub)
  }
  return m
}

/**
 * True when the signature is valid under a trusted key with the checkpoint's key id. Never throws
 * for a malformed checkpoint or signature (returns false).
 */
export function verifyCheckpoint(cp: SignedCheckpoint, keys: TrustedKeys | KeyObject | Iterable<KeyObject>): boolean {
  try {
    checkShape(cp)
  } catch {
    return false
  }
  const map = keys instanceof Map ? (keys as TrustedKeys) : trustedKeys(isKeyObject(keys) ? [keys] : (keys as Iterable<KeyObject>))
  const key = typeof cp.keyId === 'string' ? map.get(cp.keyId) : undefined
  if (!key || typeof cp.signature !== 'string') return false
  const sig = Buffer.from(cp.signature, 'base64')
  if (sig.length !== 64 || sig.toString('base64') !== cp.signature) return false
  try {
    return verify(null, checkpointPayload(cp, cp.keyId), key, sig)
  } catch {
    return false
  }
}

function isKeyObject(x: unknown): x is KeyObject {
  return typeof x === 'object' && x !== null && 'asymmetricKeyType' in x && 'export' in x && !(Symbol.iterator in x)
}

/** The signed head file's text: one JSON object and a newline. */
export function serializeSignedHead(cp: SignedCheckpoint): string {
  return `${JSON.stringify({ format: 'pledge-audit-head-v1', seq: cp.seq, hash: cp.hash, at: cp.at, keyId: cp.keyId, signature: cp.signature }, null, 2)}\n`
}

/** Parses a signed head file. Checks its shape only: call verifyCheckpoint before trusting it. */
export function parseSignedHead(text: string): SignedCheckpoint {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new CheckpointError('the signed head is not valid JSON', { cause: err })
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CheckpointError('the signed head must be a JSON object')
  const o = raw as Record<string, unknown>
  if (o['format'] !== 'pledge-audit-head-v1') throw new CheckpointError(`the signed head has an unknown format ${JSON.stringify(o['format'])}`)
  const { seq, hash, at, keyId, signature } = o
  if (typeof seq !== 'number' || typeof hash !== 'string' || typeof at !== 'string' || typeof keyId !== 'string' || typeof signature !== 'string') {
    throw new CheckpointError('the signed head needs seq (number), hash, at, keyId and signature (strings)')
  }
  const cp: SignedCheckpoint = { seq, hash, at, keyId, signature }
  checkShape(cp)
  return cp
}

/** Writes the signed head atomically (temporary file, fsync, rename), mode 0600. */
export function writeSignedHead(path: string, cp: SignedCheckpoint): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  const fd = openSync(tmp, 'w', 0o600)
  try {
    writeSync(fd, serializeSignedHead(cp))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    renameSync(tmp, path)
  } catch (err) {
    try {
      unlinkSync(tmp)
    } catch {
      // already gone
    }
    throw err
  }
}

/** Reads the signed head file; undefined when there is none yet. */
export function readSignedHead(path: string): SignedCheckpoint | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  try {
    return parseSignedHead(text)
  } catch (err) {
    if (err instanceof CheckpointError) throw new CheckpointError(`${path}: ${err.message}`, { cause: err })
    throw err
  }
}
