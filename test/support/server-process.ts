// Starts `pledge start` as a real process and resolves once it logs that it listens.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from './paths.ts'

export function startPledgeProcess(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/pledge.js'), 'start'], { env: { ...env, PLEDGE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] })
  return new Promise((resolve, reject) => {
    let log = ''
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), timeoutMs)
    child.stderr!.setEncoding('utf8')
    child.stderr!.on('data', (chunk: string) => {
      log += chunk
      for (const line of log.split('\n')) {
        if (!line.startsWith('{')) continue
        try {
          const entry = JSON.parse(line)
          if (entry.msg === 'Pledge is listening') {
            clearTimeout(timer)
            resolve({ child, url: entry.url })
          }
        } catch {
          /* partial line */
        }
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${log}`))
    })
  })
}
