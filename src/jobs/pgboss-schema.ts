// pg-boss's own schema, created by Pledge's migration 0005 rather than by pg-boss at start, so the
// test templates already contain it and every start skips pg-boss's migrator (`migrate: false`).
import PgBoss from 'pg-boss'

/** The PostgreSQL schema pg-boss keeps its tables in. */
export const PGBOSS_SCHEMA = 'pgboss'

/**
 * pg-boss's construction SQL as single statements, without its own BEGIN/COMMIT (nor its SET LOCAL timeouts, which would outlive it: the Kysely
 * migrator already runs each migration in a transaction; a nested COMMIT would end it early).
 * Splitting is needed because PGlite's extended protocol takes one statement per query. The
 * splitter respects `$$`-quoted function bodies, the only place a `;` appears inside a statement.
 */
export function pgBossConstructionStatements(schema = PGBOSS_SCHEMA): string[] {
  const text = PgBoss.getConstructionPlans(schema)
  const statements: string[] = []
  let current = ''
  let inDollar = false
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('$$', i)) {
      inDollar = !inDollar
      current += '$$'
      i++
      continue
    }
    const ch = text[i]!
    if (ch === ';' && !inDollar) {
      statements.push(current.trim())
      current = ''
      continue
    }
    current += ch
  }
  if (current.trim()) statements.push(current.trim())
  return statements.filter((s) => s.length > 0 && !/^(begin|commit)$/i.test(s) && !/^set local /i.test(s))
}
