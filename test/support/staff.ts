// Staff accounts for tests, made the way a person makes one: a setup link, the setup pages, the
// authenticator code (computed with otplib, as an app would), then the login page and its cookie.
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { generate } from 'otplib'
import type { Runtime } from '../../src/runtime.ts'
import { OPERATOR_PARTY, type StaffParty } from '../../src/staff/accounts.ts'

export const GOOD_PASSWORD = 'plum-orbit-lantern-quietly-7'

/** A clock the test moves: TOTP codes are good once per 30-second step, so logins step it on. */
export class TestClock {
  #t: number
  constructor(start = Date.parse('2026-12-03T09:00:00Z')) {
    this.#t = start
  }
  readonly now = (): Date => new Date(this.#t)
  advance(ms: number): void {
    this.#t += ms
  }
}

/** Same-origin form posts, as a browser on Pledge's own page sends them. */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' } as const

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString()
}

export const FORM = { ...SAME_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }

export async function totpCode(secret: string, clock: TestClock): Promise<string> {
  return generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) })
}

export interface TestAccount {
  readonly id: string
  readonly email: string
  readonly password: string
  readonly secret: string
  readonly recoveryCodes: readonly string[]
}

/** Opens the setup link's pages: password, then the first code. Returns what the person now holds. */
export async function completeSetup(app: FastifyInstance, clock: TestClock, token: string, fields: { email?: string; password?: string } = {}): Promise<Omit<TestAccount, 'email' | 'id'> & { page: string }> {
  const password = fields.password ?? GOOD_PASSWORD
  const open = await app.inject({ method: 'GET', url: `/admin/setup?token=${token}` })
  assert.equal(open.statusCode, 200, open.body)
  const step1 = await app.inject({ method: 'POST', url: '/admin/setup', headers: FORM, payload: form({ token, ...(fields.email ? { email: fields.email } : {}), password, password2: password }) })
  assert.equal(step1.statusCode, 200, step1.body)
  const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(step1.body)?.[1]?.replace(/ /g, '')
  assert.ok(secret, 'the enrolment page shows the key')
  const step2 = await app.inject({ method: 'POST', url: '/admin/setup/code', headers: FORM, payload: form({ token, code: await totpCode(secret, clock) }) })
  assert.equal(step2.statusCode, 200, step2.body)
  const recoveryCodes = [...step2.body.matchAll(/<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})<\/li>/g)].map((m) => m[1]!)
  assert.equal(recoveryCodes.length, 10)
  return { password, secret, recoveryCodes, page: step2.body }
}

/**
 * A set-up account holding `roles`. Granted by `grantor` (the operator by default) and, where a
 * role opens personal data, approved by `approver` — a different party, as the staff room insists.
 */
export async function staffAccount(runtime: Runtime, app: FastifyInstance, clock: TestClock, email: string, roles: readonly string[], parties: { grantor?: StaffParty; approver?: StaffParty } = {}): Promise<TestAccount> {
  const { directory } = runtime.staff
  const grantor = parties.grantor ?? OPERATOR_PARTY
  const [first, ...rest] = roles.length ? roles : ['staff_admin']
  const { account, token } = await directory.add(grantor, email, first!)
  for (const role of rest) await directory.grantRole(grantor, account.id, role)
  const setup = await completeSetup(app, clock, token)
  for (const r of await directory.roles(account.id)) {
    if (!r.inEffect) {
      assert.ok(parties.approver, `${r.role} needs a second party's approval: pass an approver`)
      await directory.approveRole(parties.approver, account.id, r.role)
    }
  }
  return { id: account.id, email, password: setup.password, secret: setup.secret, recoveryCodes: setup.recoveryCodes }
}

export interface SignedIn {
  readonly cookie: string
  readonly csrf: string
  readonly headers: Record<string, string>
  /** Headers for a change (POST, PATCH, DELETE) over the API: cookie and CSRF token. */
  readonly changeHeaders: Record<string, string>
}

/** Signs in through the login page (a fresh TOTP step each time) and reads the CSRF token from /v1/staff/me. */
export async function signIn(app: FastifyInstance, clock: TestClock, account: Pick<TestAccount, 'email' | 'password' | 'secret'>, code?: string): Promise<SignedIn> {
  clock.advance(30_000)
  const res = await app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: form({ email: account.email, password: account.password, code: code ?? (await totpCode(account.secret, clock)) }) })
  assert.equal(res.statusCode, 303, res.body)
  const set = res.cookies.find((c) => c.name === 'pledge_staff')
  assert.ok(set, 'the login sets the session cookie')
  const cookie = `pledge_staff=${set.value}`
  const me = await app.inject({ method: 'GET', url: '/v1/staff/me', headers: { cookie } })
  assert.equal(me.statusCode, 200, me.body)
  const csrf = me.json().csrfToken as string
  return { cookie, csrf, headers: { cookie }, changeHeaders: { cookie, 'x-csrf-token': csrf, ...SAME_ORIGIN } }
}
