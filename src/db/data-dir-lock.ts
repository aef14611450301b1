// An exclusive lock on the embedded data directory. PGlite does not lock its directory, and two
// processes writing to one directory silently lose commits (stack.md §1.2), so the second process
// must stop before it opens the database.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync, constants } from 'node:fs'
import { join } from 'node:path'

export class DataDirLockedError extends Error {
  readonly pid: number
  constructor(dataDir: string, pid: number) {
    super(
      `the data directory ${dataDir} is in use by another Pledge process (pid ${pid}). ` +
        'Stop that process first, or run the command while it runs: commands reach a running server through it.',
    )
    this.name = 'DataDirLockedError'
    this.pid = pid
  }
}

export interface DataDirLock {
  readonly path: string
  release(): void
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Who holds the lock, if a living process does. */
export function lockHolder(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, 'pledge.lock'), 'utf8'), 10)
    return isAlive(pid) && pid !== process.pid ? pid : undefined
  } catch {
    return undefined
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, 'pledge.lock')
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      let released = false
      return {
        path,
        release() {
          if (released) return
          released = true
          try {
            if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path)
          } catch {
            /* already gone */
          }
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      let pid = Number.NaN
      try {
        pid = Number.parseInt(readFileSync(path, 'utf8'), 10)
      } catch {
        /* vanished between open and read: retry */
      }
      if (isAlive(pid) && pid !== process.pid) throw new DataDirLockedError(dataDir, pid)
      // The owner died (kill -9, power loss): take the lock over.
      try {
        unlinkSync(path)
      } catch {
        /* someone else took it over first: retry */
      }
    }
  }
  throw new Error(`could not take the lock ${path}`)
}
