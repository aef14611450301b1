// What an operation is (a command that needs the database), apart from the operations themselves
// (./operations.ts), so that each room's operations import this and ./operations.ts imports them —
// no cycle.
import type { Database } from './db/database.ts'
import type { Config } from './config.ts'
import type { Runtime } from './runtime.ts'

export interface OperationContext {
  readonly database: Database
  readonly config: Config
  /** The running server's runtime, when the operation runs inside it. */
  readonly runtime?: Runtime
  readonly policyPath: string
  readonly now: () => Date
  /** Called after something that changes what the server serves (a publish). */
  readonly onChange?: () => void
}

export class OperationError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode = 1) {
    super(message)
    this.name = 'OperationError'
    this.exitCode = exitCode
  }
}

export interface OperationResult {
  readonly output: string
}
