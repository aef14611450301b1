// The checks every request passes at the edge, for every route, before its schema and its handler:
//
// - Text is stored exactly as given or refused: a NUL (U+0000) or a lone UTF-16 surrogate anywhere in
//   the headers, the path parameters, the query or the JSON body (values and property names) is a 422
//   invalid_text naming the field, never echoing the value. PostgreSQL cannot store NUL, and a lone
//   surrogate would reach the database as U+FFFD, so the value, its hash and its audit entry would
//   disagree. A JSON body that is not valid UTF-8 is a 400 invalid_utf8 (rather than U+FFFD).
// - A JSON body nests at most LIMITS.jsonDepth levels (400 json_too_deep).
// - UUIDs are case-insensitive: an upper-case UUID in a path parameter or a query value, or in a body
//   field whose schema is a UUID, is lowered before anything uses it.
//
// Installed on the root instance before any route, so every route and every page has it.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from './errors.ts'
import { LIMITS, UUID_PATTERN } from './limits.ts'
import { describeTextProblem, textProblem, type TextProblem } from '../util/text.ts'

const UUID = new RegExp(UUID_PATTERN)

interface Found {
  readonly field: string
  readonly problem: TextProblem | 'too_deep'
}

/**
 * The first NUL, lone surrogate or too-deep nesting in a value (iterative: a deep body cannot
 * overflow the stack). Paths are built only for what is found.
 */
function inspect(root: unknown, where: string, maxDepth: number): Found | undefined {
  const values: unknown[] = [root]
  const parents: number[] = [-1]
  const keys: string[] = ['']
  const depths: number[] = [0]
  const pathOf = (i: number): string => {
    const parts: string[] = []
    for (let j = i; j > 0; j = parents[j]!) parts.push(keys[j]!)
    return [where, ...parts.reverse()].join('.')
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (typeof v === 'string') {
      const problem = textProblem(v)
      if (problem) return { field: pathOf(i), problem }
      continue
    }
    if (v === null || typeof v !== 'object') continue
    const depth = depths[i]! + 1
    if (depth > maxDepth) return { field: pathOf(i), problem: 'too_deep' }
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) {
        values.push(v[k])
        parents.push(i)
        keys.push(String(k))
        depths.push(depth)
      }
      continue
    }
    for (const key of Object.keys(v)) {
      const problem = textProblem(key)
      if (problem) return { field: `a property name in ${pathOf(i)}`, problem }
      values.push((v as Record<string, unknown>)[key])
      parents.push(i)
      keys.push(key)
      depths.push(depth)
    }
  }
  return undefined
}

function refuse(found: Found): AppError {
  if (found.problem === 'too_deep') return new AppError(400, 'json_too_deep', `${found.field} nests deeper than ${LIMITS.jsonDepth} levels`, { field: found.field })
  return new AppError(422, 'invalid_text', describeTextProblem(found.field, found.problem), { field: found.field, problem: found.problem })
}

function check(value: unknown, where: string, maxDepth = Infinity): void {
  if (value === undefined || value === null) return
  const found = inspect(value, where, maxDepth)
  if (found) throw refuse(found)
}

/** Lowers every UUID-shaped string value of a flat object (path parameters, the query). */
function lowerUuids(values: unknown): void {
  if (values === null || typeof values !== 'object') return
  const record = values as Record<string, unknown>
  for (const [key, v] of Object.entries(record)) {
    if (typeof v === 'string' && UUID.test(v)) record[key] = v.toLowerCase()
    else if (Array.isArray(v)) record[key] = v.map((x) => (typeof x === 'string' && UUID.test(x) ? x.toLowerCase() : x))
  }
}

interface BodySchema {
  readonly properties?: Record<string, { readonly pattern?: string; readonly format?: string }>
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The top-level body properties whose schema is a UUID (set by the edge's onRoute hook). */
    uuidBodyFields?: readonly string[]
  }
}

export function installEdgeChecks(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const body = (route.schema as { body?: BodySchema } | undefined)?.body
    const fields = Object.entries(body?.properties ?? {})
      .filter(([, s]) => s.pattern === UUID_PATTERN || s.format === 'uuid')
      .map(([name]) => name)
    if (fields.length) route.config = { ...(route.config ?? {}), uuidBodyFields: fields }
  })

  app.addHook('onRequest', async (request) => {
    check(request.headers, 'headers')
    check(request.params, 'params')
    check(request.query, 'querystring')
    lowerUuids(request.params)
    lowerUuids(request.query)
  })

  app.addHook('preValidation', async (request: FastifyRequest) => {
    const body = request.body
    if (body === null || typeof body !== 'object') {
      if (typeof body === 'string') check(body, 'body')
      return
    }
    check(body, 'body', LIMITS.jsonDepth)
    const fields = request.routeOptions.config.uuidBodyFields
    if (fields && !Array.isArray(body)) {
      const record = body as Record<string, unknown>
      for (const name of fields) {
        const v = record[name]
        if (typeof v === 'string' && UUID.test(v)) record[name] = v.toLowerCase()
      }
    }
  })

  // JSON must be valid UTF-8: a broken sequence would silently become U+FFFD. Parsed by Fastify's own
  // parser otherwise, with its prototype-poisoning protection.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string
    try {
      text = utf8.decode(body as Buffer)
    } catch {
      done(new AppError(400, 'invalid_utf8', 'the request body is not valid UTF-8'), undefined)
      return
    }
    parseJson(request, text, done)
  })
}
