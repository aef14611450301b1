// The second factor (REQ-SEC-03): TOTP (RFC 6238, 30 s, 6 digits, SHA-1 as every authenticator app
// expects), one step of clock drift either way, and each code good once (afterTimeStep).
import { generateSecret, generateURI, verify } from 'otplib'
import { renderSVG } from 'uqr'

export const TOTP_ISSUER = 'Pledge'

export function newTotpSecret(): string {
  return generateSecret()
}

export function totpUri(secret: string, accountName: string, issuer = TOTP_ISSUER): string {
  return generateURI({ issuer, label: accountName, secret })
}

/** The enrolment QR code as an SVG element (no script, no external image). */
export function totpQrSvg(uri: string): string {
  return renderSVG(uri, { ecc: 'M', border: 2 })
}

export function isTotpCode(value: string): boolean {
  return /^\d{6}$/.test(value)
}

/** The time step of a valid code, or undefined. A step at or before `lastStep` was used already. */
export async function verifyTotp(secret: string, code: string, at: Date, lastStep: number | null): Promise<number | undefined> {
  if (!isTotpCode(code)) return undefined
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  })
  return result.valid && 'timeStep' in result ? result.timeStep : undefined
}
