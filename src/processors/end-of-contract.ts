// End of contract (REQ-PR-04, Art. 28(3)(g)): at the end of a customer's contract, the customer
// chooses to have all its people's data returned (an export) and/or deleted. A run walks that one
// tenant's subjects in id order, as the declared `end-of-contract` actor of the gate: each export
// and each erasure is audited per subject (`contract.export`, `contract.erase`, naming the run),
// the erasure crypto-shreds the person's keys and keeps a tombstone, and what a legal duty or hold
// still needs is kept and said. The run's row (contract_run) holds its progress: a killed run is
// resumed by starting it again for the same tenant. Then a deletion certificate, signed with the
// audit signing key (./certificate.ts), names the counts, the time range, the audit entries that
// cover the run and the statement version in force.
//
// The return is one ZIP in the chosen directory: per person `<subjectId>/data.json` and
// `<subjectId>/data.csv` (the access export's formats, src/requests/access-data.ts) and a
// `manifest.json` listing them. With --delete too, the export is written before anything is erased.
import { mkdirSync, writeFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { v7 as uuidv7 } from 'uuid'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Gate } from '../gate/gate.ts'
import type { ChainAuditLog } from '../audit/chain-store.ts'
import { defaultLanguage, type Policy } from '../policy/policy.ts'
import type { PublishedVersion } from '../policy/versions.ts'
import type { KeyObject } from 'node:crypto'
import { entryHash } from '../audit/audit-query.ts'
import { accessCsv, accessData } from '../requests/access-data.ts'
import { collect, zipStream, type ExportFile } from '../requests/access-export.ts'
import { AppError } from '../util/app-error.ts'
import { signCertificate, serializeCertificate, type CertificateBody, type SignedCertificate } from './certificate.ts'

const BATCH = 100
const TENANT_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/

export interface EndOfContractDeps {
  readonly db: Kysely<DB>
  readonly gate: Gate
  readonly audit: ChainAuditLog
  readonly policy: () => Policy
  readonly currentVersion: () => Promise<PublishedVersion>
  readonly signingKey: () => KeyObject
  readonly now: () => Date
}

export interface EndOfContractInput {
  readonly tenantId: string
  /** Directory to write the return ZIP into; undefined: no return. */
  readonly returnDir?: string | undefined
  readonly delete: boolean
  /** Who gave the instruction (operator, staff member id): recorded on the run. */
  readonly startedBy: string
  readonly onProgress?: (done: number, total: number) => void
}

export interface EndOfContractResult {
  readonly runId: string
  readonly resumed: boolean
  readonly exportFile: string | undefined
  readonly certificate: SignedCertificate
}

export class EndOfContractError extends AppError {
  constructor(code: string, message: string) {
    super(code === 'run_in_progress' ? 409 : code === 'unknown_tenant' ? 404 : 400, code, message)
    this.name = 'EndOfContractError'
  }
}

type KeptTally = Map<string, { category: string; purpose: string; reason: string; subjects: number }>

export async function runEndOfContract(deps: EndOfContractDeps, input: EndOfContractInput): Promise<EndOfContractResult> {
  const { db, gate } = deps
  if (!TENANT_RE.test(input.tenantId)) throw new EndOfContractError('invalid_tenant', 'give the customer\'s tenant id (letters, digits, _ . : -)')
  if (!input.returnDir && !input.delete) throw new EndOfContractError('nothing_to_do', 'choose --return DIR and/or --delete')
  const actor = gate.systemActor('end-of-contract')
  const counts = await gate.tenantCount(actor, input.tenantId)
  if (counts.living + counts.erased === 0) throw new EndOfContractError('unknown_tenant', `tenant ${input.tenantId} has no people`)

  // Resume an unfinished run of the same instruction, or start one.
  let row = await db.selectFrom('contract_run').selectAll().where('tenant_id', '=', input.tenantId).where('status', '=', 'running').executeTakeFirst()
  const resumed = row !== undefined
  if (row && (row.do_return !== Boolean(input.returnDir) || row.do_delete !== input.delete)) {
    throw new EndOfContractError('run_in_progress', `run ${row.id} for this tenant is unfinished with another instruction (return ${row.do_return}, delete ${row.do_delete}): start it again with the same choice`)
  }
  if (!row) {
    const id = uuidv7()
    const startSeq = await gate.contractMark(actor, id, 'contract.start', `${input.returnDir ? 'return' : ''}${input.returnDir && input.delete ? '+' : ''}${input.delete ? 'delete' : ''}`)
    await db.insertInto('contract_run').values({ id, tenant_id: input.tenantId, do_return: Boolean(input.returnDir), do_delete: input.delete, status: 'running', started_at: deps.now(), started_by: input.startedBy, start_seq: startSeq, cursor: null, subjects_total: counts.living + counts.erased }).execute()
    row = (await db.selectFrom('contract_run').selectAll().where('id', '=', id).executeTakeFirst())!
  }
  const runId = row.id
  const total = row.subjects_total

  // 1. The return: every living person's data, before anything is erased. Written at once (a ZIP
  // in a temporary file, renamed), so a resumed run writes it again whole.
  let exportFile: string | undefined
  if (input.returnDir && row.cursor === null) {
    const files: ExportFile[] = []
    const manifest: { subjectId: string; type: string; records: number }[] = []
    let after: string | undefined
    let done = 0
    const policy = deps.policy()
    const generatedAt = deps.now()
    for (;;) {
      const batch = await gate.tenantSubjects(actor, input.tenantId, after, BATCH)
      if (!batch.length) break
      for (const s of batch) {
        after = s.id
        done++
        if (s.erased) continue
        const dossier = await gate.contractDossier(actor, runId, input.tenantId, s.id)
        const data = accessData(policy, dossier, { lang: defaultLanguage(policy), requestId: `contract:${runId}`, receivedAt: row.started_at, generatedAt })
        files.push({ name: `${s.id}/data.json`, content: `${JSON.stringify(data, null, 2)}\n` }, { name: `${s.id}/data.csv`, content: accessCsv(data) })
        manifest.push({ subjectId: s.id, type: dossier.subjectType, records: dossier.records.length })
        input.onProgress?.(done, total)
      }
    }
    files.unshift({ name: 'manifest.json', content: `${JSON.stringify({ format: 'pledge-contract-return-v1', runId, tenantId: input.tenantId, generatedAt: generatedAt.toISOString(), subjects: manifest }, null, 2)}\n` })
    mkdirSync(input.returnDir, { recursive: true })
    exportFile = join(input.returnDir, `pledge-return-${input.tenantId.replace(/[^A-Za-z0-9_.-]/g, '_')}-${runId}.zip`)
    const tmp = `${exportFile}.part`
    writeFileSync(tmp, await collect(zipStream(files, generatedAt)), { mode: 0o600 })
    renameSync(tmp, exportFile)
    await db.updateTable('contract_run').set({ subjects_exported: manifest.length }).where('id', '=', runId).execute()
  }

  // 2. The deletion, person by person, resumable from the cursor.
  const kept: KeptTally = new Map(((JSON.parse(row.kept) as { category: string; purpose: string; reason: string; subjects: number }[]).map((k) => [`${k.category}|${k.purpose}|${k.reason}`, k])))
  if (input.delete) {
    let after = row.cursor ?? undefined
    let erased = row.subjects_erased
    let recordsDeleted = row.records_deleted
    let recordsKept = row.records_kept
    let done = 0
    for (;;) {
      const batch = await gate.tenantSubjects(actor, input.tenantId, after, BATCH)
      if (!batch.length) break
      for (const s of batch) {
        const outcome = await gate.contractErase(actor, runId, input.tenantId, s.id, deps.now())
        if (!outcome.alreadyErased) {
          erased++
          recordsDeleted += outcome.purgedRecords
          recordsKept += outcome.keptRecords
          for (const k of outcome.plan.kept) {
            const key = `${k.category}|${k.purpose}|${k.reason}`
            const t = kept.get(key) ?? { category: k.category, purpose: k.purpose, reason: k.reason, subjects: 0 }
            t.subjects++
            kept.set(key, t)
          }
        }
        after = s.id
        done++
        await db.updateTable('contract_run').set({ cursor: s.id, subjects_erased: erased, records_deleted: recordsDeleted, records_kept: recordsKept, kept: JSON.stringify([...kept.values()]) }).where('id', '=', runId).execute()
        input.onProgress?.(done, total)
      }
    }
  }

  // 3. The certificate.
  const fin = (await db.selectFrom('contract_run').selectAll().where('id', '=', runId).executeTakeFirst())!
  const finishSeq = await gate.contractMark(actor, runId, 'contract.finish', 'done')
  await deps.audit.flush()
  const headHash = await entryHash(db, finishSeq)
  if (!headHash) throw new EndOfContractError('audit_missing', `the audit entry ${finishSeq} that closes the run is not in the log`)
  const version = await deps.currentVersion()
  const finishedAt = deps.now()
  const after = await gate.tenantCount(actor, input.tenantId)
  const body: CertificateBody = {
    runId,
    tenantId: input.tenantId,
    controller: deps.policy().controller.name.en,
    instruction: { return: fin.do_return, delete: fin.do_delete },
    startedAt: new Date(fin.started_at).toISOString(),
    finishedAt: finishedAt.toISOString(),
    subjects: { total, returned: fin.subjects_exported, deleted: fin.subjects_erased, alreadyErased: fin.do_delete ? total - fin.subjects_erased - after.living : counts.erased },
    records: { deleted: fin.records_deleted, keptUnderLegalDuty: fin.records_kept },
    remains: [...kept.values()].sort((a, b) => `${a.category}|${a.purpose}`.localeCompare(`${b.category}|${b.purpose}`)),
    tombstonesKept: after.erased,
    audit: { fromSeq: Number(fin.start_seq), toSeq: finishSeq, headHash },
    policy: { version: version.version, contentHash: version.contentHash },
    issuedAt: finishedAt.toISOString(),
  }
  const certificate = signCertificate(body, deps.signingKey())
  await db.updateTable('contract_run').set({ status: 'finished', finished_at: finishedAt, certificate: serializeCertificate(certificate) }).where('id', '=', runId).execute()
  return { runId, resumed, exportFile, certificate }
}
