// A tiny benchmark harness: run a measurement several times, report the median with its unit,
// and print ratios between figures. Figures are printed, never asserted: timing belongs here,
// not in tests that could flake on a busy machine.
export interface Figure {
  readonly name: string
  readonly value: number
  readonly unit: string
  readonly runs: readonly number[]
  readonly note?: string
}

const figures: Figure[] = []

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function format(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US')
  if (value >= 1) return value.toFixed(2)
  return value.toPrecision(3)
}

export function record(name: string, runs: readonly number[], unit: string, note?: string): Figure {
  const figure: Figure = { name, value: median(runs), unit, runs, ...(note ? { note } : {}) }
  figures.push(figure)
  const spread = runs.length > 5 ? ` (${runs.length} runs, ${format(Math.min(...runs))}–${format(Math.max(...runs))})` : runs.length > 1 ? ` (runs: ${runs.map(format).join(', ')})` : ''
  console.log(`${name.padEnd(58)} ${format(figure.value).padStart(12)} ${unit}${spread}${note ? `  — ${note}` : ''}`)
  return figure
}

export function ratio(name: string, numerator: Figure, denominator: Figure, target?: string): void {
  const value = numerator.value / denominator.value
  console.log(`${name.padEnd(58)} ${value.toFixed(2).padStart(12)} ×${target ? `  (target ${target})` : ''}`)
}

/** Time fn() `runs` times; returns milliseconds per run. */
export async function timeRuns(runs: number, fn: () => Promise<void> | void): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint()
    await fn()
    out.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return out
}

export function section(title: string): void {
  console.log(`\n## ${title}`)
}

export function allFigures(): readonly Figure[] {
  return figures
}
