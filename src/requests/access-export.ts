// The answer to an access request (Art. 15 GDPR): a ZIP with three files, a pure function of the
// policy and the person's dossier.
//
// - data.json: every value held, grouped by category (label in the request's language, record id,
//   when written, under which purpose), the facts of the person's file (type, source, lifecycle
//   events, objections, restriction), the consent history, the disclosures (recipients by name,
//   C-154/21) and the purposes that apply. Shape: AccessData below, `format`/`formatVersion` inside.
// - data.csv: one row per value, sorted by category (policy order), then time, with a header row in
//   the request's language that says what each column holds (REQ-TR-13).
// - report.html: every Art. 15(1)(a)-(h) and 15(2) item, readable by a person (access-report.ts).
//
// The ZIP is written by yazl, which streams: accessExportStream() can be piped straight into an HTTP
// response; buildAccessExport() collects it into a Buffer.
import type { Readable } from 'node:stream'
import { ZipFile } from 'yazl'
import type { Policy } from '../policy/policy.ts'
import type { Dossier } from './dossier.ts'
import { accessCsv, accessData, type AccessExportOptions } from './access-data.ts'
import { renderAccessReport } from './access-report.ts'

export { ACCESS_EXPORT_FORMAT, ACCESS_EXPORT_VERSION, csvCell, groupRecords, valueText } from './access-data.ts'
export type { AccessCategoryEntry, AccessData, AccessExportOptions, AccessPurposeEntry, AccessRecordEntry } from './access-data.ts'


// ---- the ZIP --------------------------------------------------------------------------------------

export interface ExportFile {
  readonly name: string
  readonly content: string
}

/** The three files of the access export, in the order they are zipped. */
export function accessExportFiles(policy: Policy, dossier: Dossier, options: AccessExportOptions): ExportFile[] {
  const data = accessData(policy, dossier, options)
  return [
    { name: 'report.html', content: renderAccessReport(policy, dossier, data, options) },
    { name: 'data.json', content: `${JSON.stringify(data, null, 2)}\n` },
    { name: 'data.csv', content: accessCsv(data) },
  ]
}

/** Zips files with yazl; returns the ZIP as a stream (pipe it into a response or a file). */
export function zipStream(files: readonly ExportFile[], mtime: Date): Readable {
  const zip = new ZipFile()
  for (const f of files) zip.addBuffer(Buffer.from(f.content, 'utf8'), f.name, { mtime, mode: 0o100644 })
  zip.end()
  return zip.outputStream as Readable
}

export async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** The access export as a ZIP stream. */
export function accessExportStream(policy: Policy, dossier: Dossier, options: AccessExportOptions): Readable {
  return zipStream(accessExportFiles(policy, dossier, options), options.generatedAt)
}

/** The access export as a ZIP in memory: report.html, data.json, data.csv. */
export async function buildAccessExport(policy: Policy, dossier: Dossier, options: AccessExportOptions): Promise<Buffer> {
  return collect(accessExportStream(policy, dossier, options))
}
