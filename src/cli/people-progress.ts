// Progress of a CLI run over people (a retention sweep, a campaign) on standard error: a bar with
// an ETA on a terminal, otherwise one line at every 10 %. Counts only, never a person.
import cliProgress from 'cli-progress'
import { formatCount } from '../import/progress.ts'

export interface PeopleProgress {
  update(done: number, total: number): void
  stop(): void
}

/** `label` starts each line ("retention"), `verb` says what was done to each person ("evaluated"). */
export function peopleProgress(label: string, verb: string, stream: NodeJS.WriteStream = process.stderr): PeopleProgress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({ stream, format: `${label} [{bar}] {percentage}% | {value}/{total} people | ETA {eta_formatted}`, barsize: 30, hideCursor: true, fps: 5 }, cliProgress.Presets.shades_classic)
    let started = false
    return {
      update(done, total) {
        if (!started) (bar.start(total, 0), (started = true))
        bar.setTotal(total)
        bar.update(done)
      },
      stop: () => started && bar.stop(),
    }
  }
  let next = 1
  return {
    update(done, total) {
      const tenth = Math.floor((done / Math.max(total, 1)) * 10)
      if (tenth < next) return
      next = tenth + 1
      stream.write(`${label}: ${Math.min(100, tenth * 10)}% (${formatCount(done)} of ${formatCount(total)} people ${verb})\n`)
    },
    stop() {},
  }
}
