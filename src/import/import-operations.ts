// The import's database side, as operations: they run in the CLI process (with a Runtime it built)
// or inside a running server that holds the embedded database (through its admin endpoint, with
// the server's Runtime). Every row is created through the gate, as the system actor `import`.
//
// Arguments arrive as strings (the admin endpoint's contract); rows travel as JSON. Answers are
// JSON too, and carry line numbers and reason codes only — never a value from the file.
import { sql } from 'kysely'
import { OperationError, type OperationContext, type OperationResult } from '../operation.ts'
import type { Runtime } from '../runtime.ts'
import { ImportPurposeError } from '../gate/system-actors.ts'
import type { PersonalData } from '../vault/vault.ts'
import { LANGUAGES, isLanguage, type Language } from '../policy/schema.ts'

/** The column (or JSON key) that gives the language to write to the person in: nl, fr or en. Not a category. */
export const LANGUAGE_COLUMN = 'language'

type Args = Record<string, string | undefined>

export interface ImportBeginAnswer {
  /** Last line a previous run of this import finished (0: a fresh import). */
  readonly doneLine: number
  readonly imported: number
  readonly rejected: number
  /** The purpose's categories. */
  readonly categories: readonly string[]
  /** Columns (other than the id and language columns) that are not among the purpose's categories. */
  readonly outside: readonly string[]
}

export interface BatchRow {
  readonly line: number
  readonly id: string
  readonly data: PersonalData
  /** From the language column, when the row gives one (for the people it creates, or who have none). */
  readonly language?: Language
}

export interface ImportBatchAnswer {
  readonly created: number
  readonly existing: number
  readonly rejected: readonly { readonly line: number; readonly reason: string; readonly message: string }[]
}

/** An OperationError: exit code 1, its message shown as is. */
async function failure(message: string): Promise<Error> {
  return new OperationError(message)
}

async function need(args: Args, name: string): Promise<string> {
  const v = args[name]
  if (v === undefined || v === '') throw await failure(`${name} is required`)
  return v
}

async function runtimeOf(ctx: OperationContext): Promise<Runtime> {
  if (!ctx.runtime) throw await failure('the import needs a Runtime (this operation was called without one)')
  return ctx.runtime
}


export const importOperations: Record<string, (ctx: OperationContext, args: Args) => Promise<OperationResult>> = {
  /** Checks the purpose and type once for the whole file, and says where a previous run stopped. */
  async 'import-begin'(ctx, args) {
    const runtime = await runtimeOf(ctx)
    const importId = await need(args, 'importId')
    const purposeId = await need(args, 'purpose')
    const type = await need(args, 'type')
    const columns = JSON.parse(args.columns ?? '[]') as string[]
    const policy = runtime.policy()
    const purpose = policy.purpose(purposeId)
    if (!purpose) throw await failure(`the policy has no purpose "${purposeId}"; it has ${policy.purposes.map((p) => p.id).join(', ')}`)
    if (!policy.subjectType(type)) throw await failure(`the policy has no subject type "${type}"; it has ${policy.subjectTypes.map((t) => t.id).join(', ')}`)
    // Everything the gate checks that does not depend on the row: refuse the file at once rather
    // than every row of it.
    let actor
    try {
      actor = runtime.gate.importActor(purposeId)
    } catch (err) {
      if (err instanceof ImportPurposeError) throw await failure(err.message)
      throw err
    }
    const decision = await runtime.gate.precheckCreate(actor, purposeId, type)
    if (!decision.allowed) throw await failure(`cannot import ${type} under ${purposeId} (${decision.reason}): ${decision.message}`)
    const categories = purpose.categories.map((c) => c.id)
    const outside = columns.filter((c) => !categories.includes(c) && c !== LANGUAGE_COLUMN)
    const progress = await ctx.database.db.selectFrom('import_progress').select(['line', 'imported', 'rejected']).where('import_id', '=', importId).executeTakeFirst()
    const answer: ImportBeginAnswer = { doneLine: progress?.line ?? 0, imported: progress?.imported ?? 0, rejected: progress?.rejected ?? 0, categories, outside }
    return { output: JSON.stringify(answer) }
  },

  /** Creates one batch of subjects through the gate: one decision per row, one transaction. */
  async 'import-batch'(ctx, args) {
    const runtime = await runtimeOf(ctx)
    const purposeId = await need(args, 'purpose')
    const type = await need(args, 'type')
    const source = await need(args, 'source')
    const given = JSON.parse(await need(args, 'rows')) as BatchRow[]
    const rejected: { line: number; reason: string; message: string }[] = []
    // The language is checked again here: the rows come over the admin endpoint as JSON.
    const rows = given.filter((r) => {
      if (r.language === undefined || isLanguage(r.language)) return true
      rejected.push({ line: r.line, reason: 'invalid_language', message: `the ${LANGUAGE_COLUMN} must be one of ${LANGUAGES.join(', ')}, or empty` })
      return false
    })
    const results = rows.length
      ? await runtime.gate.createMany(
          runtime.gate.importActor(purposeId),
          purposeId,
          rows.map((r) => ({ type, data: r.data, externalId: r.id, source, ...(r.language ? { language: r.language } : {}) })),
        )
      : []
    let created = 0
    let existing = 0
    for (const [i, result] of results.entries()) {
      if (result.ok) {
        if (result.created) created++
        else existing++
      } else {
        rejected.push({ line: rows[i]!.line, reason: result.reason, message: result.message })
      }
    }
    rejected.sort((a, b) => a.line - b.line)
    const answer: ImportBatchAnswer = { created, existing, rejected }
    return { output: JSON.stringify(answer) }
  },

  /** Records that every line up to `line` is done (created, already present, or in the reject file). */
  async 'import-progress'(ctx, args) {
    const importId = await need(args, 'importId')
    const line = Number(await need(args, 'line'))
    const imported = Number(args.imported ?? 0)
    const rejected = Number(args.rejected ?? 0)
    if (![line, imported, rejected].every((n) => Number.isSafeInteger(n) && n >= 0)) throw await failure('line, imported and rejected must be whole numbers')
    await ctx.database.db
      .insertInto('import_progress')
      .values({ import_id: importId, line, imported, rejected })
      .onConflict((oc) => oc.column('import_id').doUpdateSet({ line, imported, rejected, updated_at: sql`now()` }))
      .execute()
    return { output: JSON.stringify({ line }) }
  },

  /** The import went through the whole file: nothing left to resume. */
  async 'import-finish'(ctx, args) {
    const importId = await need(args, 'importId')
    await ctx.database.db.deleteFrom('import_progress').where('import_id', '=', importId).execute()
    return { output: JSON.stringify({ finished: importId }) }
  },
}
