// The cookie banner's weight: raw and gzipped size of GET /banner.js as served (budget 6 KB gzipped,
// enforced by test/cookie-routes.test.ts), and how long the one-off esbuild build takes.
import { gzipSync } from 'node:zlib'
import { record, section } from './harness.ts'
import { bannerScript } from '../src/banner/build.ts'

export async function benchBanner(): Promise<void> {
  section('cookie banner')
  const started = process.hrtime.bigint()
  const banner = await bannerScript()
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6
  record('banner.js raw size', [Buffer.byteLength(banner.code)], 'B')
  record('banner.js gzipped size (zlib level 9)', [gzipSync(banner.code, { level: 9 }).length], 'B', 'budget 6,144 B')
  record('banner.js build (esbuild, once per process)', [buildMs], 'ms')
}
