// Which running server holds an embedded data directory, and how to reach it: the address and token
// of its loopback admin endpoint, in PLEDGE_DATA_DIR/server.json (mode 0600; written by
// src/http/admin-endpoint.ts). The CLI and the importer read it to run their work through that server.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { lockHolder } from './data-dir-lock.ts'

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
