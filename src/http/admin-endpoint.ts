// A loopback-only endpoint through which the CLI runs database commands while a server holds the
// embedded database's lock. Its address and a random token are written to PLEDGE_DATA_DIR/server.json
// (mode 0600): whoever can read that file could also read the database files.
import Fastify, { type FastifyInstance } from 'fastify'
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto'
import { writeFileSync, renameSync, unlinkSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runOperation, OperationError, type OperationContext } from '../operations.ts'
import { PolicyError } from '../policy/load.ts'
import { PublishError } from '../policy/versions.ts'
import { lockHolder } from '../db/data-dir-lock.ts'

export interface ServerInfo {
  readonly url: string
  readonly token: string
  readonly pid: number
}

export function serverInfoPath(dataDir: string): string {
  return join(dataDir, 'server.json')
}

export function readServerInfo(dataDir: string): ServerInfo | undefined {
  try {
    return JSON.parse(readFileSync(serverInfoPath(dataDir), 'utf8')) as ServerInfo
  } catch {
    return undefined
  }
}

/**
 * The running server that holds this embedded data directory, if one does. Throws when a living
 * process holds the lock but offers no admin endpoint (then nothing may open the directory).
 */
export function serverHoldingDataDir(dataDir: string): ServerInfo | undefined {
  const holder = lockHolder(dataDir)
  if (holder === undefined) return undefined
  const info = readServerInfo(dataDir)
  if (!info || info.pid !== holder) {
    throw new DataDirHeldError(`the data directory ${dataDir} is locked by process ${holder}, which offers no admin endpoint; stop it and retry`)
  }
  return info
}

export class DataDirHeldError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DataDirHeldError'
  }
}

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
