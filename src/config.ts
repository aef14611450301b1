// Configuration from the environment, overridable by CLI flags. One place, so the README's table
// of variables and the code cannot drift apart.
import { isIP } from 'node:net'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface Config {
  readonly dataDir: string
  readonly databaseUrl: string | undefined
  readonly policyPath: string
  readonly port: number
  readonly host: string
  readonly baseUrl: string
  readonly logLevel: string
  /** PLEDGE_MASTER_KEY: the key itself, `file:<path>` or a key file path; unset = embedded key file. */
  readonly masterKey: string | undefined
  /** Where the latest signed audit head is written, outside the database. */
  readonly auditHead: string
  /** PLEDGE_AUDIT_WITNESS: the append-only file of every signed checkpoint, on other storage; unset: none. */
  readonly auditWitness: string | undefined
  /** PLEDGE_SMTP_URL: smtp:// or smtps:// server for outgoing mail; unset = .eml files in the outbox. */
  readonly smtpUrl: string | undefined
  /** PLEDGE_TOMBSTONES: file of erased subject ids, outside the database (re-applied at every start). */
  readonly tombstones: string
  /** PLEDGE_ALLOW_PRIVATE_TARGETS: webhooks and pushes may go to http: and private addresses (development only). */
  readonly allowPrivateTargets: boolean
  /**
   * PLEDGE_TRUSTED_PROXIES: the addresses (IPs or CIDR ranges) of the reverse proxies in front of
   * Pledge. Only a direct peer in this list may name the client's address in X-Forwarded-For.
   */
  readonly trustedProxies: readonly string[]
  /** Origins whose pages may post the public forms (newsletter, contact) from a browser; default: Pledge's own. */
  readonly allowedOrigins: readonly string[]
  /** PLEDGE_RETENTION_SCHEDULE: when the retention sweep runs (cron, 5 fields, controller's time zone); default daily at 03:00. */
  readonly retentionSchedule: string
  /** PLEDGE_RETENTION_TAKEOVER_SECONDS: a sweep silent this long was stopped and is taken over (default 600). */
  readonly retentionTakeoverSeconds: number
}

export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('../', import.meta.url)))
export const DEFAULT_POLICY = resolve(PACKAGE_ROOT, 'examples/ixpole/policy.yaml')

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/**
 * The server could not listen on the configured address: which port or host, and the setting that
 * changes it. A ConfigError, so the command prints it and exits 1 without a stack.
 */
export class ListenError extends ConfigError {
  constructor(message: string) {
    super(message)
    this.name = 'ListenError'
  }

  /** The ListenError for a listen() failure, or undefined when it is not about the address. */
  static from(err: unknown, host: string, port: number): ListenError | undefined {
    const code = (err as { code?: unknown } | null)?.code
    const where = `${host.includes(':') ? `[${host}]` : host}:${port}`
    if (code === 'EADDRINUSE') return new ListenError(`port ${port} is already in use on ${host} (is Pledge, or another program, already listening on ${where}?): set PLEDGE_PORT or pass --port to use another port`)
    if (code === 'EACCES') return new ListenError(`not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges): set PLEDGE_PORT or pass --port to use a port above 1023`)
    if (code === 'EADDRNOTAVAIL') return new ListenError(`cannot listen on ${host}: it is not an address of this machine; set PLEDGE_HOST or pass --host (127.0.0.1 for this machine only, 0.0.0.0 for every interface)`)
    return undefined
  }
}

export interface ConfigOverrides {
  dataDir?: string
  databaseUrl?: string
  policy?: string
  port?: string | number
  host?: string
  baseUrl?: string
  masterKey?: string
  auditHead?: string
  auditWitness?: string
  smtpUrl?: string
  tombstones?: string
  trustedProxies?: string
  allowedOrigins?: string
  retentionSchedule?: string
}

function parseSeconds(value: string, source: string): number {
  const n = Number(value)
  if (!/^\d{1,7}$/.test(value) || !Number.isInteger(n)) throw new ConfigError(`${source} must be a whole number of seconds, got "${value.slice(0, 32)}"`)
  return n
}

function parsePort(value: string | number, source: string): number {
  const port = typeof value === 'number' ? value : Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${source} must be a port number between 0 and 65535, got "${value}"`)
  return port
}

/** A five-field cron expression of digits, `*`, `/`, `,` and `-` (what pg-boss schedules). */
export function parseCron(value: string, source: string): string {
  const fields = value.trim().split(/\s+/)
  if (fields.length !== 5 || !fields.every((f) => /^[\d*/,-]{1,40}$/.test(f))) throw new ConfigError(`${source} must be a cron expression of five fields such as "0 3 * * *" (daily at 03:00), got "${value.slice(0, 64)}"`)
  return fields.join(' ')
}

/** Comma-separated IPs and CIDR ranges (`10.0.0.1, 10.1.0.0/16, ::1`); every entry is checked. */
export function parseTrustedProxies(value: string): string[] {
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean)
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/')
    const family = isIP(address)
    const bits = family === 4 ? 32 : 128
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits)
    if (!family || !prefixOk || rest.length) {
      throw new ConfigError(`PLEDGE_TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas, such as 10.0.0.1,10.1.0.0/16; "${entry.slice(0, 64)}" is neither`)
    }
  }
  return entries
}

/** Comma-separated origins (`https://www.example.com, https://shop.example.com`), each checked. */
export function parseAllowedOrigins(value: string): string[] {
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean)
  return entries.map((entry) => {
    let url: URL | undefined
    try {
      url = new URL(entry)
    } catch {
      url = undefined
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== entry.replace(/\/$/, '')) {
      throw new ConfigError(`PLEDGE_ALLOWED_ORIGINS must list origins such as https://www.example.com (scheme, host and port only), separated by commas; "${entry.slice(0, 64)}" is not one`)
    }
    return url.origin
  })
}

export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = overrides.databaseUrl ?? (env.PLEDGE_DATABASE_URL || undefined)
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('PLEDGE_DATABASE_URL must be a postgres:// URL (leave it unset for the embedded database)')
  }
  const port = parsePort(overrides.port ?? env.PLEDGE_PORT ?? 8080, 'PLEDGE_PORT')
  const host = overrides.host ?? env.PLEDGE_HOST ?? '127.0.0.1'
  const baseUrl = (overrides.baseUrl ?? env.PLEDGE_BASE_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '')
  try {
    new URL(baseUrl)
  } catch {
    throw new ConfigError(`PLEDGE_BASE_URL must be an absolute URL such as https://privacy.example.com, got "${baseUrl}"`)
  }
  const dataDir = resolve(overrides.dataDir ?? env.PLEDGE_DATA_DIR ?? '.pledge')
  return {
    dataDir,
    databaseUrl,
    policyPath: resolve(overrides.policy ?? env.PLEDGE_POLICY ?? DEFAULT_POLICY),
    port,
    host,
    baseUrl,
    logLevel: env.PLEDGE_LOG_LEVEL ?? 'info',
    masterKey: overrides.masterKey ?? (env.PLEDGE_MASTER_KEY || undefined),
    smtpUrl: overrides.smtpUrl ?? (env.PLEDGE_SMTP_URL || undefined),
    allowPrivateTargets: /^(1|true|yes|on)$/i.test(env.PLEDGE_ALLOW_PRIVATE_TARGETS ?? ''),
    trustedProxies: parseTrustedProxies(overrides.trustedProxies ?? env.PLEDGE_TRUSTED_PROXIES ?? ''),
    allowedOrigins: [...new Set([new URL(baseUrl).origin, ...parseAllowedOrigins(overrides.allowedOrigins ?? env.PLEDGE_ALLOWED_ORIGINS ?? '')])],
    retentionSchedule: parseCron(overrides.retentionSchedule ?? env.PLEDGE_RETENTION_SCHEDULE ?? '0 3 * * *', 'PLEDGE_RETENTION_SCHEDULE'),
    retentionTakeoverSeconds: parseSeconds(env.PLEDGE_RETENTION_TAKEOVER_SECONDS ?? '600', 'PLEDGE_RETENTION_TAKEOVER_SECONDS'),
    auditHead: resolve(overrides.auditHead ?? env.PLEDGE_AUDIT_HEAD ?? join(dataDir, 'audit-head.json')),
    auditWitness: overrides.auditWitness ?? env.PLEDGE_AUDIT_WITNESS ? resolve((overrides.auditWitness ?? env.PLEDGE_AUDIT_WITNESS)!) : undefined,
    tombstones: resolve(overrides.tombstones ?? env.PLEDGE_TOMBSTONES ?? join(dataDir, 'tombstones')),
  }
}
