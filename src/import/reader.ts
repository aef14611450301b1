// Reads an import file row by row, streaming (never the whole file in memory), with the line number
// of each row and how many bytes have been read so far (for progress). CSV (RFC 4180, with a header
// row naming the columns) or JSON Lines (one object per line).
//
// A row here is still raw: the importer decides what is an id, a category or a problem. Nothing in
// this module logs or prints a value.
import { createReadStream, statSync, type ReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { parse, type CsvError } from 'csv-parse'

export type ImportFormat = 'csv' | 'jsonl'

export interface SourceRow {
  /** Line of the file on which the row ends (1-based; a CSV row spanning lines ends on its last). */
  readonly line: number
  /** Bytes of the file up to the end of this row (progress). */
  readonly bytes: number
  /** Column → value. Undefined when the row could not be read at all (see `problem`). */
  readonly values: Readonly<Record<string, unknown>> | undefined
  /** A row that cannot be read as a row: malformed CSV or JSON, wrong number of fields. */
  readonly problem?: { readonly code: string; readonly message: string }
  /** What the reject file keeps of the row: its fields (CSV) or its text (JSON Lines). */
  readonly original: readonly string[]
}

export interface RowSource {
  readonly format: ImportFormat
  /** The CSV header; undefined for JSON Lines (keys vary by line). */
  readonly header: readonly string[] | undefined
  readonly size: number
  bytesRead(): number
  rows(): AsyncIterable<SourceRow>
  close(): void
}

export class ImportFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportFileError'
  }
}

export function formatOf(path: string, given?: string): ImportFormat {
  if (given !== undefined) {
    if (given === 'csv' || given === 'jsonl') return given
    throw new ImportFileError(`--format must be csv or jsonl, got "${given}"`)
  }
  const lower = path.toLowerCase()
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl'
  throw new ImportFileError(`cannot tell the format of ${path} from its extension: give --format csv or --format jsonl`)
}

export async function openRowSource(path: string, format: ImportFormat): Promise<RowSource> {
  let size: number
  try {
    const st = statSync(path)
    if (!st.isFile()) throw new ImportFileError(`${path} is not a file`)
    size = st.size
  } catch (err) {
    if (err instanceof ImportFileError) throw err
    throw new ImportFileError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 })
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve())
    stream.once('error', (err: NodeJS.ErrnoException) => reject(new ImportFileError(`cannot read ${path}: ${err.code ?? err.message}`)))
  })
  await opened
  return format === 'csv' ? openCsv(stream, size) : openJsonl(stream, size)
}

interface CsvRecord {
  readonly record: string[]
  readonly raw: string
  readonly info: { readonly lines: number; readonly bytes: number }
}

async function openCsv(stream: ReadStream, size: number): Promise<RowSource> {
  // Rows the parser cannot read are not dropped: they come back as problems, in file order.
  const skipped: SourceRow[] = []
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined, raw: string | undefined) => {
      const line = typeof (err as { lines?: unknown } | undefined)?.lines === 'number' ? (err as unknown as { lines: number }).lines : 0
      skipped.push({
        line,
        bytes: 0,
        values: undefined,
        problem: { code: 'malformed_csv', message: `the row cannot be read as CSV (${err?.code ?? 'parse error'})` },
        original: [(raw ?? '').replace(/^[\r\n]+|[\r\n]+$/g, '')],
      })
      return undefined
    },
  })
  stream.pipe(parser)
  stream.on('error', (err) => parser.destroy(err))
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<CsvRecord>
  const first = await iterator.next()
  if (first.done) throw new ImportFileError('the file is empty: a CSV import needs a header row naming the columns')
  const header = first.value.record.map((h) => h.trim())
  const seen = new Set<string>()
  const doubled = header.filter((h) => (seen.has(h) ? true : (seen.add(h), false)))
  if (doubled.length) throw new ImportFileError(`the header names ${[...new Set(doubled)].join(', ')} more than once`)
  if (header.some((h) => h === '')) throw new ImportFileError(`the header has an empty column name (column ${header.indexOf('') + 1})`)

  async function* rows(): AsyncGenerator<SourceRow> {
    for (;;) {
      const next = await iterator.next()
      while (skipped.length && (next.done || skipped[0]!.line <= next.value.info.lines)) yield skipped.shift()!
      if (next.done) break
      const { record, info } = next.value
      if (record.length !== header.length) {
        yield {
          line: info.lines,
          bytes: info.bytes,
          values: undefined,
          problem: { code: 'wrong_column_count', message: `the row has ${record.length} fields; the header has ${header.length}` },
          original: record,
        }
        continue
      }
      // fromEntries defines own properties, so a column named __proto__ stays a column.
      const values = Object.fromEntries(header.map((name, i) => [name, record[i]]))
      yield { line: info.lines, bytes: info.bytes, values, original: record }
    }
    while (skipped.length) yield skipped.shift()!
  }

  return {
    format: 'csv',
    header,
    size,
    bytesRead: () => stream.bytesRead,
    rows,
    close: () => {
      stream.destroy()
      parser.destroy()
    },
  }
}

async function openJsonl(stream: ReadStream, size: number): Promise<RowSource> {
  // Created when the rows are asked for: readline emits lines as soon as it exists, and lines
  // emitted before its iterator is created would be lost.
  let lines: ReturnType<typeof createInterface> | undefined
  async function* rows(): AsyncGenerator<SourceRow> {
    lines = createInterface({ input: stream, crlfDelay: Infinity })
    let line = 0
    let bytes = 0
    for await (const text of lines) {
      line++
      bytes += Buffer.byteLength(text) + 1
      const body = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
      if (body.trim() === '') continue
      yield toRow(line, Math.min(bytes, size), body)
    }
  }
  return {
    format: 'jsonl',
    header: undefined,
    size,
    bytesRead: () => stream.bytesRead,
    rows,
    close: () => {
      lines?.close()
      stream.destroy()
    },
  }
}

function toRow(line: number, bytes: number, text: string): SourceRow {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { line, bytes, values: undefined, problem: { code: 'malformed_json', message: 'the line is not valid JSON' }, original: [text] }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { line, bytes, values: undefined, problem: { code: 'not_an_object', message: 'each line must be one JSON object' }, original: [text] }
  }
  return { line, bytes, values: parsed as Record<string, unknown>, original: [text] }
}
