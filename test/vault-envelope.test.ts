import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tempDir } from './support/temp.ts'
import { join } from 'node:path'
import { randomBytes, sign, verify } from 'node:crypto'
import fc from 'fast-check'
import {
  DecryptionError,
  decryptString,
  decryptValue,
  encryptValue,
  generateDataKey,
  rewrapDataKey,
  unwrapDataKey,
  wrapDataKey,
  wrappedKeyVersion,
  type ValueContext,
} from '../src/vault/envelope.ts'
import {
  MasterKeyError,
  generateMasterKeyFile,
  generateMasterKeyRing,
  kcvEquals,
  masterKeyFromEnv,
  masterKeyRingFrom,
  parseMasterKey,
  readMasterKeyFile,
} from '../src/vault/master-key.ts'

const ctx: ValueContext = { subjectId: 'subj-1', category: 'contact.email', recordId: 'rec-1', keyVersion: 1 }

test('value round trip (string, Buffer, empty) and format: version ‖ iv ‖ tag ‖ ciphertext', () => {
  const dek = generateDataKey()
  const blob = encryptValue(dek, 'ann.peeters@example.be', ctx)
  assert.equal(blob[0], 1)
  assert.equal(blob.length, 1 + 12 + 16 + Buffer.byteLength('ann.peeters@example.be'))
  assert.ok(!blob.includes(Buffer.from('ann.peeters')), 'no plaintext in the blob')
  assert.equal(decryptString(dek, blob, ctx), 'ann.peeters@example.be')
  const bin = randomBytes(1000)
  assert.deepEqual(decryptValue(dek, encryptValue(dek, bin, ctx), ctx), bin)
  assert.equal(decryptString(dek, encryptValue(dek, '', ctx), ctx), '')
  // two encryptions of the same value differ (random IV)
  assert.notDeepEqual(encryptValue(dek, 'x', ctx), encryptValue(dek, 'x', ctx))
})

test('property: encrypt/decrypt round trip for any text and any context', () => {
  const dek = generateDataKey()
  fc.assert(
    fc.property(
      fc.string({ unit: 'grapheme' }),
      fc.record({ subjectId: fc.string(), category: fc.string(), recordId: fc.string(), keyVersion: fc.nat() }),
      (text, c) => {
        assert.equal(decryptString(dek, encryptValue(dek, text, c), c), text)
      },
    ),
    { numRuns: 300 },
  )
})

test('property: flipping any byte of a sealed value makes it fail with DecryptionError', () => {
  const dek = generateDataKey()
  const blob = encryptValue(dek, 'BE68 5390 0754 7034', ctx)
  fc.assert(
    fc.property(fc.nat({ max: blob.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
      const bad = Buffer.from(blob)
      bad[i] = bad[i]! ^ x
      assert.throws(() => decryptValue(dek, bad, ctx), DecryptionError)
    }),
  )
})

test('REQ-SEC-02 AAD binding: a value copied to another subject, category or record, or replayed under another key version, fails with DecryptionError', () => {
  const dek = generateDataKey()
  const blob = encryptValue(dek, 'BE68 5390 0754 7034', ctx)
  for (const moved of [
    { ...ctx, subjectId: 'subj-2' },
    { ...ctx, category: 'financial.bank_account' },
    { ...ctx, recordId: 'rec-2' },
    { ...ctx, keyVersion: 2 },
    { ...ctx, keyVersion: 0 },
  ]) {
    assert.throws(
      () => decryptValue(dek, blob, moved),
      (err: unknown) => err instanceof DecryptionError && err.reason === 'authentication' && !String(err.message).includes('BE68'),
      JSON.stringify(moved),
    )
  }
  // field boundaries are unambiguous: shifting characters between fields does not authenticate
  const a = encryptValue(dek, 'v', { subjectId: 'ab', category: 'c', recordId: 'r', keyVersion: 1 })
  assert.throws(() => decryptValue(dek, a, { subjectId: 'a', category: 'bc', recordId: 'r', keyVersion: 1 }), DecryptionError)
  // another subject's data key cannot open it either
  assert.throws(() => decryptValue(generateDataKey(), blob, ctx), DecryptionError)
  // and the original still opens
  assert.equal(decryptString(dek, blob, ctx), 'BE68 5390 0754 7034')
})

test('malformed blobs fail with a typed DecryptionError', () => {
  const dek = generateDataKey()
  assert.throws(() => decryptValue(dek, Buffer.alloc(10), ctx), (e: unknown) => e instanceof DecryptionError && e.reason === 'format')
  const blob = encryptValue(dek, 'x', ctx)
  blob[0] = 9
  assert.throws(() => decryptValue(dek, blob, ctx), (e: unknown) => e instanceof DecryptionError && e.reason === 'unsupported-version')
  assert.throws(() => encryptValue(Buffer.alloc(16), 'x', ctx), TypeError)
  assert.throws(() => encryptValue(dek, 'x', { ...ctx, keyVersion: 1.5 }), TypeError)
})

test('data key wrap/unwrap is bound to subject and key kind', () => {
  const ring = generateMasterKeyRing()
  const dek = generateDataKey()
  const w = wrapDataKey(ring.current, dek, { subjectId: 's1', keyKind: 'ordinary' })
  assert.equal(w.length, 65)
  assert.equal(wrappedKeyVersion(w), 1)
  assert.deepEqual(unwrapDataKey(ring, w, { subjectId: 's1', keyKind: 'ordinary' }), dek)
  assert.throws(() => unwrapDataKey(ring, w, { subjectId: 's2', keyKind: 'ordinary' }), DecryptionError)
  assert.throws(() => unwrapDataKey(ring, w, { subjectId: 's1', keyKind: 'retention' }), DecryptionError)
})

test('REQ-SEC-02 wrong master key cannot unwrap (DecryptionError, never garbage)', () => {
  const right = generateMasterKeyRing()
  const wrong = generateMasterKeyRing()
  const dek = generateDataKey()
  const w = wrapDataKey(right.current, dek, { subjectId: 's1', keyKind: 'ordinary' })
  assert.throws(() => unwrapDataKey(wrong, w, { subjectId: 's1', keyKind: 'ordinary' }), (e: unknown) => e instanceof DecryptionError && e.reason === 'authentication')
  // a version the ring does not have
  const v3 = masterKeyRingFrom([{ version: 3, secret: randomBytes(32) }])
  assert.throws(() => unwrapDataKey(v3, w, { subjectId: 's1', keyKind: 'ordinary' }), (e: unknown) => e instanceof DecryptionError && e.reason === 'unknown-master-version' && /v1/.test(e.message))
})

test('rewrap moves a data key to the new master version without touching sealed values', () => {
  const v1 = generateMasterKeyRing()
  const dek = generateDataKey()
  const wc = { subjectId: 's1', keyKind: 'retention' } as const
  const w1 = wrapDataKey(v1.current, dek, wc)
  const value = encryptValue(dek, 'Ann Peeters', ctx)
  const ring = v1.withNewVersion()
  assert.deepEqual(ring.versions, [2, 1])
  const w2 = rewrapDataKey(ring, w1, wc)
  assert.equal(wrappedKeyVersion(w2), 2)
  assert.notDeepEqual(w2, w1)
  const dek2 = unwrapDataKey(ring, w2, wc)
  assert.equal(decryptString(dek2, value, ctx), 'Ann Peeters')
  // once every key is rewrapped, v1 can leave the ring: v2 alone opens w2 and not w1
  const onlyV2 = parseMasterKey(ring.serialize().split(',')[0]!)
  assert.deepEqual(unwrapDataKey(onlyV2, w2, wc), dek)
  assert.throws(() => unwrapDataKey(onlyV2, w1, wc), DecryptionError)
  // rewrap is idempotent (resumable rotation) and refuses a key that does not open
  assert.deepEqual(rewrapDataKey(ring, w2, wc), w2)
  assert.throws(() => rewrapDataKey(ring, w1, { subjectId: 'other', keyKind: 'retention' }), DecryptionError)
})

test('master key parsing: hex, base64, base64url, versioned list (first is current), errors never echo the key', () => {
  const raw = randomBytes(32)
  const hex = parseMasterKey(raw.toString('hex'))
  const b64 = parseMasterKey(`  ${raw.toString('base64')}\n`)
  const b64url = parseMasterKey(raw.toString('base64url'))
  assert.equal(hex.current.version, 1)
  assert.equal(hex.current.kcv(), b64.current.kcv())
  assert.equal(hex.current.kcv(), b64url.current.kcv())
  const other = randomBytes(32)
  const ring = parseMasterKey(`v2:${other.toString('base64')},v1:${raw.toString('hex')}`)
  assert.equal(ring.current.version, 2)
  assert.deepEqual(ring.versions, [2, 1])
  assert.equal(ring.get(1).kcv(), hex.current.kcv())
  assert.throws(() => ring.get(7), MasterKeyError)
  const short = randomBytes(31).toString('base64')
  assert.throws(() => parseMasterKey(short), (e: unknown) => e instanceof MasterKeyError && !e.message.includes(short))
  assert.throws(() => parseMasterKey(''), MasterKeyError)
  assert.throws(() => parseMasterKey(`v1:${raw.toString('hex')},v1:${other.toString('hex')}`), /twice/)
  assert.throws(() => parseMasterKey(`${raw.toString('hex')},${other.toString('hex')}`), /no version/)
  // round trip through serialize
  assert.equal(parseMasterKey(ring.serialize()).get(1).kcv(), ring.get(1).kcv())
})

test('derived sub-keys are distinct per use and per tenant, deterministic per master key', () => {
  const ring = generateMasterKeyRing()
  const k = ring.current
  const keys = [k.wrapKey(), k.blindIndexKey(null), k.blindIndexKey('t1'), k.blindIndexKey('t2'), k.derive('audit-signing')].map((b) => b.toString('hex'))
  assert.equal(new Set(keys).size, keys.length)
  const again = parseMasterKey(ring.serialize()).current
  assert.deepEqual(again.blindIndexKey('t1'), k.blindIndexKey('t1'))
  // the audit signing key pair is a deterministic Ed25519 pair
  const { privateKey, publicKey } = k.auditSigningKeyPair()
  assert.equal(privateKey.asymmetricKeyType, 'ed25519')
  const sig = sign(null, Buffer.from('head'), privateKey)
  assert.ok(verify(null, Buffer.from('head'), again.auditSigningKeyPair().publicKey, sig))
  assert.ok(verify(null, Buffer.from('head'), publicKey, sig))
  assert.ok(!verify(null, Buffer.from('head'), generateMasterKeyRing().current.auditSigningKeyPair().publicKey, sig))
})

test('kcv: a wrong master key fails with a clear message; comparison is constant-time and length-safe', () => {
  const ring = generateMasterKeyRing()
  const stored = [{ version: 1, kcv: ring.current.kcv() }]
  assert.match(ring.current.kcv(), /^[0-9a-f]{16}$/)
  ring.assertMatches(stored)
  const wrong = generateMasterKeyRing()
  assert.throws(
    () => wrong.assertMatches(stored),
    (e: unknown) => e instanceof MasterKeyError && e.code === 'PLEDGE_MASTER_KEY_MISMATCH' && e.message.includes('the master key does not match the one this database was created with') && e.message.includes(stored[0]!.kcv),
  )
  assert.throws(() => ring.withNewVersion().assertMatches([...stored, { version: 5, kcv: 'abcd' }]), /needs master key v5/)
  assert.ok(kcvEquals('abcdef', 'abcdef'))
  assert.ok(!kcvEquals('abcdef', 'abcdeg'))
  assert.ok(!kcvEquals('abcdef', 'abcde'))
  assert.ok(!ring.current.matchesKcv(wrong.current.kcv()))
})

test('key file: created 0600, atomically, never overwritten; PLEDGE_MASTER_KEY may name it', (t) => {
  const dir = tempDir(t, 'pledge-mk-')
  const path = join(dir, 'master.key')
  const ring = generateMasterKeyFile(path)
  assert.equal(statSync(path).mode & 0o777, 0o600)
  assert.equal(readMasterKeyFile(path).current.kcv(), ring.current.kcv())
  const before = readFileSync(path, 'utf8')
  assert.throws(() => generateMasterKeyFile(path), (e: unknown) => e instanceof MasterKeyError && /refusing to overwrite/.test(e.message))
  assert.equal(readFileSync(path, 'utf8'), before)
  assert.deepEqual(readdirSync(dir), ['master.key'], 'no temporary file left behind')
  assert.equal(masterKeyFromEnv(path)?.current.kcv(), ring.current.kcv())
  assert.equal(masterKeyFromEnv(`file:${path}`)?.current.kcv(), ring.current.kcv())
  assert.equal(masterKeyFromEnv(ring.serialize())?.current.kcv(), ring.current.kcv())
  assert.equal(masterKeyFromEnv(''), undefined)
  assert.throws(() => masterKeyFromEnv(join(dir, 'missing.key')), MasterKeyError)
  const bad = join(dir, 'bad.key')
  writeFileSync(bad, 'not a key\n')
  assert.throws(() => readMasterKeyFile(bad), (e: unknown) => e instanceof MasterKeyError && e.message.startsWith(bad))
})
