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
              latestPolicyVersion: { type: 'integer', description: 'the newest published version; later than policyVersion while its effective date has not come' },
              policyDraft: { type: 'boolean', description: 'the policy file on disk has changes no published version holds (checked on every call; true also when the file is not valid policy)' },
            },
          },
        },
      },
    },
    async () => {
      const [current, file] = await Promise.all([runtime.currentVersion(), runtime.policyFile()])
      return {
        status: 'ok',
        version: PLEDGE_VERSION,
        database: runtime.database.mode,
        policyVersion: current.version,
        latestPolicyVersion: file.latest ?? current.version,
        policyDraft: file.isDraft,
      }
    },
  )
}
