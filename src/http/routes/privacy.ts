// The privacy statement, every published version of it, and what changed between two versions.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { renderStatement } from '../../policy/statement.ts'
import { diffStatements } from '../../policy/statement-diff.ts'
import { getVersion, listVersions, type PublishedVersion } from '../../policy/versions.ts'
import { AppError } from '../errors.ts'
import { pickLanguage } from '../language.ts'
import { LANGUAGES } from '../../policy/schema.ts'
import { LIMITS, S } from '../limits.ts'

const LangQuery = {
  type: 'object',
  properties: {
    lang: S.lang(`one of ${LANGUAGES.join(', ')}; default from Accept-Language, then en`),
    format: { type: 'string', enum: ['html', 'md'], default: 'html' },
  },
  additionalProperties: false,
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
    const body = renderStatement(v.policy, lang, format, { version: v.version, effectiveDate: v.effectiveDate })
    return reply
      .header('content-language', lang)
      .header('vary', 'Accept-Language')
      .type(format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8')
      .send(body)
  }

  app.get('/privacy', { schema: { tags: ['statement'], summary: 'The privacy statement in force', querystring: LangQuery } }, async (request: LangRequest, reply) =>
    sendStatement(request, reply, await runtime.currentVersion()),
  )

  app.get('/privacy/versions', { schema: { tags: ['statement'], summary: 'Every published version of the statement' } }, async () => {
    const current = await runtime.currentVersion()
    const versions = await listVersions(runtime.database.db)
    return {
      current: current.version,
      versions: versions.map((v) => ({
        version: v.version,
        contentHash: v.contentHash,
        publishedAt: v.publishedAt,
        effectiveDate: v.effectiveDate,
        materialChanges: v.materialChanges,
        links: { html: `/privacy/versions/${v.version}`, diff: v.version > 1 ? `/privacy/versions/${v.version}/diff?from=${v.version - 1}` : undefined },
      })),
    }
  })

  app.get(
    '/privacy/versions/:version',
    { schema: { tags: ['statement'], summary: 'One published version of the statement', params: { type: 'object', properties: { version: { type: 'string', maxLength: LIMITS.versionDigits } } }, querystring: LangQuery } },
    async (request: LangRequest, reply) => sendStatement(request, reply, await findVersion(runtime, parseVersionParam(request.params.version))),
  )

  app.get<{ Params: { version: string }; Querystring: { from?: string; lang?: string } }>(
    '/privacy/versions/:version/diff',
    {
      schema: {
        tags: ['statement'],
        summary: 'What changed between two versions, as a unified diff of the Markdown statements',
        params: { type: 'object', properties: { version: { type: 'string', maxLength: LIMITS.versionDigits } } },
        querystring: { type: 'object', properties: { from: { type: 'string', maxLength: LIMITS.versionDigits }, lang: S.lang() }, additionalProperties: false },
      },
    },
    async (request, reply) => {
      const to = parseVersionParam(request.params.version)
      const from = request.query.from === undefined ? to - 1 : parseVersionParam(request.query.from)
      if (from < 1) throw new AppError(400, 'invalid_version', 'version 1 has no previous version; give ?from=N')
      const lang = pickLanguage(request.query.lang, request.headers['accept-language'])
      const [a, b] = await Promise.all([findVersion(runtime, from), findVersion(runtime, to)])
      const render = (v: PublishedVersion) => renderStatement(v.policy, lang, 'md', { version: v.version, effectiveDate: v.effectiveDate })
      return reply.type('text/plain; charset=utf-8').header('content-language', lang).send(diffStatements(render(a), render(b), `version ${from}`, `version ${to}`))
    },
  )
}
