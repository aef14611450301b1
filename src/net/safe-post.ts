// Outbound POSTs to addresses that customers and data subjects give us (webhook endpoints,
// portability targets), safe against server-side request forgery:
//  - only https: (plain http: only with allowPrivateTargets, for local development and tests);
//  - the host is resolved here, and the request refused when ANY resolved address is private,
//    loopback, link-local, unique-local, CGNAT, multicast, reserved or unspecified (IPv4-mapped
//    and NAT64 forms included), so a name cannot smuggle an internal address in;
//  - the connection goes to the address that was checked (a `lookup` that returns it), so a
//    second DNS answer cannot differ from the first (no DNS rebinding); SNI and Host keep the name;
//  - redirects are never followed (a 3xx is a failure), the response body read is capped, and one
//    timeout covers resolution, connection and response.
import { lookup as dnsLookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'

export type SafePostErrorCode = 'invalid_url' | 'target_not_allowed' | 'redirect_refused' | 'timeout' | 'http_status' | 'network'

export class SafePostError extends Error {
  readonly code: SafePostErrorCode
  /** The HTTP status, for `http_status` and `redirect_refused`. */
  readonly status: number | undefined
  constructor(code: SafePostErrorCode, message: string, status?: number) {
    super(message)
    this.name = 'SafePostError'
    this.code = code
    this.status = status
  }
}

export interface SafePostOptions {
  /** Covers DNS, connection, request and response (default 10 s). */
  readonly timeoutMs?: number
  /** Allow http: and private/loopback targets: local development and tests only. */
  readonly allowPrivateTargets?: boolean
  /** At most this many bytes of the response body are read (default 64 KiB). */
  readonly maxResponseBytes?: number
  /** Extra TLS trust (tests with a self-signed receiver). */
  readonly ca?: string | Buffer
  /** Resolver, for tests; default node's `dns.lookup` (all addresses). */
  readonly resolve?: (host: string) => Promise<{ address: string; family: number }[]>
}

export interface SafePostResponse {
  readonly status: number
  /** The first `maxResponseBytes` of the body, as UTF-8. */
  readonly body: string
  readonly truncated: boolean
}

const blocked = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) blocked.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96], // NAT64 (reaches IPv4 space)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 32], // Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds any IPv4 address)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) blocked.addSubnet(net, prefix, 'ipv6')

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d or ::ffff:xxxx:yyyy). */
function mappedIPv4(address: string): string | undefined {
  const lower = address.toLowerCase()
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)
  if (dotted) return dotted[1]
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower)
  if (hex) {
    const hi = parseInt(hex[1]!, 16)
    const lo = parseInt(hex[2]!, 16)
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
  }
  return undefined
}

/** True when the address may be the target of an outbound request from Pledge. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return !blocked.check(address, 'ipv4')
  if (family === 6) {
    const v4 = mappedIPv4(address)
    if (v4 !== undefined) return isIP(v4) === 4 && !blocked.check(v4, 'ipv4')
    return !blocked.check(address, 'ipv6')
  }
  return false
}

/**
 * Checks a target URL without resolving it: scheme, credentials, and literal addresses. Used when
 * an endpoint is registered, so an obviously bad address is refused with a 4xx right away.
 */
export function checkTargetUrl(raw: string, allowPrivateTargets = false): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new SafePostError('invalid_url', 'the target is not an absolute URL')
  }
  if (url.protocol !== 'https:' && !(allowPrivateTargets && url.protocol === 'http:')) {
    throw new SafePostError('invalid_url', allowPrivateTargets ? 'the target must be an http: or https: URL' : 'the target must be an https: URL')
  }
  if (url.username || url.password) throw new SafePostError('invalid_url', 'the target URL must not carry credentials')
  const host = bareHost(url)
  if (!allowPrivateTargets) {
    if (isIP(host) && !isPublicAddress(host)) throw new SafePostError('target_not_allowed', 'the target is a private, loopback, link-local or reserved address')
    if (/^localhost\.?$/i.test(host) || /\.localhost\.?$/i.test(host)) throw new SafePostError('target_not_allowed', 'the target is a loopback name')
  }
  return url
}

function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
}

const defaultResolve = (host: string) => dnsLookup(host, { all: true, verbatim: true })

/** POSTs `body` to `url` under the rules above. Resolves only on a 2xx; throws SafePostError. */
export async function safePost(url: string, body: string | Buffer, headers: Record<string, string>, options: SafePostOptions = {}): Promise<SafePostResponse> {
  const allowPrivate = options.allowPrivateTargets ?? false
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxBytes = options.maxResponseBytes ?? 64 * 1024
  const target = checkTargetUrl(url, allowPrivate)
  const host = bareHost(target)
  const deadline = Date.now() + timeoutMs

  let addresses: { address: string; family: number }[]
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }]
  else {
    try {
      addresses = await withTimeout((options.resolve ?? defaultResolve)(host), timeoutMs)
    } catch (err) {
      if (err instanceof SafePostError) throw err
      throw new SafePostError('network', 'the target host name does not resolve')
    }
  }
  if (addresses.length === 0) throw new SafePostError('network', 'the target host name does not resolve')
  if (!allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) {
    throw new SafePostError('target_not_allowed', 'the target resolves to a private, loopback, link-local or reserved address')
  }
  const chosen = addresses[0]!
  // Connect to the checked address only, whatever a second resolution would say.
  const pinned: LookupFunction = (_hostname, opts, callback) => {
    if (opts && (opts as { all?: boolean }).all) (callback as unknown as (err: null, all: { address: string; family: number }[]) => void)(null, [chosen])
    else callback(null, chosen.address, chosen.family)
  }

  const payload = typeof body === 'string' ? Buffer.from(body) : body
  const remaining = Math.max(1, deadline - Date.now())
  return new Promise<SafePostResponse>((resolve, reject) => {
    const isHttps = target.protocol === 'https:'
    const requestOptions: https.RequestOptions = {
      method: 'POST',
      protocol: target.protocol,
      hostname: host,
      port: target.port || (isHttps ? 443 : 80),
      path: `${target.pathname}${target.search}`,
      headers: { 'content-length': String(payload.length), 'user-agent': 'Pledge', ...headers, host: target.host },
      lookup: pinned,
      agent: false,
      ...(isHttps ? { servername: isIP(host) ? undefined : host, ...(options.ca ? { ca: options.ca } : {}) } : {}),
    }
    let settled = false
    const fail = (err: SafePostError) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.destroy()
      reject(err)
    }
    const timer = setTimeout(() => fail(new SafePostError('timeout', `no complete response within ${timeoutMs} ms`)), remaining)
    const req = (isHttps ? https : http).request(requestOptions, (res) => {
      const status = res.statusCode ?? 0
      if (status >= 300 && status < 400) {
        res.resume()
        return fail(new SafePostError('redirect_refused', `the target answered ${status} (redirects are not followed)`, status))
      }
      const chunks: Buffer[] = []
      let size = 0
      let truncated = false
      const finish = () => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        const text = Buffer.concat(chunks).toString('utf8')
        if (status >= 200 && status < 300) resolve({ status, body: text, truncated })
        else reject(new SafePostError('http_status', `the target answered ${status}`, status))
      }
      res.on('data', (chunk: Buffer) => {
        if (truncated) return
        const room = maxBytes - size
        if (chunk.length >= room) {
          chunks.push(chunk.subarray(0, room))
          size = maxBytes
          truncated = true
          finish()
          res.destroy()
          return
        }
        chunks.push(chunk)
        size += chunk.length
      })
      res.on('end', finish)
      res.on('error', () => fail(new SafePostError('network', 'the connection failed while reading the response')))
    })
    req.on('error', (err: NodeJS.ErrnoException) => fail(new SafePostError('network', `the connection failed (${err.code ?? err.name})`)))
    req.end(payload)
  })
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SafePostError('timeout', `the target host name did not resolve within ${ms} ms`)), ms)
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    )
  })
}
