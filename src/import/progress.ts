// Import progress on standard error: a bar with rows/s and ETA on a terminal; otherwise one line at
// every 10% of the file (by bytes read) or every 10 seconds, whichever comes first. Only counts and
// line numbers — never a value from the file.
import cliProgress from 'cli-progress'

export interface ProgressCounts {
  /** Rows handled by this run (created + already present + rejected). */
  readonly rows: number
  readonly created: number
  readonly existing: number
  readonly rejected: number
  /** Last line done. */
  readonly line: number
}

export interface ProgressReporter {
  start(totalBytes: number, startBytes: number): void
  update(bytes: number, counts: ProgressCounts): void
  note(message: string): void
  stop(): void
}

const nf = new Intl.NumberFormat('en-US')
export const formatCount = (n: number) => nf.format(Math.round(n))

export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): ProgressReporter {
  return stream.isTTY ? barReporter(stream, now) : lineReporter(stream, now)
}

function barReporter(stream: NodeJS.WriteStream, now: () => number): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'importing [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted} | {rejected} rejected',
      barsize: 30,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = 0
  let active = false
  return {
    start(total, startBytes) {
      started = now()
      active = true
      bar.start(Math.max(total, 1), startBytes, { rows: '0', rate: '-', rejected: '0' })
    },
    update(bytes, c) {
      const seconds = (now() - started) / 1000
      bar.update(bytes, { rows: formatCount(c.rows), rate: seconds > 0 ? formatCount(c.rows / seconds) : '-', rejected: formatCount(c.rejected) })
    },
    note(message) {
      if (active) bar.stop()
      stream.write(`${message}\n`)
      active = false
    },
    stop() {
      if (active) bar.stop()
      active = false
    },
  }
}

function lineReporter(stream: NodeJS.WriteStream, now: () => number): ProgressReporter {
  let total = 1
  let started = 0
  let nextTenth = 1
  let lastAt = 0
  let fromBytes = 0
  return {
    start(totalBytes, startBytes) {
      total = Math.max(totalBytes, 1)
      fromBytes = startBytes
      started = now()
      lastAt = started
      nextTenth = Math.floor((startBytes / total) * 10) + 1
    },
    update(bytes, c) {
      const t = now()
      const tenth = Math.floor((bytes / total) * 10)
      if (tenth < nextTenth && t - lastAt < 10_000) return
      nextTenth = Math.max(nextTenth, tenth + 1)
      lastAt = t
      const seconds = (t - started) / 1000
      const rate = seconds > 0 ? c.rows / seconds : 0
      const bytesPerSecond = seconds > 0 ? (bytes - fromBytes) / seconds : 0
      const left = bytesPerSecond > 0 && bytes < total ? (total - bytes) / bytesPerSecond : 0
      stream.write(
        `import: ${Math.min(100, Math.floor((bytes / total) * 100))}% (line ${c.line}): ${formatCount(c.created)} imported, ${formatCount(c.existing)} already present, ${formatCount(c.rejected)} rejected, ${formatCount(rate)} rows/s${left > 0 ? `, about ${Math.ceil(left)} s left` : ''}\n`,
      )
    },
    note(message) {
      stream.write(`${message}\n`)
    },
    stop() {},
  }
}
