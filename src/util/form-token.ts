// The spam guard of Pledge's public forms (the contact form, the complaint form) without a
// third-party captcha: the page carries a timestamp the server signed; a form sent back faster than
// a person types, too late, or with a token that is not ours is refused. The MAC is the caller's
// (the vault derives a key per form from the master key), so each form's tokens are its own.

import { timingSafeEqual } from 'node:crypto'
import { AppError } from './app-error.ts'

/** A form filled in faster than this is a robot's. */
export const MIN_FILL_SECONDS = 3
/** A form token older than this is refused (reload the page). */
export const FORM_TOKEN_HOURS = 12

export type FormMac = (value: string) => Buffer

export interface FormTokenRefusal {
  readonly status: 400 | 422
  readonly code: 'invalid_form_token' | 'form_expired' | 'too_fast'
  readonly message: string
  readonly details?: { readonly retryAfterSeconds: number }
}

/** A signed timestamp for a form rendered at `at`: `<ms>.<mac>`. */
export function signFormToken(mac: FormMac, at: Date): string {
  const ms = String(at.getTime())
  return `${ms}.${mac(ms).toString('base64url')}`
}

/** Why a form token is refused at `now`, or undefined when it is good (the MAC compared in constant time). */
export function formTokenRefusal(mac: FormMac, token: string, now: Date): FormTokenRefusal | undefined {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{16,64})$/.exec(token)
  const given = match ? Buffer.from(match[2]!, 'base64url') : Buffer.alloc(0)
  const expected = match ? mac(match[1]!) : Buffer.alloc(1)
  if (!match || given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 400, code: 'invalid_form_token', message: 'the form token is missing or not ours: reload the form and send it again' }
  const age = now.getTime() - Number(match[1])
  if (age < -60_000 || age > FORM_TOKEN_HOURS * 3_600_000) return { status: 400, code: 'form_expired', message: 'the form is too old: reload it and send it again' }
  if (age < MIN_FILL_SECONDS * 1000) {
    const retryAfterSeconds = Math.max(1, Math.ceil((MIN_FILL_SECONDS * 1000 - age) / 1000))
    return { status: 422, code: 'too_fast', message: `the form was sent faster than a person types: wait ${retryAfterSeconds} s and send it again`, details: { retryAfterSeconds } }
  }
  return undefined
}

/**
 * A public form's refusal: its HTTP status, code and a reason that never repeats what was sent.
 * Each form has its own subclass, so its routes answer only their own refusals with their page.
 */
export class FormRefused extends AppError {
  declare readonly details: Record<string, unknown> | undefined
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(status, code, message, details)
    this.name = new.target.name
  }
}
