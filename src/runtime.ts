// Everything a running Pledge needs, built once at start and handed to the HTTP layer, the admin
// endpoint and the CLI operations.
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import type { Logger } from './log.ts'
import type { Policy } from './policy/policy.ts'
import { versionInForce, latestVersion, type PublishedVersion } from './policy/versions.ts'
import { dateInZone } from './util/dates.ts'

export interface Runtime {
  readonly config: Config
  readonly database: Database
  readonly logger: Logger
  /** The policy file as it is on disk (possibly an unpublished draft). */
  readonly filePolicy: Policy
  readonly now: () => Date
  /** The published version in force today (cached briefly; another instance may publish). */
  currentVersion(): Promise<PublishedVersion>
  forgetCachedVersion(): void
}

const CACHE_MS = 5_000

export function createRuntime(parts: { config: Config; database: Database; logger: Logger; filePolicy: Policy; now?: () => Date }): Runtime {
  const now = parts.now ?? (() => new Date())
  let cached: { at: number; date: string; version: PublishedVersion } | undefined
  return {
    ...parts,
    now,
    async currentVersion() {
      const instant = now()
      const today = dateInZone(instant, parts.filePolicy.controller.timeZone)
      if (cached && cached.date === today && instant.getTime() - cached.at < CACHE_MS) return cached.version
      const version = (await versionInForce(parts.database.db, today)) ?? (await latestVersion(parts.database.db))
      if (!version) throw new Error('no statement version is published yet')
      cached = { at: instant.getTime(), date: today, version }
      return version
    },
    forgetCachedVersion() {
      cached = undefined
    },
  }
}
