// Bundles src/cli/main.ts into one ESM file (packages stay external, resolved from node_modules as
// usual). Every module keeps its own import.meta.url (the URL of its source file), so what Pledge
// finds next to its sources (the banner's source, the audit verify worker, the default policy) is
// found exactly as when it runs through tsx.
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { REPO_ROOT } from './paths.ts'

const sourceUrls: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' }
    })
  },
}

export async function bundleCli(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(REPO_ROOT, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [sourceUrls],
  })
}
