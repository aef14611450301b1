// Text a database stores exactly as given. PostgreSQL (and PGlite) refuse U+0000 in text and jsonb,
// and a lone UTF-16 surrogate has no UTF-8 form: the driver sends U+FFFD in its place, so the stored
// value is not the one given. Both are refused where text comes in (src/http/edge.ts) and where an
// audit entry is hashed (src/audit/chain.ts), so that what is hashed is what is stored.

export type TextProblem = 'nul' | 'lone_surrogate'

// One pass, no backtracking: a high surrogate not followed by a low one, or a low one not preceded
// by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** What keeps a string from being stored exactly as given, or undefined when nothing does. */
export function textProblem(s: string): TextProblem | undefined {
  if (s.includes('\u0000')) return 'nul'
  if (LONE_SURROGATE.test(s)) return 'lone_surrogate'
  return undefined
}

/** A sentence for a problem, naming the field, never its value. */
export function describeTextProblem(field: string, problem: TextProblem): string {
  return problem === 'nul'
    ? `${field} contains a NUL character (U+0000): send text without it`
    : `${field} is not well-formed Unicode (it holds a lone UTF-16 surrogate): send text that has a UTF-8 form`
}
