// Temporary directories for tests: unique (mkdtemp), removed when their test (or runtime) ends, and
// in any case when the test process exits, so that a failing test leaves nothing behind either.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const open = new Set<string>()
process.once('exit', () => {
  for (const dir of open) rmSync(dir, { recursive: true, force: true })
})

/** A new empty directory under the system temp directory; see removeTempDir. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  open.add(dir)
  return dir
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
  open.delete(dir)
}

/** A new empty directory that is removed when the test `t` ends. */
export function tempDir(t: { after(fn: () => void): void }, prefix: string): string {
  const dir = makeTempDir(prefix)
  t.after(() => removeTempDir(dir))
  return dir
}
