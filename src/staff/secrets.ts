// Random secrets given to people (setup links, session cookies, recovery codes), kept only as
// SHA-256 digests: looking one up by its digest compares hashes, never the secret itself.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function digestOf(secret: string): Buffer {
  return createHash('sha256').update(secret).digest()
}

/** A well-formed token: 43 base64url characters. Anything else is not looked up. */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value)
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** A recovery code: 4 groups of 4 letters and digits without look-alikes (about 79 bits). */
export function newRecoveryCode(): string {
  const groups: string[] = []
  for (let g = 0; g < 4; g++) {
    let group = ''
    for (let i = 0; i < 4; i++) group += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]
    groups.push(group)
  }
  return groups.join('-')
}

/** What a person typed as a recovery code, in the form it was stored in (case, spaces, dashes ignored). */
export function normalRecoveryCode(typed: string): string | undefined {
  const compact = typed.toLowerCase().replace(/[\s-]/g, '')
  if (!/^[a-z0-9]{16}$/.test(compact)) return undefined
  return compact.match(/.{4}/g)!.join('-')
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
