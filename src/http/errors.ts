// One error shape for every API response: { "error": { "code", "message", "details" } }.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

// The error class lives outside HTTP so domain rooms can raise it without depending on the server.
import { AppError } from '../util/app-error.ts'
export { AppError }

export const ErrorBody = {
  $id: 'Error',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'stable machine-readable code' },
        message: { type: 'string', description: 'what went wrong and what to fix' },
        details: {},
      },
    },
  },
} as const

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } }
}

/**
 * The error a tripped rate limit throws (@fastify/rate-limit's errorResponseBuilder): a 429 in the
 * one error shape. The plugin has set Retry-After to the same number of seconds.
 */
export function rateLimitedError(ttlMs: number, who = 'this address'): AppError {
  const seconds = Math.ceil(ttlMs / 1000)
  return new AppError(429, 'rate_limited', `too many requests from ${who}: try again in ${seconds} s`, { retryAfterSeconds: seconds })
}

/** The value at an Ajv instance path (`/a/0/b`) inside the validated part of the request. */
function valueAt(root: unknown, instancePath: string): unknown {
  let value = root
  for (const part of instancePath.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return value
}

/**
 * A value outside a closed list (Ajv's `enum`) names the field and the allowed values: a language
 * is `unknown_language`, anything else `invalid_field`. Only a language is echoed (short, never
 * personal data); other values are not.
 */
function enumError(fe: FastifyError, request: FastifyRequest) {
  const first = fe.validation?.[0]
  if (!first || first.keyword !== 'enum' || !Array.isArray(first.params?.allowedValues)) return undefined
  const allowed = (first.params.allowedValues as unknown[]).map(String)
  const field = first.instancePath.split('/').slice(1).join('.') || (fe.validationContext ?? 'request')
  if (field === 'lang' || field.endsWith('.lang') || field === 'language' || field.endsWith('.language')) {
    const part = { body: request.body, querystring: request.query, params: request.params, headers: request.headers }[fe.validationContext ?? 'body']
    const given = valueAt(part, first.instancePath)
    return errorBody('unknown_language', `unknown language ${typeof given === 'string' ? `"${given.slice(0, 16)}"` : 'given'}: use one of ${allowed.join(', ')}`, { field, allowed })
  }
  return errorBody('invalid_field', `${field} must be one of ${allowed.join(', ')}`, { field, allowed })
}

/**
 * What the router refuses before any route (Fastify's frameworkErrors): a URL that is not valid
 * percent-encoded UTF-8, or a path segment over the router's limit. Fastify's own answers quote the
 * URL; these say what is wrong without echoing it, in the one error shape.
 */
export function frameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') void reply.status(414).send(errorBody('uri_too_long', 'a path segment is too long'))
  else if (err.code === 'FST_ERR_BAD_URL') void reply.status(400).send(errorBody('bad_url', 'the URL is not valid: percent-encode UTF-8 text'))
  else void reply.status(err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400).send(errorBody('bad_request', 'the request could not be routed'))
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`))
  })
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details))
    }
    const fe = err as FastifyError
    const choice = fe.validation ? enumError(fe, request) : undefined
    if (choice) return reply.status(400).send(choice)
    if (fe.validation) {
      const details = fe.validation.map((v) => ({
        field: `${fe.validationContext ?? ''}${v.instancePath ? v.instancePath.replace(/\//g, '.') : ''}`,
        message: v.message,
      }))
      return reply.status(400).send(errorBody('invalid_request', `invalid ${fe.validationContext ?? 'request'}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details))
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fe.statusCode === 400 && err instanceof SyntaxError)) {
      return reply.status(400).send(errorBody('malformed_json', 'the request body is not valid JSON'))
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(errorBody('unsupported_media_type', 'send the body as application/json'))
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(errorBody('body_too_large', 'the request body is too large'))
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(errorBody(fe.code ? fe.code.toLowerCase() : 'bad_request', fe.message))
    }
    // Unexpected: log the error class and request id, never the request body.
    request.log.error({ err: { type: err.name, message: err.message, stack: err.stack } }, 'unhandled error')
    return reply.status(500).send(errorBody('internal_error', `an unexpected error occurred; quote request id ${request.id} when reporting it`))
  })
}
