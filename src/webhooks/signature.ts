// The webhook signature scheme, for Pledge (signing) and for receivers (verifying):
//
//   Pledge-Timestamp: <unix seconds>
//   Pledge-Signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>
//
// The secret is the string returned once by PUT /v1/webhook-endpoint, used as UTF-8 bytes. A
// receiver recomputes the HMAC over the raw body it received, compares in constant time, and
// refuses a timestamp too far from its own clock (replays).
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_VERSION = 'v1'

export function signPayload(secret: string, timestamp: number | string, body: string): string {
  return `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/**
 * True when `header` (the Pledge-Signature value; several `v1=` entries separated by commas are
 * accepted, for secret rotation) signs `body` at `timestamp` with `secret`, and the timestamp is
 * within `toleranceSeconds` (default 300) of `now`.
 */
export function verifySignature(
  secret: string,
  timestamp: string | number,
  body: string | Buffer,
  header: string | undefined,
  options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  if (!header) return false
  const ts = typeof timestamp === 'number' ? timestamp : Number(timestamp)
  if (!Number.isInteger(ts)) return false
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000)
  if (Math.abs(now - ts) > (options.toleranceSeconds ?? 300)) return false
  const expected = createHmac('sha256', secret).update(`${ts}.`).update(body).digest()
  let ok = false
  for (const part of header.split(',')) {
    const [version, hex] = part.trim().split('=', 2)
    if (version !== SIGNATURE_VERSION || !hex || !/^[0-9a-f]{64}$/i.test(hex)) continue
    // Constant time; keep checking the rest so timing does not tell which entry matched.
    if (timingSafeEqual(Buffer.from(hex, 'hex'), expected)) ok = true
  }
  return ok
}
