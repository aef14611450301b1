// The master key ring: the one secret kept outside the database and its backups. Everything else
// (the key that wraps data keys, blind-index keys, the audit signing key, the key check value) is
// derived from it with HKDF-SHA256, one distinct `info` per use, so no derived key can stand in
// for another.
//
// Format (PLEDGE_MASTER_KEY or the key file):
//   <key>                       one key, version 1
//   v2:<key>,v1:<key>           several versions; the FIRST is current (new wraps use it), the
//                               others stay readable until `pledge keys rotate` has re-wrapped
// where <key> is 32 bytes as hex (64 characters) or base64 / base64url. A key file holds the same
// text; blank lines and lines starting with # are ignored, and lines may replace commas.
import { createHmac, createPrivateKey, createPublicKey, hkdfSync, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

export const MASTER_KEY_BYTES = 32
const HKDF_SALT = Buffer.from('pledge master key v1', 'utf8')
const KCV_CONSTANT = Buffer.from('pledge key check value', 'utf8')
/** PKCS#8 DER prefix for an Ed25519 private key; the 32-byte seed follows (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

export type MasterKeyErrorCode = 'PLEDGE_MASTER_KEY_INVALID' | 'PLEDGE_MASTER_KEY_FILE' | 'PLEDGE_MASTER_KEY_MISMATCH' | 'PLEDGE_MASTER_KEY_UNKNOWN_VERSION'

export class MasterKeyError extends Error {
  readonly code: MasterKeyErrorCode
  constructor(code: MasterKeyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'MasterKeyError'
    this.code = code
  }
}

// The ring needs the raw secret only to serialise itself; keep it off MasterKey's public surface.
const secrets = new WeakMap<MasterKey, Buffer>()
function secretOf(k: MasterKey): Buffer {
  const s = secrets.get(k)
  if (!s) throw new MasterKeyError('PLEDGE_MASTER_KEY_INVALID', 'this master key cannot be serialised')
  return s
}

/** One version of the master key. Derived keys are computed once and cached. */
export class MasterKey {
  readonly version: number
  readonly #secret: Buffer
  readonly #derived = new Map<string, Buffer>()
  #signing: { privateKey: KeyObject; publicKey: KeyObject } | undefined
  #kcv: string | undefined

  constructor(version: number, secret: Buffer) {
    if (!Number.isSafeInteger(version) || version < 1) throw new MasterKeyError('PLEDGE_MASTER_KEY_INVALID', `master key version must be a positive integer (got ${version})`)
    if (secret.length !== MASTER_KEY_BYTES) throw new MasterKeyError('PLEDGE_MASTER_KEY_INVALID', `master key v${version} must be ${MASTER_KEY_BYTES} bytes (got ${secret.length})`)
    this.version = version
    this.#secret = Buffer.from(secret) // private copy
    secrets.set(this, this.#secret)
  }

  /** HKDF-SHA256(master, salt, `pledge:<info>`). Cached: call freely. Returns a shared Buffer: do not mutate. */
  derive(info: string, length = 32): Buffer {
    const id = `${length}:${info}`
    let key = this.#derived.get(id)
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.#secret, HKDF_SALT, `pledge:${info}`, length))
      this.#derived.set(id, key)
    }
    return key
  }

  /** The key-encryption key that wraps data keys (AES-256). */
  wrapKey(): Buffer {
    return this.derive('wrap')
  }

  /**
   * Blind-index key for the controller's own subjects (`tenantId` null) or for one tenant (a customer
   * on whose behalf Pledge processes): the same person in two tenants gets unrelated indexes.
   */
  blindIndexKey(tenantId: string | null): Buffer {
    return this.derive(tenantId === null ? 'blind-index:controller' : `blind-index:tenant:${tenantId}`)
  }

  /** Deterministic Ed25519 key pair for signing audit checkpoints: HKDF → 32-byte seed → PKCS#8. */
  auditSigningKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
    if (!this.#signing) {
      const seed = this.derive('audit-signing')
      const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
      this.#signing = { privateKey, publicKey: createPublicKey(privateKey) }
    }
    return this.#signing
  }

  /**
   * Key check value: HMAC-SHA256 of a constant under a derived key, first 8 bytes as hex. Safe to
   * store in the database: it identifies the key without revealing it.
   */
  kcv(): string {
    this.#kcv ??= createHmac('sha256', this.derive('kcv')).update(KCV_CONSTANT).digest().subarray(0, 8).toString('hex')
    return this.#kcv
  }

  /** Constant-time comparison of this key's check value with a stored one. */
  matchesKcv(stored: string): boolean {
    return kcvEquals(this.kcv(), stored)
  }
}

/** Constant-time comparison of two key check values (false when the lengths differ). */
export function kcvEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  if (x.length !== y.length) {
    timingSafeEqual(x, x) // same work either way
    return false
  }
  return timingSafeEqual(x, y)
}

export class MasterKeyRing {
  /** The key new wraps use (the first one listed). */
  readonly current: MasterKey
  readonly #byVersion: ReadonlyMap<number, MasterKey>

  constructor(keys: readonly MasterKey[]) {
    const first = keys[0]
    if (!first) throw new MasterKeyError('PLEDGE_MASTER_KEY_INVALID', 'the master key ring is empty')
    const byVersion = new Map<number, MasterKey>()
    for (const k of keys) {
      if (byVersion.has(k.version)) throw new MasterKeyError('PLEDGE_MASTER_KEY_INVALID', `master key version v${k.version} is listed twice`)
      byVersion.set(k.version, k)
    }
    this.current = first
    this.#byVersion = byVersion
  }

  /** Versions in the order listed (current first). */
  get versions(): number[] {
    return [...this.#byVersion.keys()]
  }

  has(version: number): boolean {
    return this.#byVersion.has(version)
  }

  /** The key of one version, or a MasterKeyError naming the versions that are available. */
  get(version: number): MasterKey {
    const k = this.#byVersion.get(version)
    if (!k) throw new MasterKeyError('PLEDGE_MASTER_KEY_UNKNOWN_VERSION', `master key v${version} is not in the key ring (it has ${this.versions.map((v) => `v${v}`).join(', ')})`)
    return k
  }

  /**
   * Checks the ring against the key check values the database recorded (version → kcv). Throws a
   * MasterKeyError with a clear message when a version is missing or does not match.
   */
  assertMatches(stored: Iterable<{ version: number; kcv: string }>): void {
    for (const { version, kcv } of stored) {
      const k = this.#byVersion.get(version)
      if (!k) throw new MasterKeyError('PLEDGE_MASTER_KEY_MISMATCH', `the database needs master key v${version} (kcv ${kcv}) but the master key given has only ${this.versions.map((v) => `v${v}`).join(', ')}`)
      if (!k.matchesKcv(kcv)) throw new MasterKeyError('PLEDGE_MASTER_KEY_MISMATCH', `the master key does not match the one this database was created with (kcv ${kcv} expected for v${version}, the key given has kcv ${k.kcv()})`)
    }
  }

  /** A new ring with a fresh random key as the new current version (max version + 1). */
  withNewVersion(secret: Buffer = randomBytes(MASTER_KEY_BYTES)): MasterKeyRing {
    const next = Math.max(...this.versions) + 1
    return new MasterKeyRing([new MasterKey(next, secret), ...this.#byVersion.values()])
  }

  /** The text form (`v2:<base64>,v1:<base64>`), for a key file or PLEDGE_MASTER_KEY. Secret! */
  serialize(): string {
    return [...this.#byVersion.values()].map((k) => `v${k.version}:${secretOf(k).toString('base64')}`).join(',')
  }
}

/** Decodes one 32-byte key written as hex or base64/base64url. */
function decodeKey(text: string, label: string): Buffer {
  const t = text.trim()
  let bytes: Buffer | undefined
  if (/^[0-9a-fA-F]{64}$/.test(t)) bytes = Buffer.from(t, 'hex')
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
  if (!bytes || bytes.length !== MASTER_KEY_BYTES) {
    throw new MasterKeyError('PLEDGE_MASTER_KEY_INVALID', `${label} is not a ${MASTER_KEY_BYTES}-byte key in hex (64 characters) or base64 (44 characters)`)
  }
  return bytes
}

function makeKey(version: number, secret: Buffer): MasterKey {
  return new MasterKey(version, secret)
}

/** Parses the text form of a key ring (see the header). Never echoes key material in errors. */
export function parseMasterKey(text: string): MasterKeyRing {
  const parts = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .flatMap((l) => l.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '')
  if (parts.length === 0) throw new MasterKeyError('PLEDGE_MASTER_KEY_INVALID', 'the master key is empty')
  const keys = parts.map((p, i) => {
    const m = /^v(\d+):(.*)$/s.exec(p)
    if (m) return makeKey(Number(m[1]), decodeKey(m[2] ?? '', `master key v${m[1]}`))
    if (parts.length > 1) throw new MasterKeyError('PLEDGE_MASTER_KEY_INVALID', `master key entry ${i + 1} has no version: write several keys as v2:<key>,v1:<key>`)
    return makeKey(1, decodeKey(p, 'the master key'))
  })
  return new MasterKeyRing(keys)
}

/** Reads a key file (same text as PLEDGE_MASTER_KEY). Warns nothing; the caller decides about modes. */
export function readMasterKeyFile(path: string): MasterKeyRing {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new MasterKeyError('PLEDGE_MASTER_KEY_FILE', `cannot read the master key file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err })
  }
  try {
    return parseMasterKey(text)
  } catch (err) {
    if (err instanceof MasterKeyError) throw new MasterKeyError(err.code, `${path}: ${err.message}`)
    throw err
  }
}

/**
 * Resolves PLEDGE_MASTER_KEY: the key text itself, or `file:<path>`, or a path to a key file (a value
 * that is not a valid key and names an existing file). Returns undefined when the value is unset/empty.
 */
export function masterKeyFromEnv(value: string | undefined = process.env['PLEDGE_MASTER_KEY']): MasterKeyRing | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const v = value.trim()
  if (v.startsWith('file:')) return readMasterKeyFile(v.slice(5))
  try {
    return parseMasterKey(v)
  } catch (err) {
    if (existsSync(v)) return readMasterKeyFile(v)
    // Never echo the value: it may be a mistyped key.
    throw new MasterKeyError('PLEDGE_MASTER_KEY_INVALID', `PLEDGE_MASTER_KEY is neither a valid key (${(err as Error).message}) nor the path of an existing key file`, { cause: err })
  }
}

/**
 * Creates a new key file holding one fresh random key (version 1), mode 0600. Atomic and never
 * overwrites: the key is written and fsynced to a temporary file in the same directory, then
 * hard-linked to `path` (link fails if `path` exists), so a crash never leaves a half-written key.
 */
export function generateMasterKeyFile(path: string, ring: MasterKeyRing = new MasterKeyRing([makeKey(1, randomBytes(MASTER_KEY_BYTES))])): MasterKeyRing {
  const dir = dirname(path)
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  const body = `# Pledge master key. Keep it OUTSIDE the data directory and its backups: without it the\n# personal data in the database cannot be read; with it, anyone holding a backup can.\n${ring.serialize()}\n`
  const fd = openSync(tmp, 'wx', 0o600)
  try {
    writeSync(fd, body)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    linkSync(tmp, path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new MasterKeyError('PLEDGE_MASTER_KEY_FILE', `refusing to overwrite the existing master key file ${path}`, { cause: err })
    throw new MasterKeyError('PLEDGE_MASTER_KEY_FILE', `cannot create the master key file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err })
  } finally {
    unlinkSync(tmp)
  }
  try {
    const dfd = openSync(dir, 'r')
    try {
      fsyncSync(dfd)
    } finally {
      closeSync(dfd)
    }
  } catch {
    // directory fsync is best effort (not supported everywhere)
  }
  return ring
}

/** A ring from raw secrets (tests, tools). The first is current. */
export function masterKeyRingFrom(keys: readonly { version: number; secret: Buffer }[]): MasterKeyRing {
  return new MasterKeyRing(keys.map((k) => makeKey(k.version, k.secret)))
}

/** A fresh random single-version ring (embedded first start, tests). */
export function generateMasterKeyRing(version = 1): MasterKeyRing {
  return masterKeyRingFrom([{ version, secret: randomBytes(MASTER_KEY_BYTES) }])
}
