// A loopback-only endpoint through which the CLI runs database commands while a server holds the
// embedded database's lock. Its address and a random token are written to PLEDGE_DATA_DIR/server.json
// (mode 0600): whoever can read that file could also read the database files.
import Fastify, { type FastifyInstance } from 'fastify'
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto'
import { writeFileSync, renameSync, unlinkSync } from 'node:fs'
import { runOperation } from '../operations.ts'
import { OperationError, type OperationContext } from '../operation.ts'
import { PolicyError } from '../policy/load.ts'
import { PublishError } from '../policy/versions.ts'
import { serverInfoPath, type ServerInfo } from '../db/data-dir-server.ts'

export { DataDirHeldError, readServerInfo, serverHoldingDataDir, serverInfoPath, type ServerInfo } from '../db/data-dir-server.ts'

const digest = (s: string) => createHash('sha256').update(s).digest()

export async function startAdminEndpoint(dataDir: string, ctx: OperationContext): Promise<{ close(): Promise<void> }> {
  const token = randomBytes(32).toString('base64url')
  const expected = digest(token)
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 })
  app.post<{ Params: { name: string }; Body: Record<string, string | undefined> }>('/admin/operations/:name', async (request, reply) => {
    const given = request.headers['x-admin-token']
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      return reply.status(401).send({ error: { code: 'unauthorized', message: 'wrong admin token' } })
    }
    try {
      return await runOperation(ctx, request.params.name, request.body ?? {})
    } catch (err) {
      if (err instanceof PolicyError) return reply.status(422).send({ error: { code: 'invalid_policy', message: err.message } })
      if (err instanceof PublishError) return reply.status(409).send({ error: { code: err.code, message: err.message } })
      if (err instanceof OperationError) return reply.status(400).send({ error: { code: 'operation_failed', message: err.message } })
      throw err
    }
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const info: ServerInfo = { url, token, pid: process.pid }
  const path = serverInfoPath(dataDir)
  writeFileSync(`${path}.tmp`, JSON.stringify(info), { mode: 0o600 })
  renameSync(`${path}.tmp`, path)
  return {
    async close() {
      try {
        unlinkSync(path)
      } catch {
        /* already gone */
      }
      await app.close()
    },
  }
}
