// The API reference at /docs: a small page of our own that loads Swagger UI from the
// swagger-ui-dist package, served by one route from a fixed list of files — nothing from elsewhere,
// so it works offline, under the app's Content-Security-Policy (no inline script). It replaces
// @fastify/swagger-ui, whose @fastify/static brought content-disposition@3 (engines node >= 22).
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { AppError } from './errors.ts'

const DIST = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

/** The files the page may load, and their media types. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
}

// Relative addresses, so the page also works when a proxy serves Pledge under a path prefix.
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '../openapi.json', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout', validatorUrl: null })
})
`

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pledge API</title>
<link rel="stylesheet" href="assets/swagger-ui.css">
<link rel="icon" type="image/png" href="assets/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="assets/favicon-16x16.png" sizes="16x16">
</head>
<body>
<main id="swagger-ui"><noscript><p>The API reference needs JavaScript; the description itself is at <a href="../openapi.json">/openapi.json</a>.</p></noscript></main>
<script src="assets/swagger-ui-bundle.js"></script>
<script src="assets/init.js"></script>
</body>
</html>
`

export async function docsRoutes(app: FastifyInstance): Promise<void> {
  const version = (JSON.parse(await readFile(join(DIST, 'package.json'), 'utf8')) as { version: string }).version
  const cache = new Map<string, Buffer>()

  app.get('/docs', { schema: { hide: true } }, async (_request, reply) => reply.redirect('docs/', 302))

  app.get('/docs/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(PAGE))

  const assetParams = { type: 'object', properties: { file: { type: 'string', maxLength: 64 } } } as const
  app.get<{ Params: { file: string } }>('/docs/assets/:file', { schema: { hide: true, params: assetParams } }, async (request, reply) => {
    const { file } = request.params
    const type = file === 'init.js' ? 'init' : Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined
    // Only a known file name goes into a header (a decoded name may hold anything, CR LF included).
    if (!type) throw new AppError(404, 'not_found', 'no such file in the API reference')
    reply.header('cache-control', 'public, max-age=86400').header('etag', `"swagger-ui-${version}-${file}"`)
    if (file === 'init.js') return reply.type('application/javascript; charset=utf-8').send(INIT)
    let body = cache.get(file)
    if (!body) cache.set(file, (body = await readFile(join(DIST, file))))
    return reply.type(type).send(body)
  })
}
