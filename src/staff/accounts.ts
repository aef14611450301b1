// Staff accounts: one-time setup links, password and second factor, roles granted and approved by
// two different parties, disabling, second-factor resets, confidentiality undertakings and the
// DPO's quarterly recertification. Sessions and logins: ./sessions.ts. Every change is audited with
// the account ids involved (never an e-mail address), and none of the account-changing actions can
// be done by an account to itself.
import { requireDirectoryReader, requireReviewReader, requireReviewer, requireStaffAdmin } from './permissions.ts'
import { v7 as uuidv7 } from 'uuid'
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { StaffStatus } from '../db/schema-staff.ts'
import type { AuditLog, AuditRecord } from '../audit/audit-log.ts'
import type { Policy } from '../policy/policy.ts'
import { AppError } from '../util/app-error.ts'
import { addDuration } from '../util/duration.ts'
import { isIsoDate } from '../util/dates.ts'
import { digestOf, isToken, newRecoveryCode, newToken, normalRecoveryCode } from './secrets.ts'
import { hashPassword, passwordProblem, PASSWORD_MAX_LENGTH } from './passwords.ts'
import { newTotpSecret, totpQrSvg, totpUri, verifyTotp } from './totp.ts'
import { RECERTIFICATION_MONTHS, STAFF_ADMIN_ROLE, isKnownRole, knownRoles, roleNeedsApproval } from './roles.ts'

/** How long a setup link is good for. */
export const SETUP_LINK_HOURS = 24
export const RECOVERY_CODE_COUNT = 10
export const EMAIL_MAX_LENGTH = 254

/** Who acts on the staff directory: the operator at the command line, or a signed-in account. */
export interface StaffParty {
  /** The audit actor id: `system:cli` or `staff:<account id>`. */
  readonly id: string
  readonly accountId: string | null
  /** The account's roles in effect (the operator counts as a staff administrator). */
  readonly roles: ReadonlySet<string>
}

export const OPERATOR_PARTY: StaffParty = Object.freeze({ id: 'system:cli', accountId: null, roles: new Set([STAFF_ADMIN_ROLE]) })

export const staffActorId = (accountId: string) => `staff:${accountId}`

export interface StaffSecretSealer {
  seal(accountId: string, secret: string): Uint8Array
  open(accountId: string, sealed: Uint8Array): string
}

export interface StaffDeps {
  readonly db: Kysely<DB>
  readonly audit: Pick<AuditLog, 'append' | 'appendMany'>
  readonly secrets: StaffSecretSealer
  readonly policy: () => Policy
  readonly now: () => Date
}

export interface RoleState {
  readonly role: string
  readonly grantedBy: string
  readonly grantedAt: string
  readonly approvedBy: string | null
  readonly approvedAt: string | null
  /** Held and in force: granted, approved when it opens personal data, declared by the policy. */
  readonly inEffect: boolean
}

export interface AccountView {
  readonly id: string
  readonly email: string
  readonly status: StaffStatus
  readonly createdAt: string
  readonly activatedAt: string | null
  readonly disabledAt: string | null
  readonly roles: readonly RoleState[]
  readonly undertakings: readonly { signedOn: string; reference: string | null; recordedAt: string }[]
}

export interface SetupView {
  /** first_run: the first account (it chooses its address); account: a new person; reset: a new second factor. */
  readonly kind: 'first_run' | 'account' | 'reset'
  readonly email: string | null
  readonly expiresAt: string
  /** The password is set; the second factor is waiting for its first code. */
  readonly awaitingCode: boolean
}

export interface Enrolment {
  readonly accountId: string
  readonly secret: string
  readonly uri: string
  readonly qrSvg: string
}

export const normalEmail = (email: string) => email.trim().toLowerCase()

export function checkEmail(email: unknown): string {
  if (typeof email !== 'string' || email.length === 0) throw new AppError(400, 'invalid_email', 'give the person\'s work e-mail address')
  const e = normalEmail(email)
  if (e.length > EMAIL_MAX_LENGTH || !/^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/.test(e)) throw new AppError(400, 'invalid_email', `"${e.length > 64 ? 'the address given' : e}" is not an e-mail address`)
  return e
}

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString()
}

export class StaffDirectory {
  readonly #d: StaffDeps

  constructor(deps: StaffDeps) {
    this.#d = deps
  }

  // ---- setup links -------------------------------------------------------------------------

  /**
   * On a start with no active account: a first-run setup link, unless a valid one exists (another
   * instance made it, or an earlier start whose link file is still there). Returns the new token,
   * or why none was made.
   */
  async firstRunLink(linkFileHasValidToken: (isValid: (token: string) => Promise<boolean>) => Promise<boolean>): Promise<{ token: string } | { reason: 'accounts_exist' | 'link_exists' }> {
    const { db } = this.#d
    const active = await db.selectFrom('staff_account').select('id').where('status', '=', 'active').limit(1).executeTakeFirst()
    if (active) return { reason: 'accounts_exist' }
    const now = this.#d.now()
    if (await linkFileHasValidToken((t) => this.#validFirstRun(t))) return { reason: 'link_exists' }
    const token = newToken()
    const created = await db.transaction().execute(async (trx) => {
      // An expired first-run link gives way; a valid one (another instance's) stays the only one.
      await trx.deleteFrom('staff_setup_token').where('first_run', '=', true).where('used_at', 'is', null).where('expires_at', '<=', now).execute()
      const row = await trx
        .insertInto('staff_setup_token')
        .values({ digest: digestOf(token), account_id: null, first_run: true, created_at: now, expires_at: linkExpiry(now) })
        .onConflict((oc) => oc.doNothing())
        .returning('digest')
        .executeTakeFirst()
      return row !== undefined
    })
    if (!created) return { reason: 'link_exists' }
    await this.#d.audit.append(entry('system:start', 'staff.setup_link', 'first_run'))
    return { token }
  }

  async #validFirstRun(token: string): Promise<boolean> {
    if (!isToken(token)) return false
    const row = await this.#d.db.selectFrom('staff_setup_token').select('expires_at').where('digest', '=', digestOf(token)).where('first_run', '=', true).where('used_at', 'is', null).executeTakeFirst()
    return row !== undefined && new Date(row.expires_at) > this.#d.now()
  }

  /** A new person: a pending account with one role, and the setup link's token for them. */
  async add(by: StaffParty, emailInput: string, role: string): Promise<{ account: AccountView; token: string }> {
    requireStaffAdmin(by)
    const email = checkEmail(emailInput)
    const policy = this.#d.policy()
    if (!isKnownRole(policy, role)) throw unknownRole(policy, role)
    const { db } = this.#d
    const existing = await db.selectFrom('staff_account').select('id').where('email', '=', email).executeTakeFirst()
    if (existing) throw new AppError(409, 'account_exists', 'an account with this address exists already: grant it the role instead')
    const id = uuidv7()
    const now = this.#d.now()
    const token = newToken()
    await this.#d.audit.appendMany([entry(by.id, 'staff.account_create', `account:${id}`), entry(by.id, 'staff.role_grant', `account:${id}:role:${role}`)])
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('staff_account').values({ id, email, status: 'pending', created_by: by.id }).execute()
      await trx.insertInto('staff_role').values({ account_id: id, role, granted_by: by.id, granted_at: now }).execute()
      await trx.insertInto('staff_setup_token').values({ digest: digestOf(token), account_id: id, created_at: now, expires_at: linkExpiry(now) }).execute()
    })
    return { account: (await this.account(id))!, token }
  }

  async #token(token: string) {
    if (!isToken(token)) return undefined
    const row = await this.#d.db.selectFrom('staff_setup_token').selectAll().where('digest', '=', digestOf(token)).executeTakeFirst()
    if (!row || row.used_at !== null || new Date(row.expires_at) <= this.#d.now()) return undefined
    const account = row.account_id ? await this.#d.db.selectFrom('staff_account').selectAll().where('id', '=', row.account_id).executeTakeFirst() : undefined
    if (row.account_id && (!account || account.status === 'disabled')) return undefined
    return { row, account }
  }

  /** What a setup link is for, or undefined when it is unknown, used or expired. */
  async setupView(token: string): Promise<SetupView | undefined> {
    const t = await this.#token(token)
    if (!t) return undefined
    const kind = t.row.first_run ? 'first_run' : t.account?.status === 'active' ? 'reset' : 'account'
    return { kind, email: t.account?.email ?? null, expiresAt: iso(t.row.expires_at)!, awaitingCode: t.account?.totp_sealed != null && (kind !== 'reset' || t.account.password_hash !== null) && t.account.status !== 'active' }
  }

  /**
   * Step 1 of a setup link: the password (and, for the first account, its address), and a new TOTP
   * secret to enrol. The link stays good until step 2 confirms a first code; nothing is active yet.
   * A second-factor reset keeps the password and only enrols a new secret.
   */
  async startSetup(token: string, input: { email?: string; password?: string }): Promise<Enrolment> {
    const t = await this.#token(token)
    if (!t) throw setupLinkRefused()
    const { db } = this.#d
    const now = this.#d.now()
    const reset = !t.row.first_run && t.account?.status === 'active'
    let accountId = t.account?.id
    let email = t.account?.email
    // The first account's address is chosen in its first step; a second try keeps that account.
    if (t.row.first_run && !t.account) email = checkEmail(input.email)
    if (!reset) {
      const password = input.password ?? ''
      if (password.length > PASSWORD_MAX_LENGTH) throw new AppError(400, 'weak_password', `the password may have at most ${PASSWORD_MAX_LENGTH} characters`)
      const problem = await passwordProblem(password, [email!, ...email!.split(/[@.]/)])
      if (problem) throw new AppError(400, 'weak_password', problem)
    }
    const passwordHash = reset ? undefined : await hashPassword(input.password!)
    const secret = newTotpSecret()
    await db.transaction().execute(async (trx) => {
      if (t.row.first_run) {
        if (accountId === undefined) {
          const taken = await trx.selectFrom('staff_account').select('id').where('email', '=', email!).executeTakeFirst()
          if (taken) throw new AppError(409, 'account_exists', 'an account with this address exists already')
          accountId = uuidv7()
          await trx.insertInto('staff_account').values({ id: accountId, email: email!, status: 'pending', created_by: 'system:start' }).execute()
          await trx.insertInto('staff_role').values({ account_id: accountId, role: STAFF_ADMIN_ROLE, granted_by: 'system:start', granted_at: now }).execute()
          await trx.updateTable('staff_setup_token').set({ account_id: accountId }).where('digest', '=', t.row.digest).execute()
        }
      }
      await trx
        .updateTable('staff_account')
        .set({ ...(passwordHash ? { password_hash: passwordHash } : {}), totp_sealed: this.#d.secrets.seal(accountId!, secret), totp_last_step: null })
        .where('id', '=', accountId!)
        .execute()
    })
    const uri = totpUri(secret, email!, `Pledge (${this.#d.policy().controller.name.en})`)
    return { accountId: accountId!, secret, uri, qrSvg: totpQrSvg(uri) }
  }

  /** The enrolment waiting for its first code (shown again after a wrong code). */
  async enrolment(token: string): Promise<Enrolment | undefined> {
    const t = await this.#token(token)
    if (!t?.account?.totp_sealed) return undefined
    const secret = this.#d.secrets.open(t.account.id, t.account.totp_sealed)
    const uri = totpUri(secret, t.account.email, `Pledge (${this.#d.policy().controller.name.en})`)
    return { accountId: t.account.id, secret, uri, qrSvg: totpQrSvg(uri) }
  }

  /**
   * Step 2: the first code from the authenticator app. The link is used up, the account is active,
   * and its recovery codes are returned — the only time they are shown.
   */
  async finishSetup(token: string, code: string): Promise<{ accountId: string; recoveryCodes: string[] }> {
    const t = await this.#token(token)
    if (!t || !t.row.account_id) throw setupLinkRefused()
    const account = await this.#d.db.selectFrom('staff_account').selectAll().where('id', '=', t.row.account_id).executeTakeFirstOrThrow()
    if (!account.totp_sealed || !account.password_hash) throw new AppError(409, 'setup_incomplete', 'choose a password first (open the setup link again)')
    const now = this.#d.now()
    const step = await verifyTotp(this.#d.secrets.open(account.id, account.totp_sealed), code.trim(), now, account.totp_last_step)
    if (step === undefined) throw new AppError(400, 'wrong_code', 'this code is not the one your authenticator app shows now: check the app\'s clock and type the 6 digits again')
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
    const reset = account.status === 'active'
    await this.#d.audit.append(entry(t.row.first_run ? 'system:start' : staffActorId(account.id), reset ? 'staff.second_factor_enrolled' : 'staff.activate', `account:${account.id}`))
    await this.#d.db.transaction().execute(async (trx) => {
      const used = await trx.updateTable('staff_setup_token').set({ used_at: now }).where('digest', '=', t.row.digest).where('used_at', 'is', null).returning('digest').executeTakeFirst()
      if (!used) throw setupLinkRefused()
      await trx.updateTable('staff_account').set({ status: 'active', activated_at: account.activated_at ?? now, totp_last_step: step, failed_logins: 0, locked_until: null }).where('id', '=', account.id).execute()
      await trx.deleteFrom('staff_recovery_code').where('account_id', '=', account.id).execute()
      await trx.insertInto('staff_recovery_code').values(codes.map((c) => ({ account_id: account.id, digest: digestOf(c) }))).execute()
    })
    return { accountId: account.id, recoveryCodes: codes }
  }

  // ---- roles -------------------------------------------------------------------------------

  /** Grants a role. One that opens personal data waits for a second party's approval. */
  async grantRole(by: StaffParty, accountId: string, role: string): Promise<RoleState> {
    requireStaffAdmin(by)
    notSelf(by, accountId, 'change your own roles')
    const policy = this.#d.policy()
    if (!isKnownRole(policy, role)) throw unknownRole(policy, role)
    const account = await this.#existing(accountId)
    if (account.status === 'disabled') throw new AppError(409, 'account_disabled', 'this account is disabled')
    const held = await this.#d.db.selectFrom('staff_role').select('role').where('account_id', '=', accountId).where('role', '=', role).executeTakeFirst()
    if (held) throw new AppError(409, 'role_held', `the account already holds ${role}`)
    await this.#d.audit.append(entry(by.id, 'staff.role_grant', `account:${accountId}:role:${role}`))
    await this.#d.db.insertInto('staff_role').values({ account_id: accountId, role, granted_by: by.id, granted_at: this.#d.now() }).execute()
    return (await this.roles(accountId)).find((r) => r.role === role)!
  }

  /** The second step: another party than the one who granted it, and not the account itself. */
  async approveRole(by: StaffParty, accountId: string, role: string): Promise<RoleState> {
    requireStaffAdmin(by)
    notSelf(by, accountId, 'approve your own roles')
    const row = await this.#d.db.selectFrom('staff_role').selectAll().where('account_id', '=', accountId).where('role', '=', role).executeTakeFirst()
    if (!row) throw new AppError(404, 'role_not_held', `the account does not hold ${role}: grant it first`)
    if (!roleNeedsApproval(this.#d.policy(), role)) throw new AppError(409, 'no_approval_needed', `${role} opens no personal data and needs no approval`)
    if (row.approved_at !== null) throw new AppError(409, 'role_approved', `${role} is approved already`)
    if (row.granted_by === by.id) throw new AppError(403, 'same_party', 'the role was granted by you: a second account (or the operator with `pledge staff approve`) must approve it, so no one gives access alone')
    await this.#d.audit.append(entry(by.id, 'staff.role_approve', `account:${accountId}:role:${role}`))
    await this.#d.db.updateTable('staff_role').set({ approved_by: by.id, approved_at: this.#d.now() }).where('account_id', '=', accountId).where('role', '=', role).execute()
    return (await this.roles(accountId)).find((r) => r.role === role)!
  }

  async removeRole(by: StaffParty, accountId: string, role: string): Promise<void> {
    requireStaffAdmin(by)
    notSelf(by, accountId, 'change your own roles')
    const removed = await this.#d.db.selectFrom('staff_role').select('role').where('account_id', '=', accountId).where('role', '=', role).executeTakeFirst()
    if (!removed) throw new AppError(404, 'role_not_held', `the account does not hold ${role}`)
    await this.#d.audit.append(entry(by.id, 'staff.role_remove', `account:${accountId}:role:${role}`))
    await this.#d.db.deleteFrom('staff_role').where('account_id', '=', accountId).where('role', '=', role).execute()
  }

  async roles(accountId: string): Promise<RoleState[]> {
    const policy = this.#d.policy()
    const rows = await this.#d.db.selectFrom('staff_role').selectAll().where('account_id', '=', accountId).orderBy('role').execute()
    return rows.map((r) => ({
      role: r.role,
      grantedBy: r.granted_by,
      grantedAt: iso(r.granted_at)!,
      approvedBy: r.approved_by,
      approvedAt: iso(r.approved_at),
      inEffect: isKnownRole(policy, r.role) && (!roleNeedsApproval(policy, r.role) || r.approved_at !== null),
    }))
  }

  // ---- disabling and second-factor resets --------------------------------------------------

  async disable(by: StaffParty, accountId: string): Promise<void> {
    requireStaffAdmin(by)
    notSelf(by, accountId, 'disable your own account')
    const account = await this.#existing(accountId)
    if (account.status === 'disabled') throw new AppError(409, 'account_disabled', 'this account is disabled already')
    const now = this.#d.now()
    await this.#d.audit.append(entry(by.id, 'staff.disable', `account:${accountId}`))
    await this.#d.db.transaction().execute(async (trx) => {
      await trx.updateTable('staff_account').set({ status: 'disabled', disabled_at: now, disabled_by: by.id }).where('id', '=', accountId).execute()
      await trx.updateTable('staff_session').set({ revoked_at: now, revoked_by: by.id }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute()
      await trx.updateTable('staff_setup_token').set({ used_at: now }).where('account_id', '=', accountId).where('used_at', 'is', null).execute()
    })
  }

  /**
   * Opens a disabled account again. Its sessions and setup link stay ended; a set-up account signs
   * in with its password and authenticator, one that never finished setup needs a new link. Every
   * role that opens personal data goes back to awaiting a second party's approval: enabling alone
   * gives no one access (REQ-SEC-01).
   */
  async enable(by: StaffParty, accountId: string): Promise<void> {
    requireStaffAdmin(by)
    notSelf(by, accountId, 'enable your own account')
    const account = await this.#existing(accountId)
    if (account.status !== 'disabled') throw new AppError(409, 'account_not_disabled', 'this account is not disabled')
    const policy = this.#d.policy()
    const reapprove = (await this.roles(account.id)).filter((r) => roleNeedsApproval(policy, r.role) && r.approvedAt !== null).map((r) => r.role)
    await this.#d.audit.append(entry(by.id, 'staff.enable', `account:${account.id}${reapprove.length ? `:reapprove:${reapprove.join(',')}` : ''}`))
    await this.#d.db.transaction().execute(async (trx) => {
      await trx.updateTable('staff_account').set({ status: account.activated_at ? 'active' : 'pending', disabled_at: null, disabled_by: null, failed_logins: 0, locked_until: null }).where('id', '=', account.id).execute()
      if (reapprove.length) await trx.updateTable('staff_role').set({ approved_by: null, approved_at: null, granted_by: by.id, granted_at: this.#d.now() }).where('account_id', '=', account.id).where('role', 'in', reapprove).execute()
    })
  }

  /**
   * A lost authenticator: the old secret and recovery codes stop working, every session ends, and a
   * setup link enrols a new second factor (the password stays).
   */
  async resetSecondFactor(by: StaffParty, accountId: string): Promise<{ token: string }> {
    requireStaffAdmin(by)
    notSelf(by, accountId, 'reset your own second factor')
    const account = await this.#existing(accountId)
    if (account.status !== 'active') throw new AppError(409, 'account_not_active', account.status === 'disabled' ? 'this account is disabled' : 'this account has not finished its setup: its setup link enrols the second factor')
    const now = this.#d.now()
    const token = newToken()
    await this.#d.audit.append(entry(by.id, 'staff.second_factor_reset', `account:${accountId}`))
    await this.#d.db.transaction().execute(async (trx) => {
      await trx.updateTable('staff_account').set({ totp_sealed: null, totp_last_step: null }).where('id', '=', accountId).execute()
      await trx.deleteFrom('staff_recovery_code').where('account_id', '=', accountId).execute()
      await trx.updateTable('staff_session').set({ revoked_at: now, revoked_by: by.id }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute()
      await trx.updateTable('staff_setup_token').set({ used_at: now }).where('account_id', '=', accountId).where('used_at', 'is', null).execute()
      await trx.insertInto('staff_setup_token').values({ digest: digestOf(token), account_id: accountId, created_at: now, expires_at: linkExpiry(now) }).execute()
    })
    return { token }
  }

  /** A new setup link for a person who has not finished setup (the first one expired). */
  async renewSetupLink(by: StaffParty, accountId: string): Promise<{ token: string }> {
    requireStaffAdmin(by)
    const account = await this.#existing(accountId)
    if (account.status !== 'pending') throw new AppError(409, 'account_not_pending', account.status === 'active' ? 'this account is set up: to enrol a new second factor, reset it' : 'this account is disabled')
    const now = this.#d.now()
    const token = newToken()
    await this.#d.audit.append(entry(by.id, 'staff.setup_link', `account:${accountId}`))
    await this.#d.db.transaction().execute(async (trx) => {
      await trx.updateTable('staff_setup_token').set({ used_at: now }).where('account_id', '=', accountId).where('used_at', 'is', null).execute()
      await trx.insertInto('staff_setup_token').values({ digest: digestOf(token), account_id: accountId, created_at: now, expires_at: linkExpiry(now) }).execute()
    })
    return { token }
  }

  // ---- REQ-SEC-07 and REQ-SEC-01 records ---------------------------------------------------

  /** Records the date a person signed their confidentiality undertaking (and where it is filed). */
  async recordUndertaking(by: StaffParty, accountId: string, signedOn: string, reference: string | null): Promise<void> {
    requireStaffAdmin(by)
    if (!isIsoDate(signedOn)) throw new AppError(400, 'invalid_date', `the signing date must be YYYY-MM-DD, got "${signedOn.slice(0, 20)}"`)
    if (signedOn > this.#d.now().toISOString().slice(0, 10)) throw new AppError(400, 'invalid_date', 'the signing date is in the future')
    if (reference !== null && (reference.length > 120 || !/^[\w .:/#-]+$/.test(reference))) throw new AppError(400, 'invalid_reference', 'the reference is a document number or file name: up to 120 letters, digits, spaces and . : / # - _')
    await this.#existing(accountId)
    await this.#d.audit.append(entry(by.id, 'staff.undertaking', `account:${accountId}:signed:${signedOn}`))
    await this.#d.db.insertInto('staff_undertaking').values({ id: uuidv7(), account_id: accountId, signed_on: signedOn, reference, recorded_at: this.#d.now(), recorded_by: by.id }).execute()
  }

  /** Who holds which role now, as the DPO reviews it. */
  async assignments(): Promise<{ accountId: string; email: string; status: StaffStatus; roles: string[]; undertakingSignedOn: string | null }[]> {
    const accounts = await this.list()
    return accounts
      .filter((a) => a.status !== 'disabled')
      .map((a) => ({ accountId: a.id, email: a.email, status: a.status, roles: a.roles.filter((r) => r.inEffect).map((r) => r.role), undertakingSignedOn: a.undertakings.at(-1)?.signedOn ?? null }))
  }

  /** The DPO confirms the current assignments (REQ-SEC-01: quarterly access recertification). */
  async recertify(by: StaffParty): Promise<RecertificationView> {
    requireReviewer(by)
    const assignments = await this.assignments()
    const json = JSON.stringify(assignments.map((a) => ({ accountId: a.accountId, roles: a.roles })))
    const digest = createHash('sha256').update(json).digest('hex')
    const now = this.#d.now()
    const id = uuidv7()
    await this.#d.audit.append(entry(by.id, 'staff.recertify', `accounts:${assignments.length}:digest:${digest.slice(0, 16)}`))
    await this.#d.db.insertInto('staff_recertification').values({ id, confirmed_at: now, confirmed_by: by.id, assignments: json, digest }).execute()
    return (await this.recertification())!
  }

  async recertification(): Promise<RecertificationView> {
    const last = await this.#d.db.selectFrom('staff_recertification').selectAll().orderBy('confirmed_at', 'desc').limit(1).executeTakeFirst()
    const lastAt = last ? new Date(last.confirmed_at) : null
    const dueOn = lastAt ? addDuration(lastAt, `P${RECERTIFICATION_MONTHS}M`).toISOString().slice(0, 10) : this.#d.now().toISOString().slice(0, 10)
    return {
      last: last ? { id: last.id, confirmedAt: lastAt!.toISOString(), confirmedBy: last.confirmed_by, accounts: (last.assignments as unknown[]).length, digest: last.digest } : null,
      dueOn,
      overdue: dueOn < this.#d.now().toISOString().slice(0, 10) || last === undefined,
    }
  }

  // ---- reading -----------------------------------------------------------------------------

  async #existing(accountId: string) {
    const account = /^[0-9a-f-]{36}$/i.test(accountId) ? await this.#d.db.selectFrom('staff_account').selectAll().where('id', '=', accountId.toLowerCase()).executeTakeFirst() : undefined
    if (!account) throw new AppError(404, 'account_not_found', 'no staff account with this id')
    return account
  }

  async account(accountId: string): Promise<AccountView | undefined> {
    const row = await this.#d.db.selectFrom('staff_account').selectAll().where('id', '=', accountId).executeTakeFirst()
    if (!row) return undefined
    return this.#view(row)
  }

  async #view(row: { id: string; email: string; status: StaffStatus; created_at: Date; activated_at: Date | null; disabled_at: Date | null }): Promise<AccountView> {
    const undertakings = await this.#d.db.selectFrom('staff_undertaking').selectAll().where('account_id', '=', row.id).orderBy('signed_on').execute()
    return {
      id: row.id,
      email: row.email,
      status: row.status,
      createdAt: iso(row.created_at)!,
      activatedAt: iso(row.activated_at),
      disabledAt: iso(row.disabled_at),
      roles: await this.roles(row.id),
      undertakings: undertakings.map((u) => ({ signedOn: u.signed_on, reference: u.reference, recordedAt: iso(u.recorded_at)! })),
    }
  }

  /** Every account, for a party allowed to see the directory (staff administrators, the DPO). */
  async accounts(by: StaffParty): Promise<AccountView[]> {
    requireDirectoryReader(by)
    return this.list()
  }

  /** The access review with the current assignments, for the DPO or a staff administrator. */
  async accessReview(by: StaffParty): Promise<RecertificationView & { assignments: Awaited<ReturnType<StaffDirectory['assignments']>> }> {
    requireReviewReader(by)
    return { ...(await this.recertification()), assignments: await this.assignments() }
  }

  async list(): Promise<AccountView[]> {
    const rows = await this.#d.db.selectFrom('staff_account').selectAll().orderBy('created_at').execute()
    return Promise.all(rows.map((r) => this.#view(r)))
  }

  /** By id, or by e-mail address (the CLI names people by address). */
  async find(idOrEmail: string): Promise<AccountView> {
    if (/^[0-9a-f-]{36}$/i.test(idOrEmail)) return this.#view(await this.#existing(idOrEmail))
    const row = await this.#d.db.selectFrom('staff_account').selectAll().where('email', '=', normalEmail(idOrEmail)).executeTakeFirst()
    if (!row) throw new AppError(404, 'account_not_found', 'no staff account with this address')
    return this.#view(row)
  }

  /** The recovery codes left (unused) for an account. */
  async recoveryCodesLeft(accountId: string): Promise<number> {
    const rows = await this.#d.db.selectFrom('staff_recovery_code').select('digest').where('account_id', '=', accountId).where('used_at', 'is', null).execute()
    return rows.length
  }

  /** Uses a recovery code once; true when it was one of the account's unused codes. */
  async useRecoveryCode(accountId: string, typed: string): Promise<boolean> {
    const code = normalRecoveryCode(typed)
    if (!code) return false
    const used = await this.#d.db
      .updateTable('staff_recovery_code')
      .set({ used_at: this.#d.now() })
      .where('account_id', '=', accountId)
      .where('digest', '=', digestOf(code))
      .where('used_at', 'is', null)
      .returning('account_id')
      .executeTakeFirst()
    return used !== undefined
  }

  /** Roles known to the policy, for error messages and forms. */
  knownRoles(): string[] {
    return knownRoles(this.#d.policy())
  }
}

export interface RecertificationView {
  readonly last: { id: string; confirmedAt: string; confirmedBy: string; accounts: number; digest: string } | null
  /** The date by which the next confirmation is due (three months after the last; today when there is none). */
  readonly dueOn: string
  readonly overdue: boolean
}

function linkExpiry(now: Date): Date {
  return new Date(now.getTime() + SETUP_LINK_HOURS * 3600_000)
}

function entry(actorId: string, action: string, reason: string): AuditRecord {
  return { actorId, action, subjectId: null, purpose: null, categories: [], decision: null, reason }
}


function notSelf(by: StaffParty, accountId: string, what: string): void {
  if (by.accountId !== null && by.accountId === accountId.toLowerCase()) throw new AppError(403, 'not_on_yourself', `you cannot ${what}: another staff administrator does it`)
}

function unknownRole(policy: Policy, role: string): AppError {
  return new AppError(400, 'unknown_role', `unknown role "${role.slice(0, 64)}": the roles are ${knownRoles(policy).join(', ')}`)
}

function setupLinkRefused(): AppError {
  return new AppError(410, 'setup_link_invalid', 'this setup link is unknown, used or expired: ask a staff administrator for a new one (`pledge staff link EMAIL`)')
}
