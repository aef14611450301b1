// Logins and server-side sessions (REQ-SEC-03). A login needs the password and the second factor
// (a TOTP code, or one unused recovery code) together; five failures in a row lock the account for
// fifteen minutes, and the refusal says until when. A session is a random token in a cookie, kept
// as a digest, with an idle and an absolute timeout; it can be listed and revoked, and a revoked or
// expired session is refused at once (every request looks it up: no cache to wait out).
import { requireStaffAdmin } from './permissions.ts'
import { v7 as uuidv7 } from 'uuid'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { AuditLog, AuditRecord } from '../audit/audit-log.ts'
import type { Policy } from '../policy/policy.ts'
import { AppError } from '../util/app-error.ts'
import { digestOf, isToken, newToken } from './secrets.ts'
import { decoyHash, hashPassword, needsRehash, verifyPassword, PASSWORD_MAX_LENGTH } from './passwords.ts'
import { verifyTotp } from './totp.ts'
import { EMAIL_MAX_LENGTH, normalEmail, staffActorId, type StaffDirectory, type StaffParty, type StaffSecretSealer } from './accounts.ts'
import { isKnownRole, roleNeedsApproval } from './roles.ts'

export interface SessionSettings {
  /** A session unused for this long ends (default 30 minutes). */
  readonly idleMinutes: number
  /** A session ends this long after login, used or not (default 12 hours). */
  readonly absoluteHours: number
  /** Failed logins in a row that lock an account (default 5). */
  readonly lockoutAttempts: number
  /** How long a locked account stays locked (default 15 minutes). */
  readonly lockoutMinutes: number
  /** Login and setup posts one address may make per minute, whatever the account (default 10). */
  readonly attemptsPerMinutePerAddress: number
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMinutes: 30, absoluteHours: 12, lockoutAttempts: 5, lockoutMinutes: 15, attemptsPerMinutePerAddress: 10 }

/** last_seen_at is written at most this often, so reading pages does not write on every request. */
const TOUCH_MS = 30_000

export interface StaffSession {
  readonly id: string
  readonly accountId: string
  readonly email: string
  readonly csrf: string
  readonly roles: ReadonlySet<string>
  readonly createdAt: Date
  readonly expiresAt: Date
  /** The session as a party acting on the staff directory. */
  readonly party: StaffParty
}

function sessionOf(fields: Omit<StaffSession, 'roles' | 'party'>, roles: ReadonlySet<string>): StaffSession {
  return { ...fields, roles, party: Object.freeze({ id: staffActorId(fields.accountId), accountId: fields.accountId, roles }) }
}

export interface SessionListing {
  readonly id: string
  readonly userAgent: string | null
  readonly createdAt: string
  readonly lastSeenAt: string
  readonly expiresAt: string
  readonly current: boolean
}

export interface LoginInput {
  readonly email: string
  readonly password: string
  /** A 6-digit TOTP code or a recovery code. */
  readonly code: string
  readonly userAgent?: string | undefined
}

export interface LoginResult {
  readonly token: string
  readonly session: StaffSession
  /** Recovery codes left after this login (a recovery code was used when it went down). */
  readonly recoveryCodesLeft: number
  readonly usedRecoveryCode: boolean
}

export interface SessionDeps {
  readonly db: Kysely<DB>
  readonly audit: Pick<AuditLog, 'append' | 'appendMany'>
  readonly secrets: StaffSecretSealer
  readonly directory: StaffDirectory
  readonly policy: () => Policy
  readonly now: () => Date
  readonly settings?: Partial<SessionSettings>
}

const WRONG = 'The e-mail address, the password or the code is wrong'

function entry(actorId: string, action: string, reason: string): AuditRecord {
  return { actorId, action, subjectId: null, purpose: null, categories: [], decision: null, reason }
}

export function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))
  return `Too many failed logins for this account: it is locked until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC (in ${minutes} minute${minutes === 1 ? '' : 's'}); try again then, or ask a staff administrator`
}

export class StaffSessions {
  readonly #d: SessionDeps
  readonly settings: SessionSettings

  constructor(deps: SessionDeps) {
    this.#d = deps
    this.settings = { ...DEFAULT_SESSION_SETTINGS, ...(deps.settings ?? {}) }
  }

  /** Checks the password and the second factor together; on success opens a session. */
  async login(input: LoginInput): Promise<LoginResult> {
    const { db } = this.#d
    if (input.email.length > EMAIL_MAX_LENGTH || input.password.length > PASSWORD_MAX_LENGTH || input.code.length > 32) throw new AppError(400, 'login_refused', WRONG)
    const now = this.#d.now()
    const account = await db.selectFrom('staff_account').selectAll().where('email', '=', normalEmail(input.email)).executeTakeFirst()
    if (!account || account.status !== 'active' || !account.password_hash || !account.totp_sealed) {
      // The same work as for a real account, so the time taken does not tell which addresses exist.
      await verifyPassword(await decoyHash(), input.password)
      await this.#d.audit.append(entry('system:staff', 'staff.login_failed', account ? `account:${account.id}:${account.status}` : 'unknown_account'))
      throw new AppError(401, 'login_refused', WRONG)
    }
    if (account.locked_until && new Date(account.locked_until) > now) {
      await this.#d.audit.append(entry(staffActorId(account.id), 'staff.login_failed', `account:${account.id}:locked`))
      throw new AppError(429, 'account_locked', lockedMessage(new Date(account.locked_until), now), { retryAt: new Date(account.locked_until).toISOString() })
    }
    const passwordOk = await verifyPassword(account.password_hash, input.password)
    const code = input.code.trim()
    let step: number | undefined
    let usedRecoveryCode = false
    if (passwordOk) {
      if (/^\d{6}$/.test(code)) step = await verifyTotp(this.#d.secrets.open(account.id, account.totp_sealed), code, now, account.totp_last_step)
      else usedRecoveryCode = await this.#d.directory.useRecoveryCode(account.id, code)
    }
    if (!passwordOk || (step === undefined && !usedRecoveryCode)) {
      const failed = account.failed_logins + 1
      const lock = failed >= this.settings.lockoutAttempts
      const lockedUntil = lock ? new Date(now.getTime() + this.settings.lockoutMinutes * 60_000) : null
      await this.#d.audit.append(entry(staffActorId(account.id), lock ? 'staff.lockout' : 'staff.login_failed', `account:${account.id}:${passwordOk ? 'code' : 'password'}`))
      await db.updateTable('staff_account').set(lock ? { failed_logins: 0, locked_until: lockedUntil } : { failed_logins: failed }).where('id', '=', account.id).execute()
      if (lockedUntil) throw new AppError(429, 'account_locked', lockedMessage(lockedUntil, now), { retryAt: lockedUntil.toISOString() })
      throw new AppError(401, 'login_refused', `${WRONG} (${this.settings.lockoutAttempts - failed} more tr${this.settings.lockoutAttempts - failed === 1 ? 'y' : 'ies'} before the account is locked for ${this.settings.lockoutMinutes} minutes)`, { triesLeft: this.settings.lockoutAttempts - failed, lockoutMinutes: this.settings.lockoutMinutes })
    }
    // Parameters changed since this hash was made: rehash while the password is at hand.
    const rehash = needsRehash(account.password_hash) ? await hashPassword(input.password) : undefined
    const token = newToken()
    const id = uuidv7()
    const expiresAt = new Date(now.getTime() + this.settings.absoluteHours * 3600_000)
    const csrf = newToken()
    const left = usedRecoveryCode ? await this.#d.directory.recoveryCodesLeft(account.id) : -1
    await this.#d.audit.appendMany([
      ...(usedRecoveryCode ? [entry(staffActorId(account.id), 'staff.recovery_code_used', `account:${account.id}:left:${left}`)] : []),
      entry(staffActorId(account.id), 'staff.login', `account:${account.id}:session:${id}`),
    ])
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_account')
        .set({ failed_logins: 0, locked_until: null, ...(step !== undefined ? { totp_last_step: step } : {}), ...(rehash ? { password_hash: rehash } : {}) })
        .where('id', '=', account.id)
        .execute()
      await trx
        .insertInto('staff_session')
        .values({ id, digest: digestOf(token), account_id: account.id, csrf, user_agent: input.userAgent ? input.userAgent.slice(0, 160) : null, created_at: now, last_seen_at: now, expires_at: expiresAt })
        .execute()
    })
    // Built from what was just written: no second read of the row.
    const session = sessionOf({ id, accountId: account.id, email: account.email, csrf, createdAt: now, expiresAt }, await this.rolesInEffect(account.id))
    return { token, session, recoveryCodesLeft: usedRecoveryCode ? left : await this.#d.directory.recoveryCodesLeft(account.id), usedRecoveryCode }
  }

  /** The live session for a cookie's token, or undefined (unknown, revoked, idle, past its end, account disabled). */
  async session(token: string | undefined): Promise<StaffSession | undefined> {
    if (!isToken(token)) return undefined
    const { db } = this.#d
    const row = await db
      .selectFrom('staff_session')
      .innerJoin('staff_account', 'staff_account.id', 'staff_session.account_id')
      .select(['staff_session.id', 'staff_session.account_id', 'staff_session.csrf', 'staff_session.created_at', 'staff_session.last_seen_at', 'staff_session.expires_at', 'staff_session.revoked_at', 'staff_account.email', 'staff_account.status'])
      .where('staff_session.digest', '=', digestOf(token))
      .executeTakeFirst()
    if (!row || row.revoked_at !== null || row.status !== 'active') return undefined
    const now = this.#d.now()
    const lastSeen = new Date(row.last_seen_at)
    if (new Date(row.expires_at) <= now || now.getTime() - lastSeen.getTime() >= this.settings.idleMinutes * 60_000) return undefined
    if (now.getTime() - lastSeen.getTime() >= TOUCH_MS) await db.updateTable('staff_session').set({ last_seen_at: now }).where('id', '=', row.id).execute()
    return sessionOf({ id: row.id, accountId: row.account_id, email: row.email, csrf: row.csrf, createdAt: new Date(row.created_at), expiresAt: new Date(row.expires_at) }, await this.rolesInEffect(row.account_id))
  }

  /** Roles in force: declared by the policy in force, and approved when they open personal data. */
  async rolesInEffect(accountId: string): Promise<ReadonlySet<string>> {
    const policy = this.#d.policy()
    const rows = await this.#d.db.selectFrom('staff_role').select(['role', 'approved_at']).where('account_id', '=', accountId).execute()
    return new Set(rows.filter((r) => isKnownRole(policy, r.role) && (!roleNeedsApproval(policy, r.role) || r.approved_at !== null)).map((r) => r.role))
  }

  async logout(session: StaffSession): Promise<void> {
    await this.#d.audit.append(entry(staffActorId(session.accountId), 'staff.logout', `account:${session.accountId}:session:${session.id}`))
    await this.#d.db.updateTable('staff_session').set({ revoked_at: this.#d.now(), revoked_by: staffActorId(session.accountId) }).where('id', '=', session.id).where('revoked_at', 'is', null).execute()
  }

  /** An account's live sessions, newest first. */
  /** An account's live sessions: one's own, or any account's for a staff administrator. */
  async listFor(by: StaffParty, accountId: string, currentId?: string): Promise<SessionListing[]> {
    if (by.accountId !== accountId) requireStaffAdmin(by, "lists another account's sessions")
    return this.list(accountId, currentId)
  }

  async list(accountId: string, currentId?: string): Promise<SessionListing[]> {
    const now = this.#d.now()
    const idleSince = new Date(now.getTime() - this.settings.idleMinutes * 60_000)
    const rows = await this.#d.db
      .selectFrom('staff_session')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', idleSince)
      .orderBy('created_at', 'desc')
      .execute()
    return rows.map((r) => ({ id: r.id, userAgent: r.user_agent, createdAt: new Date(r.created_at).toISOString(), lastSeenAt: new Date(r.last_seen_at).toISOString(), expiresAt: new Date(r.expires_at).toISOString(), current: r.id === currentId }))
  }

  /** When each account last signed in (its newest session), for the staff directory. */
  async lastSignIns(): Promise<Map<string, string>> {
    const rows = await this.#d.db.selectFrom('staff_session').select(['account_id', (eb) => eb.fn.max('created_at').as('last')]).groupBy('account_id').execute()
    return new Map(rows.map((r) => [r.account_id, new Date(r.last as unknown as string).toISOString()]))
  }

  /**
   * Ends one of an account's sessions. A person signs out of their own sessions (that only takes
   * access away); ending another account's session is a staff administrator's act, never on oneself.
   */
  async revoke(by: StaffParty, accountId: string, sessionId: string, own: boolean): Promise<void> {
    if (own) {
      if (by.accountId !== accountId) throw new AppError(403, 'not_your_session', 'this is not one of your sessions')
    } else {
      requireStaffAdmin(by, "ends another account's sessions")
      if (by.accountId !== null && by.accountId === accountId) throw new AppError(403, 'not_on_yourself', 'you cannot revoke your own sessions as an administrator: sign out of them on your own page')
    }
    const row = /^[0-9a-f-]{36}$/i.test(sessionId) ? await this.#d.db.selectFrom('staff_session').select(['id', 'revoked_at']).where('id', '=', sessionId.toLowerCase()).where('account_id', '=', accountId).executeTakeFirst() : undefined
    if (!row) throw new AppError(404, 'session_not_found', 'no such session for this account')
    if (row.revoked_at !== null) throw new AppError(409, 'session_revoked', 'this session has ended already')
    await this.#d.audit.append(entry(by.id, own ? 'staff.logout' : 'staff.session_revoke', `account:${accountId}:session:${row.id}`))
    await this.#d.db.updateTable('staff_session').set({ revoked_at: this.#d.now(), revoked_by: by.id }).where('id', '=', row.id).execute()
  }
}
