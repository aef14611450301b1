import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { PLEDGE_VERSION } from '../../version.ts'

export async function healthRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and what this instance runs',
        response: {
          200: {
            type: 'object',
            required: ['status', 'version', 'database', 'policyVersion'],
            properties: {
              status: { type: 'string', enum: ['ok'] },
              version: { type: 'string' },
              database: { type: 'string', enum: ['embedded', 'postgres'] },
              policyVersion: { type: 'integer', description: 'the statement version in force' },
              policyDraft: { type: 'boolean', description: 'the policy file has unpublished changes' },
            },
          },
        },
      },
    },
    async () => {
      const current = await runtime.currentVersion()
      return {
        status: 'ok',
        version: PLEDGE_VERSION,
        database: runtime.database.mode,
        policyVersion: current.version,
        policyDraft: runtime.filePolicy.contentHash !== current.contentHash,
      }
    },
  )
}
