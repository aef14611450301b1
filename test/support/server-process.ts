// Starts `pledge start` as a real process and resolves once it logs that it listens and answers
// GET /health. No fixed wait: the guard only ends a start that never comes.
import { spawn, type ChildProcess } from 'node:child_process'
import { pledgeEntry } from './cli.ts'

// Servers still running when the test process exits (a test failed before stopping its own) are
// killed, not left behind.
const started = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

export function startPledgeProcess(env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [pledgeEntry(), 'start'], { env: { ...env, PLEDGE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] })
  started.add(child)
  child.once('exit', () => started.delete(child))
  return new Promise((resolve, reject) => {
    let log = ''
    let settled = false
    const fail = (err: Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (child.exitCode === null) child.kill('SIGKILL')
      reject(err)
    }
    const timer = setTimeout(() => fail(new Error(`server did not start within ${timeoutMs} ms:\n${log}`)), timeoutMs)
    const ready = async (url: string) => {
      // Listening is logged after listen(); /health answering proves the routes are up.
      while (!settled) {
        try {
          const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) })
          if (res.ok) {
            settled = true
            clearTimeout(timer)
            resolve({ child, url })
            return
          }
        } catch {
          /* not yet */
        }
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    child.stderr!.setEncoding('utf8')
    let scanned = 0
    child.stderr!.on('data', (chunk: string) => {
      log += chunk
      const lines = log.split('\n')
      for (; scanned < lines.length - 1; scanned++) {
        const line = lines[scanned]!
        if (!line.startsWith('{')) continue
        try {
          const entry = JSON.parse(line)
          if (entry.msg === 'Pledge is listening') void ready(entry.url)
        } catch {
          /* not a log line */
        }
      }
    })
    child.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${log}`)))
  })
}
