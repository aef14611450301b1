// The privacy statement, every published version of it, and what changed between two versions.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { renderStatement, statementBlocks } from '../../policy/statement.ts'
import { displayName } from '../../policy/policy.ts'
import { diffStatements } from '../../policy/statement-diff.ts'
import { compareStatements } from '../../policy/version-compare.ts'
import { getVersion, listVersions, type PublishedVersion } from '../../policy/versions.ts'
import { AppError } from '../errors.ts'
import { pickLanguage } from '../language.ts'
import { LANGUAGES } from '../../policy/schema.ts'
import { LIMITS, S } from '../limits.ts'
import { preferredType } from '../negotiate.ts'
import { diffPage, versionsPage } from '../versions-pages.ts'

const LangQuery = {
  type: 'object',
  properties: {
    lang: S.lang(`one of ${LANGUAGES.join(', ')}; default from Accept-Language, then en`),
    format: { type: 'string', enum: ['html', 'md'], default: 'html' },
  },
  additionalProperties: false,
} as const

const errors = { 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } }

const PurposeChangeSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['purposeId', 'material', 'changed'],
  properties: {
    purposeId: { type: 'string' },
    material: { type: 'boolean' },
    changed: { type: 'array', items: { type: 'string', enum: ['basis', 'categories', 'recipients', 'retention'] } },
    added: { type: 'boolean' },
    removed: { type: 'boolean' },
  },
} as const

const VersionList = {
  type: 'object',
  required: ['current', 'versions'],
  properties: {
    current: { type: 'integer', description: 'the version in force' },
    versions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'contentHash', 'publishedAt', 'effectiveDate', 'materialChanges', 'links'],
        properties: {
          version: { type: 'integer' },
          contentHash: { type: 'string' },
          publishedAt: { type: 'string', format: 'date-time' },
          effectiveDate: { type: 'string', format: 'date' },
          materialChanges: { type: 'array', items: PurposeChangeSchema },
          links: { type: 'object', required: ['html'], properties: { html: { type: 'string' }, diff: { type: 'string', description: 'absent for version 1' } } },
        },
      },
    },
  },
} as const

type LangRequest = FastifyRequest<{ Querystring: { lang?: string; format?: 'html' | 'md' }; Params: { version?: string } }>

function parseVersionParam(raw: string | undefined): number {
  const n = Number(raw)
  if (!raw || !/^\d{1,9}$/.test(raw) || n < 1) throw new AppError(400, 'invalid_version', 'the version must be a positive whole number')
  return n
}

async function findVersion(runtime: Runtime, n: number): Promise<PublishedVersion> {
  const version = await getVersion(runtime.database.db, n)
  if (!version) throw new AppError(404, 'version_not_found', `statement version ${n} does not exist`)
  return version
}

export async function privacyRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  const sendStatement = (request: LangRequest, reply: import('fastify').FastifyReply, v: PublishedVersion) => {
    const lang = pickLanguage(request.query.lang, request.headers['accept-language'])
    const format = request.query.format ?? 'html'
    const body = renderStatement(v.policy, lang, format, { version: v.version, effectiveDate: v.effectiveDate, versionsUrl: `/privacy/versions?lang=${lang}` })
    return reply
      .header('content-language', lang)
      .header('vary', 'Accept-Language')
      .type(format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8')
      .send(body)
  }

  app.get('/privacy', { schema: { tags: ['statement'], summary: 'The privacy statement in force', querystring: LangQuery } }, async (request: LangRequest, reply) =>
    sendStatement(request, reply, await runtime.currentVersion()),
  )

  app.get<{ Querystring: { lang?: string; format?: 'html' | 'json' } }>(
    '/privacy/versions',
    {
      schema: {
        tags: ['statement'],
        summary: 'Every published version of the statement',
        description:
          'An HTML page in the reader\'s language by default; JSON with `?format=json` or when `Accept` ranks `application/json` best. The page links to each version and to what changed since the one before.',
        querystring: {
          type: 'object',
          properties: {
            lang: S.lang(`one of ${LANGUAGES.join(', ')}; default from Accept-Language, then en`),
            format: { type: 'string', enum: ['html', 'json'], description: 'default: from Accept, then html' },
          },
          additionalProperties: false,
        },
        response: { 200: { description: 'the published versions', content: { 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: VersionList } } }, 400: errors[400] },
      },
    },
    async (request, reply) => {
      const lang = pickLanguage(request.query.lang, request.headers['accept-language'])
      const format = request.query.format ?? (preferredType(request.headers.accept, ['text/html', 'application/json']) === 'application/json' ? 'json' : 'html')
      reply.header('vary', 'Accept, Accept-Language')
      const current = await runtime.currentVersion()
      const versions = await listVersions(runtime.database.db)
      if (format === 'json') {
        return reply.type('application/json; charset=utf-8').send({
          current: current.version,
          versions: versions.map((v) => ({
            version: v.version,
            contentHash: v.contentHash,
            publishedAt: v.publishedAt,
            effectiveDate: v.effectiveDate,
            materialChanges: v.materialChanges,
            links: { html: `/privacy/versions/${v.version}`, diff: v.version > 1 ? `/privacy/versions/${v.version}/diff?from=${v.version - 1}` : undefined },
          })),
        })
      }
      const full = await Promise.all(versions.map((v) => findVersion(runtime, v.version)))
      const policy = runtime.policy()
      const html = versionsPage({ lang, controller: displayName(policy.controller, lang), timeZone: policy.controller.timeZone, current: current.version, versions: full })
      return reply.type('text/html; charset=utf-8').header('content-language', lang).send(html)
    },
  )

  app.get(
    '/privacy/versions/:version',
    { schema: { tags: ['statement'], summary: 'One published version of the statement', params: { type: 'object', properties: { version: { type: 'string', maxLength: LIMITS.versionDigits } } }, querystring: LangQuery } },
    async (request: LangRequest, reply) => sendStatement(request, reply, await findVersion(runtime, parseVersionParam(request.params.version))),
  )

  app.get<{ Params: { version: string }; Querystring: { from?: string; lang?: string; format?: 'html' | 'text' } }>(
    '/privacy/versions/:version/diff',
    {
      schema: {
        tags: ['statement'],
        summary: 'What changed between two versions of the statement',
        description:
          'An HTML page by default: both statements in the reader\'s language with the changes marked (`<ins>`, `<del>`). `?format=text` (or `Accept: text/plain`) gives a unified diff of the Markdown statements. `from` defaults to the version before; version 1 needs it.',
        params: { type: 'object', properties: { version: { type: 'string', maxLength: LIMITS.versionDigits } } },
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', maxLength: LIMITS.versionDigits },
            lang: S.lang(),
            format: { type: 'string', enum: ['html', 'text'], description: 'default: from Accept, then html' },
          },
          additionalProperties: false,
        },
        response: { 200: { description: 'the comparison', content: { 'text/html': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } } }, ...errors },
      },
    },
    async (request, reply) => {
      const to = parseVersionParam(request.params.version)
      const from = request.query.from === undefined ? to - 1 : parseVersionParam(request.query.from)
      if (from < 1) throw new AppError(400, 'invalid_version', 'version 1 has no previous version; give ?from=N')
      const lang = pickLanguage(request.query.lang, request.headers['accept-language'])
      const format = request.query.format ?? (preferredType(request.headers.accept, ['text/html', 'text/plain']) === 'text/plain' ? 'text' : 'html')
      const [a, b] = await Promise.all([findVersion(runtime, from), findVersion(runtime, to)])
      reply.header('vary', 'Accept, Accept-Language').header('content-language', lang)
      if (format === 'text') {
        const render = (v: PublishedVersion) => renderStatement(v.policy, lang, 'md', { version: v.version, effectiveDate: v.effectiveDate })
        return reply.type('text/plain; charset=utf-8').send(diffStatements(render(a), render(b), `version ${from}`, `version ${to}`))
      }
      const blocks = (v: PublishedVersion) => statementBlocks(v.policy, lang, { version: v.version, effectiveDate: v.effectiveDate })
      const policy = runtime.policy()
      const html = diffPage({ lang, controller: displayName(policy.controller, lang), older: a, newer: b, comparison: compareStatements(blocks(a), blocks(b)) })
      return reply.type('text/html; charset=utf-8').send(html)
    },
  )
}
