// Which browser posts a form may come from (cross-site request forgery). Two rules:
//
// - Pledge's own pages (the privacy center): the post must say it comes from this server — the
//   browser's Sec-Fetch-Site is same-origin, or its Origin is ours. A post with neither header is
//   refused: every browser in use sends one of them.
// - Forms that live on the company's own website (the newsletter, the contact form): a browser post
//   must come from an origin in PLEDGE_ALLOWED_ORIGINS (Pledge's own base URL is always in it); a
//   post with neither header is no browser, so it must carry an intake API key (a website backend).
//
// One-click unsubscribe (mail providers post without an Origin) and the banner's cookie-consent
// route (any site that includes the banner) take no such check.
import type { FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import { AppError } from './errors.ts'

function ownOrigins(config: Pick<Config, 'baseUrl'>, request: FastifyRequest): Set<string> {
  const own = new Set<string>([new URL(config.baseUrl).origin])
  if (request.headers.host) own.add(`${request.protocol}://${request.headers.host}`)
  return own
}

const refused = (why: string) => new AppError(403, 'cross_origin', `this form may not be posted from here: ${why}`)

/** Pledge's own forms: same-origin only, and the browser must say so. */
export function requireSameOrigin(config: Pick<Config, 'baseUrl'>, request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site']
  const origin = request.headers.origin
  if (site !== undefined && site !== 'same-origin') throw refused('it comes from another site')
  if (origin !== undefined && !ownOrigins(config, request).has(origin)) throw refused('it comes from another site')
  if (site === undefined && origin === undefined) throw refused('the browser sent neither Origin nor Sec-Fetch-Site; post it from the page itself')
}

/** A public form embedded on the company's website: an allowed origin, or a website backend's intake key. */
export function requireAllowedOrigin(config: Pick<Config, 'baseUrl' | 'allowedOrigins'>, request: FastifyRequest, hasIntakeKey: boolean): void {
  if (hasIntakeKey) return
  const origin = request.headers.origin
  const site = request.headers['sec-fetch-site']
  if (origin !== undefined) {
    if (!config.allowedOrigins.includes(origin) && !ownOrigins(config, request).has(origin)) throw refused('its origin is not in PLEDGE_ALLOWED_ORIGINS')
    return
  }
  if (site !== undefined) {
    if (site !== 'same-origin') throw refused('it comes from another site without an Origin header')
    return
  }
  throw new AppError(403, 'intake_key_required', 'a post with neither Origin nor Sec-Fetch-Site is no browser: a website backend sends an intake API key as "Authorization: Bearer <key>" (pledge apikey create --name website --intake)')
}
