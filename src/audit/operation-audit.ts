// The audit log for a command run by the operator (publish, API keys, key rotation): the running
// server's own log when the command runs inside it, else a log opened for the command and closed
// after it with a signed checkpoint, so accountability (REQ-AUD-01) does not depend on a server.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Database } from '../db/database.ts'
import type { MasterKeyRing } from '../vault/master-key.ts'
import { loadMasterKeyRing, checkMasterKey, type KeyConfig } from '../vault/keyring.ts'
import { auditHeadPath, createAuditLog } from './chain-store.ts'
import type { AuditLog, AuditRecord } from './audit-log.ts'

/** The actor id of commands given by the operator on the command line. */
export const OPERATOR_ACTOR = 'system:cli'

export interface OperationAuditContext {
  readonly database: Database
  readonly config: KeyConfig & { readonly dataDir: string; readonly auditHead?: string | undefined; readonly auditWitness?: string | undefined }
  readonly runtime?: { readonly audit: AuditLog; keys(): MasterKeyRing } | undefined
}

/** Appends the records of one operator command; resolves once they are committed. */
export async function auditOperation(ctx: OperationAuditContext, records: readonly AuditRecord[], ring?: MasterKeyRing): Promise<void> {
  if (ctx.runtime) {
    await ctx.runtime.audit.appendMany(records)
    return
  }
  const keys = ring ?? (await operatorRing(ctx.database.db, ctx))
  const audit = createAuditLog(ctx.database.db, { signer: keys.current.auditSigningKeyPair(), headPath: auditHeadPath(ctx.config), witnessPath: ctx.config.auditWitness })
  try {
    await audit.appendMany(records)
  } finally {
    await audit.close()
  }
}

async function operatorRing(db: Kysely<DB>, ctx: OperationAuditContext): Promise<MasterKeyRing> {
  const { ring } = loadMasterKeyRing(ctx.config, ctx.database.mode)
  await checkMasterKey(db, ring)
  return ring
}
