import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BlindIndexer, NormalisationError, blindIndex, normaliseEmail, normalisePhone } from '../src/vault/blind-index.ts'
import { generateMasterKeyRing, parseMasterKey } from '../src/vault/master-key.ts'

test('e-mail normalisation: trim, lower-case, NFC, IDN domain to ASCII; plus-addressing and dots kept', () => {
  assert.equal(normaliseEmail('  Ann.Peeters@Example.BE \n'), 'ann.peeters@example.be')
  assert.equal(normaliseEmail('ann+shop@example.be'), 'ann+shop@example.be')
  assert.notEqual(normaliseEmail('ann+shop@example.be'), normaliseEmail('ann@example.be'))
  assert.notEqual(normaliseEmail('a.nn@gmail.com'), normaliseEmail('ann@gmail.com'))
  // NFC: "é" precomposed vs e + combining acute
  assert.equal(normaliseEmail('Andr\u00e9@example.be'), normaliseEmail('Andre\u0301@example.be'))
  assert.equal(normaliseEmail('info@B\u00fccher.de'), 'info@xn--bcher-kva.de')
  assert.equal(normaliseEmail('info@bücher.de'), normaliseEmail('INFO@xn--bcher-kva.de'))
  for (const bad of ['', 'ann', '@example.be', 'ann@', 'ann peeters@example.be']) {
    assert.throws(() => normaliseEmail(bad), NormalisationError, bad)
  }
})

test('phone normalisation: separators stripped, 00 → +, Belgian national 0… → +32…', () => {
  const cases: [string, string][] = [
    ['0470 12 34 56', '+32470123456'],
    ['0470/12.34.56', '+32470123456'],
    ['+32 470 12 34 56', '+32470123456'],
    ['0032 470-12-34-56', '+32470123456'],
    ['+32 (0)470 12 34 56', '+32470123456'],
    ['(02) 123 45 67', '+3221234567'],
    ['+31 6 12345678', '+31612345678'],
    ['0031612345678', '+31612345678'],
  ]
  for (const [input, expected] of cases) assert.equal(normalisePhone(input), expected, input)
  assert.equal(normalisePhone('06 12 34 56 78', { defaultCountryCode: '+33' }), '+33612345678')
  for (const bad of ['', 'abc', '12345', '+0470123456', '+32 470 12 34 56 78 90 12 34']) {
    assert.throws(() => normalisePhone(bad), NormalisationError, bad)
  }
  assert.throws(() => normalisePhone('0470123456', { defaultCountryCode: 'BE' }), TypeError)
})

test('blind index: same for equivalent spellings, 22-char base64url, kind-separated', () => {
  const ring = generateMasterKeyRing()
  const key = ring.current.blindIndexKey(null)
  const a = blindIndex(key, 'email', 'Ann.Peeters@Example.be')
  assert.match(a, /^[A-Za-z0-9_-]{22}$/)
  assert.equal(blindIndex(key, 'email', ' ann.peeters@example.be'), a)
  assert.notEqual(blindIndex(key, 'email', 'ann.peeters@example.com'), a)
  assert.equal(blindIndex(key, 'phone', '0470 12 34 56'), blindIndex(key, 'phone', '+32470123456'))
  // the index is keyed: another master key gives another index
  assert.notEqual(blindIndex(generateMasterKeyRing().current.blindIndexKey(null), 'email', 'ann.peeters@example.be'), a)
})

test('blind index keys are per tenant: one person in two tenants (and the controller) cannot be linked', () => {
  const ring = generateMasterKeyRing()
  const indexer = new BlindIndexer(ring.current)
  const email = 'ann.peeters@example.be'
  const controller = indexer.index(null, 'email', email)
  const t1 = indexer.index('tenant-1', 'email', email)
  const t2 = indexer.index('tenant-2', 'email', email)
  assert.equal(new Set([controller, t1, t2]).size, 3)
  assert.equal(new Set([indexer.index(null, 'phone', '0470123456'), indexer.index('tenant-1', 'phone', '0470123456')]).size, 2)
  // a tenant literally named "controller" does not share the controller's key
  assert.notEqual(indexer.index('controller', 'email', email), controller)
  // stable: the same master key (e.g. after a restart) gives the same indexes
  const again = new BlindIndexer(parseMasterKey(ring.serialize()).current)
  assert.equal(again.index('tenant-1', 'email', 'ANN.PEETERS@example.be'), t1)
  assert.equal(again.index(null, 'email', email), controller)
  assert.equal(indexer.masterVersion, 1)
})
