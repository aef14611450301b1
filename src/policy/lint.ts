// Semantic checks on a structurally valid policy. (Stub: replaced by the full lint set.)
import type { PolicyDocument } from './schema.ts'
import type { PolicyIssue } from './load.ts'

export function lintPolicy(_doc: PolicyDocument): PolicyIssue[] {
  return []
}
