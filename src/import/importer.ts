// `pledge import`: streams a CSV or JSON Lines file into subjects, in batches through the gate.
//
// - Idempotent: every row needs an external id; creating an id that exists answers "already
//   present" and changes nothing.
// - Resumable: after each batch is committed and its rejects are on disk, the last line done is
//   recorded under an import id (a digest of the file's size and first 64 KiB, the type, the
//   purpose and the id column). A rerun skips those lines. A crash between a batch's commit and
//   its progress record only means that batch is sent again, which idempotency makes harmless.
// - Nothing is dropped silently: every row is created, already present, or in the reject file
//   with its line and reason. Messages name lines, columns and reason codes, never a value.
import { createHash } from 'node:crypto'
import { openSync, readSync, closeSync } from 'node:fs'
import { openRowSource, type ImportFormat, type SourceRow } from './reader.ts'
import { RejectFile, rejectFilePath, type Reject } from './rejects.ts'
import { BodyTooLargeError, type ImportTarget } from './target.ts'
import type { BatchRow, ImportBatchAnswer, ImportBeginAnswer } from './import-operations.ts'
import type { ProgressReporter } from './progress.ts'
import { LANGUAGE_COLUMN } from './import-operations.ts'
import { LANGUAGES, isLanguage, type Language } from '../policy/schema.ts'

export const DEFAULT_BATCH_ROWS = 1000
const MAX_BATCH_BYTES = 4 * 1024 * 1024
const MAX_ID_LENGTH = 200
const MAX_SOURCE_LENGTH = 500

export interface ImportRequest {
  readonly file: string
  readonly format: ImportFormat
  readonly type: string
  readonly purpose: string
  readonly source: string
  readonly idColumn: string
  readonly batchRows?: number
}

export interface ImportSummary {
  readonly importId: string
  /** Rows this run handled (lines skipped on resume not included). */
  readonly rows: number
  readonly created: number
  readonly existing: number
  readonly rejected: number
  /** Set when this run resumed an interrupted one. */
  readonly resumed: { readonly afterLine: number; readonly imported: number; readonly rejected: number } | undefined
  readonly seconds: number
  /** The reject file, when there is one (rejects of this run or kept from the interrupted one). */
  readonly rejectFile: string | undefined
  readonly rejectsInFile: number
  /** Columns that are not categories of the purpose (rows with a value there are rejected). */
  readonly outside: readonly string[]
  readonly categories: readonly string[]
}

export class ImportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportError'
  }
}

/** SHA-256 over the file's size and first 64 KiB, the type, the purpose and the id column. */
export function importIdOf(file: string, size: number, request: Pick<ImportRequest, 'type' | 'purpose' | 'idColumn'>): string {
  const head = Buffer.alloc(Math.min(size, 64 * 1024))
  const fd = openSync(file, 'r')
  try {
    let read = 0
    while (read < head.length) {
      const n = readSync(fd, head, read, head.length - read, read)
      if (n === 0) break
      read += n
    }
  } finally {
    closeSync(fd)
  }
  const h = createHash('sha256')
  for (const part of [String(size), request.type, request.purpose, request.idColumn]) h.update(`${Buffer.byteLength(part)}:${part}\n`)
  h.update(head)
  return h.digest('hex')
}

type Prepared = { ok: true; row: BatchRow } | { ok: false; code: string; message: string }

function prepare(row: SourceRow, idColumn: string): Prepared {
  if (row.problem || !row.values) return { ok: false, code: row.problem?.code ?? 'unreadable', message: row.problem?.message ?? 'the row cannot be read' }
  let id: string | undefined
  let language: Language | undefined
  const data: Record<string, unknown> = {}
  for (const [key, raw] of Object.entries(row.values)) {
    if (key === idColumn) {
      if (typeof raw === 'string') id = raw.trim()
      else if (typeof raw === 'number' && Number.isFinite(raw)) id = String(raw)
      else if (raw !== null && raw !== undefined) return { ok: false, code: 'invalid_id', message: `the ${idColumn} must be a string or a number` }
      continue
    }
    if (key === LANGUAGE_COLUMN) {
      // The language to write to the person in, not a category; empty: none given.
      if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) continue
      const lang = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined
      if (!isLanguage(lang)) return { ok: false, code: 'invalid_language', message: `the ${LANGUAGE_COLUMN} must be one of ${LANGUAGES.join(', ')}, or empty` }
      language = lang
      continue
    }
    if (raw === null || raw === undefined) continue
    const value = typeof raw === 'string' ? raw.trim() : raw
    if (value === '') continue // empty cells are left out
    Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true })
  }
  if (!id) return { ok: false, code: 'missing_id', message: `the ${idColumn} is empty or missing: every row needs one, so that importing again creates no duplicate` }
  if (id.length > MAX_ID_LENGTH) return { ok: false, code: 'invalid_id', message: `the ${idColumn} is longer than ${MAX_ID_LENGTH} characters` }
  return { ok: true, row: { line: row.line, id, data: data as BatchRow['data'], ...(language ? { language } : {}) } }
}

export async function runImport(request: ImportRequest, target: ImportTarget, progress: ProgressReporter): Promise<ImportSummary> {
  if (!request.source.trim()) throw new ImportError('--source must say where the data came from (kept per subject for Art. 14 notices and access reports)')
  if (request.source.length > MAX_SOURCE_LENGTH) throw new ImportError(`--source must be at most ${MAX_SOURCE_LENGTH} characters`)
  const batchRows = Math.max(1, request.batchRows ?? DEFAULT_BATCH_ROWS)
  const source = await openRowSource(request.file, request.format)
  const started = Date.now()
  let rejects: RejectFile | undefined
  try {
    if (source.header && !source.header.includes(request.idColumn)) {
      throw new ImportError(`the header has no ${request.idColumn} column: every row needs an external id, so that importing again creates no duplicate (name the column with --id-column; the header has ${source.header.join(', ')})`)
    }
    const importId = importIdOf(request.file, source.size, request)
    const columns = source.header ? source.header.filter((c) => c !== request.idColumn) : []
    const begin = JSON.parse(await target.run('import-begin', { importId, purpose: request.purpose, type: request.type, idColumn: request.idColumn, columns: JSON.stringify(columns) })) as ImportBeginAnswer
    if (begin.outside.length) {
      progress.note(
        `pledge: column${begin.outside.length > 1 ? 's' : ''} ${begin.outside.join(', ')} ${begin.outside.length > 1 ? 'are' : 'is'} not among the categories of ${request.purpose} (${begin.categories.join(', ')}): rows with a value there are rejected (categories_not_in_purpose)`,
      )
    }
    const resumed = begin.doneLine > 0 ? { afterLine: begin.doneLine, imported: begin.imported, rejected: begin.rejected } : undefined
    if (resumed) {
      progress.note(`pledge: resuming import ${importId.slice(0, 12)}: lines up to ${resumed.afterLine} were done by an earlier run (${resumed.imported} imported, ${resumed.rejected} rejected); skipping them`)
    }
    const rejectPath = rejectFilePath(request.file)
    const rejectFile = await RejectFile.prepare(rejectPath, source.format === 'csv' ? source.header! : ['raw'], begin.doneLine)
    rejects = rejectFile

    let created = 0
    let existing = 0
    let rejected = 0
    let rows = 0
    let lastLine = begin.doneLine
    let lastBytes = 0
    let perRequest = batchRows
    let pending: BatchRow[] = []
    let pendingBytes = 0
    let pendingIds = new Set<string>()
    let pendingRejects: Reject[] = []
    let originals = new Map<number, readonly string[]>()

    const send = async (batch: readonly BatchRow[]): Promise<ImportBatchAnswer> => {
      if (batch.length === 0) return { created: 0, existing: 0, rejected: [] }
      if (batch.length > perRequest) {
        const merged = { created: 0, existing: 0, rejected: [] as ImportBatchAnswer['rejected'][number][] }
        const size = perRequest // send() may lower perRequest as it goes
        for (let i = 0; i < batch.length; i += size) {
          const part = await send(batch.slice(i, i + size))
          merged.created += part.created
          merged.existing += part.existing
          merged.rejected.push(...part.rejected)
        }
        return merged
      }
      try {
        return JSON.parse(await target.run('import-batch', { importId, purpose: request.purpose, type: request.type, source: request.source, rows: JSON.stringify(batch) })) as ImportBatchAnswer
      } catch (err) {
        if (!(err instanceof BodyTooLargeError)) throw err
        if (batch.length === 1) return { created: 0, existing: 0, rejected: [{ line: batch[0]!.line, reason: 'row_too_large', message: 'the row is larger than the server accepts in one request' }] }
        perRequest = Math.max(1, Math.floor(batch.length / 2))
        return send(batch)
      }
    }

    // Two batches in flight: the next one is read, checked and sent while the previous one is
    // still being written. Their outcomes are recorded in file order (rejects, then progress), so
    // the progress never says a line is done before every line above it is.
    let inFlight: { readonly done: Promise<void>; readonly ids: ReadonlySet<string> } | undefined
    const drain = async () => {
      await inFlight?.done
    }
    const flush = async () => {
      if (pending.length === 0 && pendingRejects.length === 0) return
      const batch = pending
      const ids = pendingIds
      const rejectsBefore = pendingRejects
      const batchOriginals = originals
      const line = lastLine
      const bytes = lastBytes
      const rowsSoFar = rows
      pending = []
      pendingBytes = 0
      pendingIds = new Set()
      pendingRejects = []
      originals = new Map()
      const previous = inFlight
      const sent = send(batch)
      const done = (async () => {
        const answer = await sent
        await previous?.done
        const batchRejects: Reject[] = [
          ...rejectsBefore,
          ...answer.rejected.map((r) => ({ line: r.line, reason: `${r.reason}: ${r.message}`, original: batchOriginals.get(r.line) ?? [] })),
        ]
        // The rejects are durable before the progress says these lines are done.
        rejectFile.append(batchRejects)
        created += answer.created
        existing += answer.existing
        rejected += batchRejects.length
        await target.run('import-progress', { importId, line: String(line), imported: String(begin.imported + created), rejected: String(begin.rejected + rejected) })
        progress.update(bytes, { rows: rowsSoFar, created, existing, rejected, line })
      })()
      done.catch(() => undefined) // awaited below or by the next flush; never an unhandled rejection meanwhile
      inFlight = { done, ids }
      await previous?.done
    }

    progress.start(source.size, 0)
    for await (const row of source.rows()) {
      if (row.line <= begin.doneLine) continue
      const prepared = prepare(row, request.idColumn)
      // A repeated id is "already present", like across batches: the batch holding it is written first.
      if (prepared.ok && (pendingIds.has(prepared.row.id) || inFlight?.ids.has(prepared.row.id))) {
        await flush()
        await drain()
      }
      rows++
      lastLine = Math.max(lastLine, row.line)
      lastBytes = Math.max(lastBytes, row.bytes)
      if (!prepared.ok) {
        pendingRejects.push({ line: row.line, reason: `${prepared.code}: ${prepared.message}`, original: row.original })
      } else {
        pending.push(prepared.row)
        pendingIds.add(prepared.row.id)
        originals.set(row.line, row.original)
        pendingBytes += row.original.reduce((n, f) => n + f.length + 3, 16)
      }
      if (pending.length + pendingRejects.length >= batchRows || pendingBytes >= MAX_BATCH_BYTES) await flush()
    }
    await flush()
    await drain()
    await target.run('import-finish', { importId })
    progress.stop()
    return {
      importId,
      rows,
      created,
      existing,
      rejected,
      resumed,
      seconds: (Date.now() - started) / 1000,
      rejectFile: rejectFile.exists ? rejectPath : undefined,
      rejectsInFile: rejectFile.count,
      outside: begin.outside,
      categories: begin.categories,
    }
  } finally {
    progress.stop()
    rejects?.close()
    source.close()
  }
}
