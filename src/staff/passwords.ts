// Staff passwords: argon2id with the OWASP minimum parameters, kept as PHC strings, so a change of
// parameters is visible in every stored hash and the next login rehashes (needsRehash).
import { hash, verify } from '@node-rs/argon2'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'

/** argon2id, m=19 MiB, t=2, p=1 (OWASP's minimum; ~15 ms per hash on the reference machine). */
export const ARGON2_PARAMETERS = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const PASSWORD_MIN_LENGTH = 12
/** Bounded before hashing, so a huge body cannot buy a long hash. */
export const PASSWORD_MAX_LENGTH = 256

// The common-password dictionary (and keyboard patterns) of zxcvbn-ts: a password it can guess in
// fewer than 10^8 tries (score below 3) is refused.
const strength = new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs })

const WARNINGS: Record<string, string> = {
  commonPasswords: 'it is one of the most common passwords',
  similarToCommon: 'it is very close to one of the most common passwords',
  topTen: 'it is one of the ten most common passwords',
  topHundred: 'it is one of the hundred most common passwords',
  straightRow: 'it is a row of keys on the keyboard',
  keyPattern: 'it is a keyboard pattern',
  simpleRepeat: 'it repeats a character',
  extendedRepeat: 'it repeats a short pattern',
  sequences: 'it is a sequence like abc or 123',
  recentYears: 'it ends in a recent year',
  dates: 'it is mostly a date',
  wordByItself: 'it is a single word',
  namesByThemselves: 'it is a single name',
  commonNames: 'it is a common name',
  userInputs: 'it contains your e-mail address',
}

/** Why a password is refused (a sentence that says what to do), or undefined when it is good. */
export async function passwordProblem(password: string, userInputs: readonly string[] = []): Promise<string | undefined> {
  if (password.length < PASSWORD_MIN_LENGTH) return `the password must have at least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words make a good one`
  if (password.length > PASSWORD_MAX_LENGTH) return `the password may have at most ${PASSWORD_MAX_LENGTH} characters`
  const result = await strength.check(password, [...userInputs])
  if (result.score >= 3) return undefined
  const why = (result.feedback.warning && WARNINGS[result.feedback.warning]) ?? 'it is too easy to guess'
  return `this password is refused: ${why}. Choose a longer one of unrelated words`
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMETERS)
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password)
  } catch {
    return false
  }
}

/** Whether a stored hash was made with other parameters than today's (then the login rehashes). */
export function needsRehash(phc: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc)
  if (!m) return true
  return Number(m[1]) !== ARGON2_PARAMETERS.memoryCost || Number(m[2]) !== ARGON2_PARAMETERS.timeCost || Number(m[3]) !== ARGON2_PARAMETERS.parallelism
}

/** A hash to verify against when the account is unknown, so a login takes as long either way. */
let decoy: Promise<string> | undefined
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword('no account has this password, it only spends the same time'))
}
