// The app's routes as the OpenAPI document and the route table describe them, and a plausible valid
// value for each field, for tests that send every route something (test/fuzz-openapi.test.ts,
// test/hostile-input.test.ts). Nothing here names a route: a new route is covered as it is added.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, RouteOptions } from 'fastify'

export interface Schema {
  readonly type?: string | readonly string[]
  readonly properties?: Readonly<Record<string, Schema>>
  readonly required?: readonly string[]
  readonly additionalProperties?: boolean | Schema
  readonly propertyNames?: Schema
  readonly items?: Schema
  readonly enum?: readonly unknown[]
  readonly format?: string
  readonly pattern?: string
  readonly maxLength?: number
  readonly minLength?: number
  readonly minimum?: number
  readonly $ref?: string
}

export type Where = 'path' | 'query' | 'header' | 'body'

export interface Field {
  readonly in: Where
  readonly name: string
  readonly schema: Schema
  readonly required: boolean
}

export interface Operation {
  readonly method: string
  /** OpenAPI template: /v1/subjects/{id} */
  readonly path: string
  readonly fields: readonly Field[]
  /** Sends a body (its properties are among the fields). */
  readonly hasBody: boolean
  /** Requires an API key (documented security without the public alternative). */
  readonly keyed: boolean
  /** A page route the OpenAPI document hides: its forms post application/x-www-form-urlencoded. */
  readonly hidden: boolean
}

export const types = (s: Schema): readonly string[] => (s.type === undefined ? [] : typeof s.type === 'string' ? [s.type] : s.type)

export function objectFields(where: Where, schema: Schema | undefined): Field[] {
  if (!schema?.properties) return []
  return Object.entries(schema.properties).map(([name, s]) => ({ in: where, name, schema: s, required: schema.required?.includes(name) ?? false }))
}

export interface OpenApiOperation {
  readonly parameters?: readonly { in: string; name: string; required?: boolean; schema?: Schema }[]
  readonly requestBody?: { content?: Record<string, { schema?: Schema }> }
  readonly security?: readonly Record<string, unknown>[]
}

export function fromOpenApi(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  const out: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const fields: Field[] = (op.parameters ?? []).map((p) => ({ in: p.in === 'path' ? 'path' : p.in === 'header' ? 'header' : 'query', name: p.name, schema: p.schema ?? {}, required: p.required ?? p.in === 'path' }))
      const body = op.requestBody?.content?.['application/json']?.schema
      fields.push(...objectFields('body', body))
      const security = op.security ?? []
      const keyed = security.length > 0 && security.every((s) => Object.keys(s).length > 0)
      out.push({ method: method.toUpperCase(), path, fields, hasBody: body !== undefined || ['POST', 'PUT', 'PATCH'].includes(method.toUpperCase()), keyed, hidden: false })
    }
  }
  return out
}

/** The routes the OpenAPI document leaves out, from the app's own route table. */
export function hiddenRoutes(routes: readonly RouteOptions[], documented: ReadonlySet<string>): Operation[] {
  const out: Operation[] = []
  for (const r of routes) {
    const methods = (Array.isArray(r.method) ? r.method : [r.method]).map(String)
    const path = r.url.replace(/:(\w+)/g, '{$1}').replace(/\*/g, 'x')
    for (const method of methods) {
      if (documented.has(`${method} ${path}`)) continue
      if (method === 'HEAD' && documented.has(`GET ${path}`)) continue
      const schema = (r.schema ?? {}) as { params?: Schema; querystring?: Schema; body?: Schema; headers?: Schema }
      const named = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
      const fields: Field[] = named.map((name) => ({ in: 'path', name, schema: schema.params?.properties?.[name] ?? { type: 'string' }, required: true }))
      fields.push(...objectFields('query', schema.querystring), ...objectFields('header', schema.headers), ...objectFields('body', schema.body))
      out.push({ method, path, fields, hasBody: ['POST', 'PUT', 'PATCH'].includes(method), keyed: false, hidden: true })
    }
  }
  return out
}

export interface Fixtures {
  readonly subjectId: string
  readonly requestId: string
  readonly leastKey: string
}

const NOW = new Date()
const CANDIDATES = (f: Fixtures): readonly string[] => [
  'customer_service',
  'contact.email',
  f.subjectId,
  NOW.toISOString().slice(0, 10),
  NOW.toISOString(),
  'fuzz-token-0123456789abcdef',
  '0123456789abcdef'.repeat(4),
  '123456',
  'en',
]

const fits = (s: Schema, c: string): boolean =>
  (s.maxLength === undefined || c.length <= s.maxLength) && (s.minLength === undefined || c.length >= s.minLength) && (!s.pattern || new RegExp(s.pattern, 'u').test(c))

/** A plausible valid value for a field (one its schema accepts), so that one mutated field at a time reaches deeper. */
export function baseline(field: Field, f: Fixtures): unknown {
  const s = field.schema
  if (s.enum?.length) return s.enum[0]
  const t = types(s)
  if (t.includes('boolean') && !t.includes('string')) return true
  if ((t.includes('integer') || t.includes('number')) && !t.includes('string')) return Math.max(1, s.minimum ?? 1)
  if (t.includes('array')) return [baseline({ ...field, schema: s.items ?? { type: 'string' } }, f)]
  if (t.includes('object') && !t.includes('string')) {
    if (s.properties) return Object.fromEntries(objectFields('body', s).filter((x) => x.required).map((x) => [x.name, baseline(x, f)]))
    const key = [...CANDIDATES(f), 'contact.name'].find((c) => !s.propertyNames || fits(s.propertyNames, c)) ?? 'contact.name'
    return { [key]: 'Fuzz Tester' }
  }
  const preferred: string[] = []
  if (s.format === 'uuid' || field.in === 'path' || /(^id$|Id$|^subject$)/.test(field.name)) preferred.push(field.name === 'id' || /subject/i.test(field.name) ? f.subjectId : randomUUID())
  if (s.format === 'date-time') preferred.push(NOW.toISOString())
  if (s.format === 'date') preferred.push(NOW.toISOString().slice(0, 10))
  if (/email/i.test(field.name)) preferred.push(`fuzz.${randomUUID().slice(0, 8)}@example.com`)
  if (/url|pushTo/i.test(field.name)) preferred.push('https://example.com/hook')
  if (/country/i.test(field.name)) preferred.push('BE')
  if (/purpose/i.test(field.name)) preferred.push('customer_service')
  if (/lang/i.test(field.name)) preferred.push('en')
  if (/token|^t$/.test(field.name)) preferred.push('fuzz-token-0123456789abcdef')
  return [...preferred, ...CANDIDATES(f), '1', 'fuzz value'].find((c) => fits(s, c)) ?? 'fuzz value'
}

/** Every route of an app built with `onRoute` collecting into `routes`: the documented operations, then the hidden ones. */
export async function allOperations(app: FastifyInstance, routes: readonly RouteOptions[]): Promise<{ documented: Operation[]; hidden: Operation[] }> {
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as Parameters<typeof fromOpenApi>[0]
  const documented = fromOpenApi(doc)
  const hidden = hiddenRoutes(routes, new Set(documented.map((o) => `${o.method} ${o.path}`)))
  return { documented, hidden }
}
