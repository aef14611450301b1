// The reject file: every row the import could not take, with its line and the reason, followed by
// the row as it was (CSV: its fields under the original header; JSON Lines: the line's text), so it
// can be fixed and imported again. Mode 0600: it holds personal data, like the file it comes from.
//
// Resuming an import keeps the rejects of the lines already done and drops any written after the
// last recorded progress (they will be written again), so a reject is never listed twice.
import { closeSync, createReadStream, existsSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync, chmodSync } from 'node:fs'
import { parse } from 'csv-parse'

export interface Reject {
  readonly line: number
  readonly reason: string
  readonly original: readonly string[]
}

export function rejectFilePath(file: string): string {
  return `${file}.rejects.csv`
}

export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`
}

export class RejectFile {
  readonly path: string
  readonly #header: readonly string[]
  #fd: number | undefined
  #count = 0

  private constructor(path: string, header: readonly string[]) {
    this.path = path
    this.#header = ['line', 'reason', ...header]
  }

  /**
   * Prepares the reject file of an import that starts at `doneLine` + 1: a fresh import removes an
   * old one; a resumed import keeps only the rejects of lines up to `doneLine`.
   */
  static async prepare(path: string, originalHeader: readonly string[], doneLine: number): Promise<RejectFile> {
    const file = new RejectFile(path, originalHeader)
    if (!existsSync(path)) return file
    if (doneLine <= 0) {
      unlinkSync(path)
      return file
    }
    const tmp = `${path}.tmp`
    const fd = openSync(tmp, 'w', 0o600)
    chmodSync(tmp, 0o600)
    try {
      writeSync(fd, csvLine(file.#header))
      let first = true
      const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }))
      for await (const record of parser as AsyncIterable<string[]>) {
        if (first) {
          first = false
          if (record[0] === 'line') continue
        }
        const line = Number(record[0])
        if (Number.isInteger(line) && line <= doneLine) {
          writeSync(fd, csvLine(record))
          file.#count++
        }
      }
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, path)
    file.#fd = openSync(path, 'a', 0o600)
    return file
  }

  /** Rejects in the file: kept from the interrupted run, plus those appended by this one. */
  get count(): number {
    return this.#count
  }

  /** Appends and makes durable (before the import records its progress past these lines). */
  append(rejects: readonly Reject[]): void {
    if (rejects.length === 0) return
    if (this.#fd === undefined) {
      this.#fd = openSync(this.path, 'w', 0o600)
      chmodSync(this.path, 0o600)
      writeSync(this.#fd, csvLine(this.#header))
    }
    const sorted = [...rejects].sort((a, b) => a.line - b.line)
    writeSync(this.#fd, sorted.map((r) => csvLine([String(r.line), r.reason, ...r.original])).join(''))
    fsyncSync(this.#fd)
    this.#count += rejects.length
  }

  get exists(): boolean {
    return this.#fd !== undefined
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd)
    this.#fd = undefined
  }
}
