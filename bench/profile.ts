// `BENCH_ONLY=profile npm run bench`: where the time goes on PostgreSQL. Each route is loaded by
// autocannon (its own process) while the in-process CPU profiler samples the server; the top frames
// by self time are printed per route, with the requests per second of that run (the profiler costs
// some of it). PLEDGE_BENCH_PROFILE_DIR keeps the .cpuprofile files for a flame view.
import { Session } from 'node:inspector/promises'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openPostgres } from '../src/db/database.ts'
import { section } from './harness.ts'
import { benchPostgresDatabase } from './postgres.ts'
import { load, serve } from './gate.ts'

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[] }

const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 15)

function shortUrl(url: string): string {
  const at = url.indexOf('/node_modules/')
  if (at >= 0) return url.slice(at + '/node_modules/'.length)
  const src = url.search(/\/(src|bench)\//)
  return src >= 0 ? url.slice(src + 1) : url.replace(/^file:\/\//, '')
}

/** Self time per function (summed over call sites) and per file, as a share of all samples. */
function top(profile: Profile): { frames: [string, number][]; files: [string, number][] } {
  const total = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1
  const byFrame = new Map<string, number>()
  const byFile = new Map<string, number>()
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0
    if (!hits) continue
    const { functionName, url, lineNumber } = node.callFrame
    const file = url ? shortUrl(url) : `(${functionName || 'native'})`
    const name = `${functionName || '(anonymous)'} ${url ? `${file}:${lineNumber + 1}` : ''}`.trim()
    byFrame.set(name, (byFrame.get(name) ?? 0) + hits / total)
    const pkg = file.startsWith('src/') || file.startsWith('bench/') || file.startsWith('(') ? file : file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/')
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + hits / total)
  }
  const sort = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP)
  return { frames: sort(byFrame), files: sort(byFile) }
}

export async function benchProfile(): Promise<void> {
  section('profile on PostgreSQL (self time, in-process CPU profiler, autocannon 32 connections)')
  const pg = await benchPostgresDatabase()
  if (!pg) return
  const keep = process.env.PLEDGE_BENCH_PROFILE_DIR
  const dir = mkdtempSync(join(tmpdir(), 'pledge-bench-profile-'))
  const database = await openPostgres(pg.url, { max: 16 })
  const session = new Session()
  session.connect()
  try {
    const { runtime, app, url, token } = await serve(database, join(dir, 'data'))
    const auth = { authorization: `Bearer ${token}` }
    const created = await app.inject({
      method: 'POST',
      url: '/v1/subjects?purpose=customer_registration',
      headers: auth,
      payload: { type: 'customer', data: { 'contact.name': 'Bench Person', 'contact.email': 'bench@example.test', 'contact.phone': '+32470000000', 'contact.address': 'Bench street 1, 3500 Hasselt' } },
    })
    const id = (created.json() as { id: string }).id
    const routes: [string, string, Record<string, string>][] = [
      ['bare route', `${url}/bench/bare`, {}],
      ['ungated read', `${url}/bench/ungated/${id}`, {}],
      ['gated read', `${url}/v1/subjects/${id}?purpose=customer_service`, auth],
      ['consent check', `${url}/v1/consents/check?subject=${id}&purpose=customer_service`, auth],
    ]
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 200 })
    for (const [name, target, headers] of routes) {
      await load(target, { headers }) // warm up
      await session.post('Profiler.start')
      const result = await load(target, { headers })
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile }
      if (keep) writeFileSync(join(keep, `${name.replace(/ /g, '-')}.cpuprofile`), JSON.stringify(profile))
      const { frames, files } = top(profile)
      console.log(`\n### ${name}: ${Math.round(result.requests.average).toLocaleString('en-US')} req/s under the profiler, p99 ${result.latency.p99} ms`)
      console.log('self time by function:')
      for (const [frame, share] of frames) console.log(`  ${(share * 100).toFixed(1).padStart(5)} %  ${frame}`)
      console.log('self time by package or source file:')
      for (const [file, share] of files) console.log(`  ${(share * 100).toFixed(1).padStart(5)} %  ${file}`)
    }
    await app.close()
    await runtime.close()
  } finally {
    session.disconnect()
    await database.close()
    await pg.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}
