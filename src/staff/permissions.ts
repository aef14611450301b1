// Who among staff may do what with the staff records themselves. Every rule lives here, next to
// the roles, so no route or page decides it on its own.
import { AppError } from '../util/app-error.ts'
import type { Policy } from '../policy/policy.ts'
import { REQUEST_PURPOSE } from '../policy/builtin.ts'
import { complaintPurposeOf } from '../gate/system-actors.ts'
import { DPO_ROLE, STAFF_ADMIN_ROLE, purposesOfRole } from './roles.ts'

/** Enough of a staff party to decide: its roles in effect (the operator counts as staff_admin). */
export interface RoleHolder {
  readonly roles: ReadonlySet<string>
}

/** Accounts, roles, undertakings and other accounts' sessions: staff administrators. */
export function requireStaffAdmin(by: RoleHolder, what = 'manages accounts and roles'): void {
  if (!by.roles.has(STAFF_ADMIN_ROLE)) throw new AppError(403, 'staff_admin_only', `only a ${STAFF_ADMIN_ROLE} ${what}`)
}

/** The list of accounts: staff administrators, and the DPO who reviews who holds which role. */
export function requireDirectoryReader(by: RoleHolder): void {
  if (!by.roles.has(STAFF_ADMIN_ROLE) && !by.roles.has(DPO_ROLE)) throw new AppError(403, 'staff_admin_only', `only a ${STAFF_ADMIN_ROLE} or the ${DPO_ROLE} lists staff accounts`)
}

/** Reading the quarterly access review: the DPO who confirms it, or a staff administrator. */
export function requireReviewReader(by: RoleHolder): void {
  if (!by.roles.has(DPO_ROLE) && !by.roles.has(STAFF_ADMIN_ROLE)) throw new AppError(403, 'dpo_only', `only the ${DPO_ROLE} or a ${STAFF_ADMIN_ROLE} reads the access review`)
}

/** The progress of material-change notices (counts, REQ-TR-04): the DPO or a staff administrator. */
export function mayReadNoticeProgress(by: RoleHolder): boolean {
  return by.roles.has(DPO_ROLE) || by.roles.has(STAFF_ADMIN_ROLE)
}

export function requireNoticeProgressReader(by: RoleHolder): void {
  if (!mayReadNoticeProgress(by)) throw new AppError(403, 'dpo_only', `only the ${DPO_ROLE} or a ${STAFF_ADMIN_ROLE} reads the progress of notices`)
}

/** Confirming the access review: the DPO only (REQ-SEC-01). */
export function mayConfirmReview(by: RoleHolder & { readonly accountId: string | null }): boolean {
  return by.roles.has(DPO_ROLE) && by.accountId !== null
}

export function requireReviewer(by: RoleHolder & { readonly accountId: string | null }): void {
  if (!mayConfirmReview(by)) throw new AppError(403, 'dpo_only', `only an account holding the ${DPO_ROLE} role (approved) confirms who holds which role`)
}

/** The audit log shows what employees did: the DPO reads it (REQ-AUD-03), and the read is audited. */
export function mayReadAudit(by: RoleHolder): boolean {
  return by.roles.has(DPO_ROLE)
}

/** Managing accounts, roles, other accounts' sessions and API keys: staff administrators (as requireStaffAdmin). */
export function mayManageStaff(by: RoleHolder): boolean {
  return by.roles.has(STAFF_ADMIN_ROLE)
}

/** The staff and keys pages: staff administrators manage, the DPO reads (as requireDirectoryReader). */
export function mayReadStaff(by: RoleHolder): boolean {
  return by.roles.has(STAFF_ADMIN_ROLE) || by.roles.has(DPO_ROLE)
}

/**
 * Publishing the policy file as the next statement version (REQ-TR-04): the DPO, signed in with an
 * account (the operator publishes from the command line, `pledge policy publish`).
 */
export function mayPublishPolicy(by: RoleHolder & { readonly accountId: string | null }): boolean {
  return by.roles.has(DPO_ROLE) && by.accountId !== null
}

/** A role in effect that holds the request-handling purpose (data_subject_request). */
export function handlesRequests(policy: Policy, by: RoleHolder): boolean {
  return [...by.roles].some((r) => purposesOfRole(policy, r).includes(REQUEST_PURPOSE))
}

/**
 * The compliance dashboard (REQ-AUD-03, counts only): those who handle data-subject requests, and
 * the DPO who answers for the whole.
 */
export function mayReadDashboard(policy: Policy, by: RoleHolder): boolean {
  return by.roles.has(DPO_ROLE) || handlesRequests(policy, by)
}

/**
 * The privacy registers — processors and transfers, breaches, DPIAs and legitimate-interest
 * assessments — hold no personal data of data subjects: the DPO and staff administrators read them.
 */
export function mayReadPrivacyRegister(by: RoleHolder): boolean {
  return by.roles.has(DPO_ROLE) || by.roles.has(STAFF_ADMIN_ROLE)
}

/** …and only the DPO, signed in with an account (never the operator), keeps them. */
export function mayKeepPrivacyRegister(by: RoleHolder & { readonly accountId: string | null }): boolean {
  return by.roles.has(DPO_ROLE) && by.accountId !== null
}

/**
 * The processor and transfer register (REQ-PRC-02, REQ-TF-01): the DPO and staff administrators
 * read it (no personal data in it: names of companies, dates, evidence references).
 */
export function mayReadProcessors(by: RoleHolder): boolean {
  return mayReadPrivacyRegister(by)
}

export function requireProcessorReader(by: RoleHolder): void {
  if (!mayReadProcessors(by)) throw new AppError(403, 'dpo_only', `only the ${DPO_ROLE} or a ${STAFF_ADMIN_ROLE} reads the processor register`)
}

/** Entering a DPA, a mechanism or any register evidence: the DPO, signed in with an account. */
export function mayEditProcessors(by: RoleHolder & { readonly accountId: string | null }): boolean {
  return mayKeepPrivacyRegister(by)
}

/** Carrying out a customer's end-of-contract instruction (return and/or delete its people, REQ-PR-04): the DPO, signed in with an account. */
export function mayEndContract(by: RoleHolder & { readonly accountId: string | null }): boolean {
  return mayKeepPrivacyRegister(by)
}

export function requireContractEnder(by: RoleHolder & { readonly accountId: string | null }): void {
  if (!mayEndContract(by)) throw new AppError(403, 'dpo_only', `only an account holding the ${DPO_ROLE} role carries out an end-of-contract instruction (the operator uses \`pledge processors end-contract\`)`)
}

export function requireProcessorEditor(by: RoleHolder & { readonly accountId: string | null }): void {
  if (!mayEditProcessors(by)) throw new AppError(403, 'dpo_only', `only an account holding the ${DPO_ROLE} role enters the processor register (the operator uses \`pledge processors set\`)`)
}

/**
 * Announcing a sub-processor change to the customers (REQ-PRC-03) and marking a re-validation
 * reminder done (REQ-TF-03): the DPO, signed in with an account. Staff administrators see both.
 */
export function mayAnnounceSubprocessorChange(by: RoleHolder & { readonly accountId: string | null }): boolean {
  return mayEditProcessors(by)
}

export function requireSubprocessorAnnouncer(by: RoleHolder & { readonly accountId: string | null }): void {
  if (!mayAnnounceSubprocessorChange(by)) throw new AppError(403, 'dpo_only', `only an account holding the ${DPO_ROLE} role announces a sub-processor change or marks a register reminder done`)
}

/**
 * Handling complaints filed in the privacy center (the console's complaints section: the register,
 * a complaint's text, handling notes and the outcome): a role in effect holding the complaints
 * purpose (the example's dpo). The gate still decides each read and write of the complaint itself.
 */
export function handlesComplaints(policy: Policy, by: RoleHolder): boolean {
  const purpose = complaintPurposeOf(policy)
  return [...by.roles].some((r) => purposesOfRole(policy, r).includes(purpose))
}

/**
 * The breach register (Art. 33(5), REQ-BR-01): the DPO (the privacy role) and staff administrators
 * read it; it holds staff-written descriptions of incidents, ids and counts, no personal data.
 */
export function mayReadBreaches(by: RoleHolder): boolean {
  return mayReadPrivacyRegister(by)
}

/**
 * Recording an incident: any staff member signed in with an account (whoever notices it records
 * it; the DPO takes it from there).
 */
export function mayRecordBreach(by: RoleHolder & { readonly accountId: string | null }): boolean {
  return by.accountId !== null
}

/**
 * Managing a breach — awareness, the risk assessment and the decision, the GBA submissions, the
 * Art. 34 communication and its exceptions, closing it: the DPO, signed in with an account.
 */
export function mayManageBreaches(by: RoleHolder & { readonly accountId: string | null }): boolean {
  return mayKeepPrivacyRegister(by)
}

/** Recording that a request's answer went to the wrong person (REQ-BR-05): whoever handles requests, or the DPO. */
export function mayReportMisdirectedAnswer(policy: Policy, by: RoleHolder & { readonly accountId: string | null }): boolean {
  return by.accountId !== null && (by.roles.has(DPO_ROLE) || handlesRequests(policy, by))
}

/** The DPIA register and the legitimate-interest assessments (REQ-DPIA-01..03, REQ-LB-05): the DPO and staff administrators read. */
export function mayReadDpia(by: RoleHolder): boolean {
  return mayReadPrivacyRegister(by)
}

/** Recording a screening, a DPIA, a residual risk or a prior consultation: the DPO, signed in with an account. */
export function mayEditDpia(by: RoleHolder & { readonly accountId: string | null }): boolean {
  return mayKeepPrivacyRegister(by)
}
