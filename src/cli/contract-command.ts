// `pledge processors end-contract --tenant ID [--return DIR] [--delete]` (REQ-PR-04) and the
// deletion certificate's offline check: `pledge certificate verify FILE [--keys FILE]` (also as
// `pledge processors certificate verify`) and `pledge certificate key` (the public keys as JSON).
// Verification reads files only: no database, no server; the keys come from --keys (the file
// `pledge certificate key` printed, or /.well-known/pledge-keys.json), else from the master key.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CommandUnknownOpts } from '@commander-js/extra-typings'
import { loadConfig, type ConfigOverrides } from '../config.ts'
import { openImportTarget, ImportTargetError } from '../import/target.ts'
import { processorOperations } from '../processors/processor-operations.ts'
import { parseKeysDocument, serializeCertificate, verifyCertificate, type SignedCertificate } from '../processors/certificate.ts'
import { trustedKeys } from '../audit/checkpoint.ts'
import { masterKeyFromEnv, readMasterKeyFile } from '../vault/master-key.ts'
import { defaultKeyFilePath } from '../vault/keyring.ts'
import { OperationError } from '../operation.ts'
import { viaDatabase } from './via-database.ts'

function trustedFrom(keysFile: string | undefined, overrides: ConfigOverrides) {
  if (keysFile) {
    try {
      return parseKeysDocument(readFileSync(keysFile, 'utf8'))
    } catch (err) {
      throw new OperationError(`cannot read the public keys in ${keysFile}: ${(err as Error).message}`)
    }
  }
  const cfg = loadConfig(overrides)
  const ring = masterKeyFromEnv(cfg.masterKey) ?? (existsSync(defaultKeyFilePath(cfg.dataDir)) ? readMasterKeyFile(defaultKeyFilePath(cfg.dataDir)) : undefined)
  if (!ring) throw new OperationError('give --keys FILE (the public keys: `pledge certificate key`, or /.well-known/pledge-keys.json)')
  return trustedKeys(ring.versions.map((v) => ring.get(v).auditSigningKeyPair().publicKey))
}

function addCertificateCommands(parent: CommandUnknownOpts, overrides: () => ConfigOverrides): void {
  const cert = parent.command('certificate').description('deletion certificates of end-of-contract runs: verify one offline, print the public keys')
  cert
    .command('verify')
    .description('verify a deletion certificate offline; exits 1 and says why when it is altered or signed by another key')
    .argument('<file>', 'the certificate (JSON)')
    .option('--keys <file>', 'the public keys (pledge-keys-v1 JSON); default: derived from the master key')
    .action((file: string, opts: { keys?: string }) => {
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch (err) {
        throw new OperationError(`cannot read ${file}: ${(err as Error).message}`)
      }
      const check = verifyCertificate(text, trustedFrom(opts.keys, overrides()))
      if (!check.valid) throw new OperationError(`${file}: NOT VALID: ${check.reason}`)
      const c = check.certificate
      console.log(`${file}: valid, signed by key ${check.keyId}\ntenant ${c.tenantId}: ${c.subjects.deleted} people and ${c.records.deleted} records deleted, ${c.subjects.returned} returned, between ${c.startedAt} and ${c.finishedAt}; audit entries ${c.audit.fromSeq}..${c.audit.toSeq}; statement version ${c.policy.version}`)
    })
  cert
    .command('key')
    .description('print the public keys that verify certificates (and audit checkpoints) as JSON')
    .action(async () => {
      console.log((await viaDatabase(loadConfig(overrides()), 'certificate-key', {})).output)
    })
}

export function registerContractCommands(program: CommandUnknownOpts, processors: CommandUnknownOpts, overrides: () => ConfigOverrides): void {
  processors
    .command('end-contract')
    .description('end of a customer\'s contract (Art. 28(3)(g)): return its people\'s data as a ZIP and/or delete them, then write a signed deletion certificate (resumable: run it again)')
    .requiredOption('--tenant <id>', 'the customer (tenant id of its API keys)')
    .option('--return <dir>', 'write the export of all the tenant\'s people into this directory')
    .option('--delete', 'erase every person of the tenant (crypto-shredding; tombstones and legal duties kept)')
    .option('--certificate <file>', 'where to write the certificate (default: pledge-certificate-RUN.json in --return DIR or here)')
    .action(async (opts: { tenant: string; return?: string; delete?: boolean; certificate?: string }) => {
      let target
      try {
        target = await openImportTarget(loadConfig(overrides()), processorOperations)
      } catch (err) {
        if (err instanceof ImportTargetError) throw new OperationError(err.message)
        throw err
      }
      let out: { runId: string; resumed: boolean; exportFile?: string; certificate: SignedCertificate }
      try {
        out = JSON.parse(await target.run('processors-end-contract', { tenant: opts.tenant, returnDir: opts.return, delete: opts.delete ? 'true' : undefined }))
      } catch (err) {
        if (err instanceof ImportTargetError) throw new OperationError(err.message)
        throw err
      } finally {
        await target.close()
      }
      const file = opts.certificate ?? join(opts.return ?? '.', `pledge-certificate-${out.runId}.json`)
      writeFileSync(file, serializeCertificate(out.certificate))
      const c = out.certificate.certificate
      console.log([
        `run ${out.runId}${out.resumed ? ' (resumed)' : ''} for tenant ${c.tenantId}: ${c.subjects.total} people`,
        ...(out.exportFile ? [`returned ${c.subjects.returned} people: ${out.exportFile}`] : []),
        ...(c.instruction.delete ? [`deleted ${c.subjects.deleted} people (${c.records.deleted} records), ${c.records.keptUnderLegalDuty} records kept under a legal duty, ${c.tombstonesKept} tombstones kept`] : []),
        `certificate: ${file} (verify: pledge certificate verify ${file})`,
      ].join('\n'))
    })
  addCertificateCommands(processors, overrides)
  addCertificateCommands(program, overrides)
}
