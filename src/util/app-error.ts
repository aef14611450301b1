// An error with the HTTP status and stable code it maps to. Domain rooms raise it where the fix
// is the caller's (bad input, wrong state); src/http/errors.ts turns it into { error: { code, message, details } }.
export class AppError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.status = status
    this.code = code
    this.details = details
  }
}
