// Builds banner.ts into the minified script served as GET /banner.js, once per process (on first
// use), with esbuild. The version is a hash of the built code; the script reports it with every
// proof it records, so a proof names the exact banner that was shown (REQ-CK-07).
import { build } from 'esbuild'
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

export interface BannerScript {
  readonly code: string
  readonly gzipBytes: number
  readonly version: string
}

const PLACEHOLDER = '@@PLEDGE_BANNER_VERSION@@'
let cached: Promise<BannerScript> | undefined

export function bannerScript(): Promise<BannerScript> {
  cached ??= compile().catch((err: unknown) => {
    cached = undefined
    throw err
  })
  return cached
}

async function compile(): Promise<BannerScript> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./banner.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2019',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { PLEDGE_BANNER_VERSION: JSON.stringify(PLACEHOLDER) },
  })
  const raw = result.outputFiles[0]!.text
  const version = createHash('sha256').update(raw).digest('hex').slice(0, 16)
  const code = raw.replace(PLACEHOLDER, version)
  return { code, gzipBytes: gzipSync(code, { level: 9 }).length, version }
}
