// Everything a running Pledge needs, built once at start and handed to the HTTP layer, the admin
// endpoint and the CLI operations.
import { ProcessorRegister } from './processors/register.ts'
import { describeGaps } from './processors/entry.ts'
import { uncoveredNotice } from './processors/notices.ts'
import { SubprocessorNotices } from './processors/subprocessor-notices.ts'
import { ProcessorReminders } from './processors/reminders.ts'
import { PROCESSOR_REMINDER_QUEUE, registerProcessorJobs } from './processors/jobs.ts'
import { DpiaRegister } from './dpia/register.ts'
import { DpiaReminders } from './dpia/reminders.ts'
import { registerDpiaJobs } from './dpia/jobs.ts'
import { lintUncoveredRecipients } from './policy/lint.ts'
import { BreachRegister } from './breaches/register.ts'
import { BREACH_CLOCK_QUEUE, registerBreachJobs } from './breaches/jobs.ts'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import type { Logger } from './log.ts'
import type { Policy } from './policy/policy.ts'
import { versionInForce, latestVersion, listVersions, type PublishedVersion, type StatementVersion } from './policy/versions.ts'
import { consentReader, consentHistory, currentConsents, recordConsent } from './consent/ledger.ts'
import { dateInZone } from './util/dates.ts'
import type { MasterKeyRing } from './vault/master-key.ts'
import { checkMasterKey } from './vault/keyring.ts'
import { Vault, type ConsentReader } from './vault/vault.ts'
import { Gate, GateDenied, type ConsentStore } from './gate/gate.ts'
import { ApiKeyAuthenticator, activeTenantIds } from './gate/api-keys.ts'
import type { Mailer } from './mail/mailer.ts'
import { mailerFromConfig } from './mail/transport.ts'
import { Newsletter } from './consent/newsletter.ts'
import { Campaigns } from './consent/campaign.ts'
import { registerOptOutJobs } from './consent/opt-out-jobs.ts'
import { ContactService } from './contact/contact.ts'
import { ComplaintService } from './complaints/complaints.ts'
import { createAuditLog, auditHeadPath, type AuditLogOptions, type ChainAuditLog } from './audit/chain-store.ts'
import { unauditedSinceLastCheckpoint } from './audit/unaudited.ts'
import { createScheduler, type Scheduler } from './jobs/scheduler.ts'
import { Webhooks } from './webhooks/webhooks.ts'
import { TombstoneFile, reapplyTombstones } from './vault/tombstones.ts'
import { RequestService } from './requests/service.ts'
import { readRequestFacts } from './requests/request-facts.ts'
import { Fulfilment } from './requests/fulfil.ts'
import { Notifier } from './requests/notifications.ts'
import { registerRequestJobs } from './requests/jobs.ts'
import { sendArt14NoticeBeforeContact } from './requests/art14.ts'
import { safePost } from './net/safe-post.ts'
import { LegalHolds, activeHolds } from './retention/legal-holds.ts'
import { RetentionSweep } from './retention/sweep.ts'
import { registerRetentionJobs } from './retention/jobs.ts'
import { registerNoticeJobs } from './policy/notice-sender.ts'
import { purgeExpiredConsentProof } from './consent/ledger.ts'
import { subtractDurationInZone } from './util/duration.ts'
import { StaffDirectory, type StaffSecretSealer } from './staff/accounts.ts'
import { StaffSessions, type SessionSettings } from './staff/sessions.ts'
import { policyFileWatcher, type PolicyFileState } from './policy/draft.ts'

export interface Runtime {
  readonly config: Config
  readonly database: Database
  readonly logger: Logger
  /** The policy file as it was on disk at start (possibly an unpublished draft). */
  readonly filePolicy: Policy
  /** The policy file as it is on disk now, against the newest published version (a publish shows at once). */
  policyFile(): Promise<PolicyFileState>
  readonly now: () => Date
  /** The master key ring (replaced in place by a rotation run inside the server). */
  keys(): MasterKeyRing
  replaceKeys(ring: MasterKeyRing): void
  readonly vault: Vault
  readonly gate: Gate
  readonly audit: ChainAuditLog
  readonly apiKeys: ApiKeyAuthenticator
  readonly mailer: Mailer
  readonly newsletter: Newsletter
  /** Newsletter campaigns sent by Pledge (at-most-once, decided by the gate per recipient). */
  readonly campaigns: Campaigns
  /** The website's contact form (src/contact/). */
  readonly contact: ContactService
  /** Complaints filed in the privacy center (src/complaints/). */
  readonly complaints: ComplaintService
  /** The durable scheduler (pg-boss). Register handlers at start-up; `pledge start` starts the workers. */
  readonly jobs: Scheduler
  /** Signed webhooks to customer tenants and recipients: send(owner, event, payload), delivery state. */
  readonly webhooks: Webhooks
  /** Data-subject requests: intake, verification, the clock, staff decisions. */
  readonly requests: RequestService
  /** Carries out verified requests (a job), exports, Art. 19 notifications. */
  readonly fulfilment: Fulfilment
  /** Tells customers and recipients (routed requests, Art. 19): webhook, else their mailbox. */
  readonly notifier: Notifier
  /** The processor and transfer register (REQ-PRC-02, REQ-TF-01), in memory for the gate. */
  readonly processors: ProcessorRegister
  /** Sub-processor change notices to customers, with their objection windows (REQ-PRC-03). */
  readonly subprocessorNotices: SubprocessorNotices
  /** Re-validation reminders: review dates, adequacy and certification changes (REQ-TF-03). */
  readonly processorReminders: ProcessorReminders
  /** The breach register (Art. 33–34): the 72-hour clock, drafts, customer notices, Art. 34 mails. */
  readonly breaches: BreachRegister
  /** The DPIA register (REQ-DPIA-01..03): screenings, DPIAs, prior consultations; the gate's held purposes in memory. */
  readonly dpia: DpiaRegister
  /** Re-screening, DPIA and LIA review reminders to the privacy role (REQ-DPIA-02, REQ-LB-05). */
  readonly dpiaReminders: DpiaReminders
  /** Legal holds (Art. 17(3)(e)): data kept for legal claims until released. */
  readonly legalHolds: LegalHolds
  /** The retention sweep (REQ-RT-02): deletes and anonymises what no purpose needs any more; run reports; Pledge's own records. */
  readonly retention: RetentionSweep
  /** Staff accounts (setup links, roles, undertakings, recertification) and their logins and sessions. */
  readonly staff: { readonly directory: StaffDirectory; readonly sessions: StaffSessions }
  /** The published policy in force, as last loaded (refreshed every few seconds and on publish). */
  policy(): Policy
  /** The published version in force today (cached briefly; another instance may publish). */
  currentVersion(): Promise<PublishedVersion>
  forgetCachedVersion(): void
  close(): Promise<void>
}

const CACHE_MS = 5_000
/** How often the DPIA register's memory copy (the gate's held purposes) is re-read, for changes made on another instance. */
const DPIA_REFRESH_MS = 30_000

export interface RuntimeParts {
  readonly config: Config
  readonly database: Database
  readonly logger: Logger
  readonly filePolicy: Policy
  readonly keys: MasterKeyRing
  readonly now?: () => Date
  readonly consent?: ConsentReader
  /** Audit tuning (tests use small checkpoints; `beforeWrite` injects a store refusing chosen entries). */
  readonly audit?: Pick<AuditLogOptions, 'checkpointEvery' | 'checkpointIntervalMs' | 'beforeWrite'>
  /** Scheduler and webhook tuning (tests use short intervals). Workers start only on jobs.start(). */
  readonly jobs?: {
    pollIntervalSeconds?: number
    expireInSeconds?: number
    maintenanceIntervalSeconds?: number
    webhookMaxAttempts?: number
    webhookRetryBaseSeconds?: number
    webhookTimeoutMs?: number
    webhookCa?: string | Buffer
    /** Material-change notices: retries of one send, and the first retry's delay (tests shorten them). */
    noticeRetryLimit?: number
    noticeRetryDelaySeconds?: number
  }
  /** Staff session timeouts and lockout (tests shorten them). */
  readonly staffSessions?: Partial<SessionSettings>
}

/** Needs a migrated database with a published version. Checks the master key against it. */
export async function createRuntime(parts: RuntimeParts): Promise<Runtime> {
  const now = parts.now ?? (() => new Date())
  const db = parts.database.db
  let cached: { at: number; date: string; version: PublishedVersion } | undefined
  const load = async (): Promise<PublishedVersion> => {
    const instant = now()
    const today = dateInZone(instant, parts.filePolicy.controller.timeZone)
    if (cached && cached.date === today && instant.getTime() - cached.at < CACHE_MS) return cached.version
    const version = (await versionInForce(db, today)) ?? (await latestVersion(db))
    if (!version) throw new Error('no statement version is published yet')
    if (version.version !== cached?.version.version) materialIndex = indexMaterialChanges(await listVersions(db), version.version)
    cached = { at: instant.getTime(), date: today, version }
    return version
  }
  // For each purpose, the last version in force that changed it materially (REQ-CON-09).
  let materialIndex = new Map<string, number>()
  let keys = parts.keys
  const indexRoot = await checkMasterKey(db, keys)
  let inForceVersion = await load()
  let inForce = inForceVersion.policy
  const refresher = setInterval(() => {
    load().then((v) => ((inForce = v.policy), (inForceVersion = v)), (err: Error) => parts.logger.error({ err: { type: err.name, message: err.message } }, 'cannot refresh the policy in force'))
  }, CACHE_MS)
  refresher.unref()

  const audit = createAuditLog(db, {
    signer: parts.keys.current.auditSigningKeyPair(),
    headPath: auditHeadPath(parts.config),
    witnessPath: parts.config.auditWitness,
    // Checkpoints signed under an earlier master key version may anchor a pruned chain too.
    verifyKeys: () => keys.versions.map((v) => keys.get(v).auditSigningKeyPair().publicKey),
    now,
    logger: parts.logger,
    ...(parts.audit ?? {}),
  })
  // Fail closed: a change recorded after the last checkpoint must have its entry (a crash can never
  // leave one without, by construction; this says so loudly if the database was changed behind Pledge).
  const unaudited = await unauditedSinceLastCheckpoint(db)
  if (unaudited.length) parts.logger.error({ changes: unaudited.length, tables: [...new Set(unaudited.map((u) => u.table))] }, 'data changes without their audit entry: run `pledge audit verify`')
  const policy = () => inForce
  const lastMaterialVersion = (purpose: string) => materialIndex.get(purpose) ?? 0
  const vault = new Vault({ db, ring: () => keys, policy, indexRoot, consent: parts.consent ?? consentReader(lastMaterialVersion) })
  const consent: ConsentStore = {
    record: (subjectId, evidence, auditSeq) => recordConsent(db, subjectId, evidence, undefined, auditSeq),
    history: (subjectId) => consentHistory(db, subjectId),
    current: (history) => currentConsents(history, lastMaterialVersion),
    statementVersion: () => inForceVersion.version,
  }
  // TOTP secrets are sealed under the master key, bound to their account.
  const staffSecrets: StaffSecretSealer = { seal: (id, secret) => vault.seal('staff-totp', id, secret), open: (id, sealed) => vault.open('staff-totp', id, sealed) }
  const directory = new StaffDirectory({ db, audit, secrets: staffSecrets, policy, now })
  const staff = { directory, sessions: new StaffSessions({ db, audit, secrets: staffSecrets, directory, policy, now, ...(parts.staffSessions ? { settings: parts.staffSessions } : {}) }) }
  // The processor register (REQ-PRC-01/02, REQ-TF-01): seeded at first start from the file next to
  // the policy, kept in memory; the gate asks it before every disclosure.
  const processors = new ProcessorRegister({ db, audit, policy, now })
  await processors.seed(parts.config.policyPath)
  await processors.refresh()
  const coverage = (recipientId: string) => {
    const found = processors.gaps(recipientId)
    if (!found) return { gaps: ['recipient_not_declared'], message: `the policy in force declares no recipient ${recipientId}` }
    return { gaps: found.gaps, message: found.gaps.length ? describeGaps(found.recipient, found.gaps) : '' }
  }
  // The policy lint's warning (not an error: the policy loads) for each recipient the register does not cover.
  for (const w of lintUncoveredRecipients(policy().document, (id) => processors.gaps(id)?.gaps ?? [])) parts.logger.warn({ path: w.path }, `policy warning: ${w.message}`)
  // The newsletter room tells mailing providers of opt-outs the gate records (REQ-CON-07); built below.
  const newsletterRef: { current: Newsletter | undefined } = { current: undefined }
  // The DPIA register (REQ-DPIA-01..03): seeded like the processor register; the gate reads the
  // purposes it holds back from memory (refreshed at once after a change on this instance).
  const dpia = new DpiaRegister({ db, audit, policy, now, thirdCountries: (id) => processors.thirdCountries(id) })
  await dpia.seed(parts.config.policyPath)
  await dpia.refresh()
  // Another instance's change reaches this one within DPIA_REFRESH_MS (one query, never per request).
  const dpiaRefresher = setInterval(() => {
    dpia.refresh().catch((err: Error) => parts.logger.error({ err: { type: err.name, message: err.message } }, 'cannot refresh the DPIA register'))
  }, DPIA_REFRESH_MS)
  dpiaRefresher.unref()
  for (const row of dpia.list()) {
    if (row.hold) parts.logger.warn({ purpose: row.purpose.id, reason: row.hold.reason }, `DPIA: ${row.hold.message}`)
    else if (row.status === 'not_screened') parts.logger.warn({ purpose: row.purpose.id }, `DPIA: ${row.purpose.id} has no DPIA screening yet (/admin/dpia/${row.purpose.id})`)
  }
  const gate = new Gate({ vault, audit, policy, now, consent, requests: (id) => readRequestFacts(db, id), holds: (id) => activeHolds(db, id), staffSessions: (token) => staff.sessions.session(token), coverage, optOut: (subjectId, purposes, reason) => newsletterRef.current?.propagateOptOut(subjectId, purposes, reason) ?? Promise.resolve(0) })
  gate.usePurposeHolds(() => dpia.holds())
  // Erasure (REQ-ER-04): every tombstone is re-applied, so a restored backup cannot bring an erased
  // person back; then unreadable records left by an interrupted purge are removed.
  const tombstones = new TombstoneFile(parts.config.tombstones)
  vault.useTombstoneFile(tombstones)
  const { reapplied } = await reapplyTombstones(db, tombstones, audit, now())
  if (reapplied.length) parts.logger.warn({ subjects: reapplied.length }, 'erased people were present again (a restored backup?) and have been erased again')
  for (const id of await vault.shreddedWithLeftovers()) await vault.purgeShredded(id)
  const legalHolds = new LegalHolds({ db, vault, gate, audit, now })
  await legalHolds.sealClearReasons()
  // External ids are kept as keyed hashes; rows from before that are hashed once.
  const rehashed = await vault.hashClearExternalIds()
  if (rehashed) parts.logger.info({ subjects: rehashed }, 'external ids are now kept as keyed hashes')
  const apiKeys = new ApiKeyAuthenticator(db)
  const mailer = mailerFromConfig(parts.config, db, parts.logger, parts.filePolicy, { PLEDGE_SMTP_URL: parts.config.smtpUrl })
  // Outbox files live at most seven days: swept at start and then daily.
  const sweep = () => mailer.sweepOutbox(now()).catch((err: Error) => parts.logger.error({ err: { type: err.name, message: err.message } }, 'outbox sweep failed'))
  void sweep()
  const sweeper = setInterval(sweep, 24 * 3600_000)
  sweeper.unref()
  const jobTuning = parts.jobs ?? {}
  const jobs = createScheduler({
    database: parts.database,
    logger: parts.logger,
    ...(jobTuning.pollIntervalSeconds ? { pollIntervalSeconds: jobTuning.pollIntervalSeconds } : {}),
    ...(jobTuning.expireInSeconds ? { expireInSeconds: jobTuning.expireInSeconds } : {}),
    ...(jobTuning.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: jobTuning.maintenanceIntervalSeconds } : {}),
  })
  const webhooks = new Webhooks({
    database: parts.database,
    scheduler: jobs,
    secrets: { seal: (owner, secret) => vault.seal('webhook-secret', owner, secret), open: (owner, sealed) => vault.open('webhook-secret', owner, sealed) },
    logger: parts.logger,
    now,
    allowPrivateTargets: parts.config.allowPrivateTargets,
    ...(jobTuning.webhookMaxAttempts ? { maxAttempts: jobTuning.webhookMaxAttempts } : {}),
    ...(jobTuning.webhookRetryBaseSeconds ? { retryBaseSeconds: jobTuning.webhookRetryBaseSeconds } : {}),
    ...(jobTuning.webhookTimeoutMs ? { timeoutMs: jobTuning.webhookTimeoutMs } : {}),
    ...(jobTuning.webhookCa ? { ca: jobTuning.webhookCa } : {}),
  })
  await webhooks.init()
  // A person whose data came from elsewhere gets the Art. 14 notice before any marketing mail.
  const art14 = { db, gate, vault, mailer, policy, baseUrl: parts.config.baseUrl, now }
  const newsletter = new Newsletter({ db, vault, gate, audit, mailer, policy, baseUrl: parts.config.baseUrl, now, webhooks, beforeContact: (subjectId) => sendArt14NoticeBeforeContact(art14, subjectId) })
  newsletterRef.current = newsletter
  const campaigns = new Campaigns({ db, vault, gate, audit, mailer, policy, baseUrl: parts.config.baseUrl, now, unsubscribeToken: (id) => newsletter.unsubscribeToken(id), beforeContact: (subjectId) => sendArt14NoticeBeforeContact(art14, subjectId) })
  await registerOptOutJobs(newsletter, jobs, now)
  const contact = new ContactService({ db, vault, gate, audit, mailer, policy, baseUrl: parts.config.baseUrl, now })
  const complaints = new ComplaintService({ db, vault, gate, audit, mailer, policy, baseUrl: parts.config.baseUrl, now })
  const requests = new RequestService({ db, vault, gate, audit, mailer, policy, baseUrl: parts.config.baseUrl, now })
  const notifier = new Notifier({ db, vault, gate, webhooks, mailer, audit, policy, now, coverage: (owner, event) => uncoveredNotice(processors, owner, event) })
  const fulfilment = new Fulfilment({
    service: requests,
    gate,
    vault,
    mailer,
    policy,
    now,
    notify: (owner, event, payload) => notifier.notify(owner, event, payload),
    safePost,
    allowPrivateTargets: parts.config.allowPrivateTargets,
  })
  // Sub-processor changes (REQ-PRC-03) go to every customer; re-validation reminders (REQ-TF-03).
  const subprocessorNotices = new SubprocessorNotices({
    db,
    audit,
    policy,
    now,
    customers: async () => [...new Set([...(await activeTenantIds(db)), ...(await webhooks.owners('tenant:')).map((o) => o.slice('tenant:'.length))])],
    webhook: (owner, event, payload, tx) => webhooks.send(owner, event, payload, { transaction: tx }),
  })
  const processorReminders = new ProcessorReminders({ db, audit, mailer, policy, now, rows: () => processors.list() })
  processors.onChange(async (actorId, recipientId, before, after) => {
    if ((await processorReminders.onRegisterChange(actorId, recipientId, before, after)) && jobs.started) await jobs.enqueue(PROCESSOR_REMINDER_QUEUE, {})
  })
  await registerProcessorJobs(jobs, { notices: subprocessorNotices, reminders: processorReminders })
  // The breach register (Art. 33–34): people's addresses through the gate, customers by webhook or mailbox.
  const breaches = new BreachRegister({
    db,
    audit,
    mailer,
    policy,
    now,
    recipient: async (subjectId) => {
      try {
        const found = await gate.noticeRecipient(gate.systemActor('breach-notices'), subjectId)
        return { email: found.email, language: found.language, hash: (await vault.emailHashOf(subjectId)) ?? 'unknown' }
      } catch (err) {
        if (err instanceof GateDenied && (err.reason === 'subject_erased' || err.reason === 'subject_not_found')) return 'gone'
        throw err
      }
    },
    webhook: (owner, event, payload) => webhooks.send(owner, event, payload),
    customerMailbox: async (owner) => {
      const box = await notifier.contact(owner)
      return box ? { ...box, hash: `party:${owner}` } : undefined
    },
    scheduleMarks: async (breachId, marks) => {
      if (!jobs.started) return
      for (const m of marks) await jobs.enqueue(BREACH_CLOCK_QUEUE, {}, { startAfter: m.at, singletonKey: `breach:${breachId}:${m.hours}` })
    },
  })
  await registerBreachJobs(jobs, () => breaches)
  const dpiaReminders = new DpiaReminders({ db, audit, mailer, policy, register: dpia, now })
  // A processor in a third country for a purpose's recipient, or a changed screening: raise (or
  // resolve) re-screening reminders at once; the daily round mails them.
  // A reminder that cannot be raised now is raised by the daily round: the change itself stands.
  const raiseDpiaReminders = () => dpiaReminders.raiseDue().catch((err: Error) => parts.logger.error({ err: { type: err.name, message: err.message } }, 'cannot raise DPIA reminders'))
  processors.onChange(raiseDpiaReminders)
  dpia.onChange(raiseDpiaReminders)
  await registerDpiaJobs(jobs, dpiaReminders)
  await registerRequestJobs({ jobs, requests, fulfilment, gate, vault, mailer, baseUrl: parts.config.baseUrl, policy, logger: parts.logger, now })
  // Pledge's own records on a clock (REQ-RT-05), each pruned by the room that owns it, after every sweep.
  const ownRecords = async (at: Date): Promise<Record<string, number>> => {
    const p = policy()
    const before = (kind: keyof typeof p.recordsRetention) => subtractDurationInZone(at, p.recordsRetention[kind], p.controller.timeZone)
    const pruned = {
      requestFiles: await requests.pruneClosedFiles(),
      requesterDetails: await requests.forgetRequesters(),
      consentProofs: await purgeExpiredConsentProof(db, before('consentProofs')),
      webhookDeliveries: await webhooks.pruneDeliveries(before('webhookDeliveries')),
      retentionReports: await retention.pruneReports(before('retentionReports')),
      auditLog: (await audit.prune(before('auditLog'))).removed,
    }
    await audit.append({ actorId: 'system:retention', action: 'retention.own_records', subjectId: null, purpose: null, categories: [], decision: null, reason: Object.entries(pruned).map(([k, n]) => `${k}:${n}`).join(' ') })
    return pruned
  }
  const retention: RetentionSweep = new RetentionSweep({
    db,
    gate,
    policy,
    now,
    logger: parts.logger,
    notify: (owner, event, payload) => notifier.notify(owner, event, payload),
    ownRecords,
    takeoverAfterMs: parts.config.retentionTakeoverSeconds * 1000,
  })
  await registerRetentionJobs(jobs, retention)
  // Material-change notices (REQ-TR-04): sent before the change takes effect.
  await registerNoticeJobs({ db, gate, vault, mailer, audit, baseUrl: parts.config.baseUrl, now, logger: parts.logger }, jobs, {
    ...(jobTuning.noticeRetryLimit !== undefined ? { retryLimit: jobTuning.noticeRetryLimit } : {}),
    ...(jobTuning.noticeRetryDelaySeconds !== undefined ? { retryDelaySeconds: jobTuning.noticeRetryDelaySeconds } : {}),
  })
  return {
    config: parts.config,
    database: parts.database,
    logger: parts.logger,
    filePolicy: parts.filePolicy,
    policyFile: policyFileWatcher(db, parts.config.policyPath),
    now,
    keys: () => keys,
    replaceKeys(ring) {
      keys = ring
    },
    vault,
    gate,
    audit,
    apiKeys,
    mailer,
    newsletter,
    campaigns,
    contact,
    complaints,
    jobs,
    webhooks,
    requests,
    fulfilment,
    notifier,
    processors,
    dpia,
    dpiaReminders,
    subprocessorNotices,
    processorReminders,
    breaches,
    legalHolds,
    retention,
    staff,
    policy,
    async currentVersion() {
      const v = await load()
      inForce = v.policy
      inForceVersion = v
      return v
    },
    forgetCachedVersion() {
      cached = undefined
      load().then((v) => ((inForce = v.policy), (inForceVersion = v)), () => {})
    },
    async close() {
      await jobs.stop()
      clearInterval(refresher)
      clearInterval(sweeper)
      clearInterval(dpiaRefresher)
      await audit.close()
      await mailer.close()
    },
  }
}

function indexMaterialChanges(versions: readonly StatementVersion[], inForce: number): Map<string, number> {
  const index = new Map<string, number>()
  for (const v of versions) {
    if (v.version > inForce) continue
    for (const change of v.materialChanges) if (change.material) index.set(change.purposeId, Math.max(index.get(change.purposeId) ?? 0, v.version))
  }
  return index
}
