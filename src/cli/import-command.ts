// `pledge import FILE --type T --purpose P --source TEXT`: registered on the program by main.ts:
// registerImportCommand(program, config).
import { Option, type CommandUnknownOpts } from '@commander-js/extra-typings'
import { loadConfig, type ConfigOverrides } from '../config.ts'
import { OperationError } from '../operations.ts'
import { formatOf, ImportFileError } from '../import/reader.ts'
import { runImport, ImportError, DEFAULT_BATCH_ROWS, type ImportSummary } from '../import/importer.ts'
import { openImportTarget, ImportTargetError } from '../import/target.ts'
import { createProgressReporter, formatCount } from '../import/progress.ts'

/** Exit code when the import went through the whole file but some rows are in the reject file. */
export const EXIT_WITH_REJECTS = 2

export function summaryLines(s: ImportSummary): string[] {
  const rate = s.seconds > 0 ? s.rows / s.seconds : 0
  const lines = [
    `imported ${formatCount(s.created)} new subjects, ${formatCount(s.existing)} already present, ${formatCount(s.rejected)} rejected — ${formatCount(s.rows)} rows in ${s.seconds.toFixed(1)} s (${formatCount(rate)} rows/s)`,
  ]
  if (s.resumed) lines.push(`resumed after line ${s.resumed.afterLine}: an earlier run had imported ${formatCount(s.resumed.imported)} and rejected ${formatCount(s.resumed.rejected)}`)
  if (s.rejectFile) lines.push(`rejected rows (line, reason, the row as it was): ${s.rejectFile} (${formatCount(s.rejectsInFile)} rows, mode 0600: it holds personal data, delete it once dealt with)`)
  return lines
}

export function registerImportCommand(program: CommandUnknownOpts, getConfigOverrides: () => ConfigOverrides): void {
  program
    .command('import')
    .description('import people from a CSV or JSON Lines file, through the gate; idempotent on an id column, resumable, bad rows to FILE.rejects.csv')
    .argument('<file>', 'CSV with a header row, or JSON Lines (one object per line); columns are policy category ids plus the id column, and optionally language (nl, fr or en: the language to write to the person in)')
    .requiredOption('--type <type>', 'subject type of everyone in the file, e.g. customer')
    .requiredOption('--purpose <purpose>', 'the purpose the data is collected for (only its categories are accepted)')
    .requiredOption('--source <text>', 'where the data came from, kept per subject (Art. 14 notices, access reports)')
    .option('--id-column <name>', 'the column with your id for each person (required in every row)', 'externalId')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['csv', 'jsonl']))
    .addOption(new Option('--batch-size <n>', 'rows per transaction').default(String(DEFAULT_BATCH_ROWS)).hideHelp())
    .addHelpText(
      'after',
      `
Every row is created through the gate under --purpose, as the actor system:import. A row whose id
already exists is left as it is ("already present"; a language in the row only fills in a missing one),
so running the same file again is harmless.
An interrupted import (even kill -9) resumes where it stopped when run again with the same file
and options. Rows that cannot be imported (no id, a column outside the purpose's categories, an
invalid e-mail address, a refusal by the gate) go to FILE.rejects.csv with their line and reason;
the console shows only counts, line numbers and reason codes, never a value from the file.
Exit code: 0 when every row is imported or already present, ${EXIT_WITH_REJECTS} when some were rejected, 1 on error.`,
    )
    .action(async (file: string, opts: { type: string; purpose: string; source: string; idColumn: string; format?: string; batchSize: string }) => {
      const config = loadConfig(getConfigOverrides())
      const batchRows = Number(opts.batchSize)
      if (!Number.isInteger(batchRows) || batchRows < 1 || batchRows > 10_000) throw new OperationError('--batch-size must be a whole number from 1 to 10000')
      let summary: ImportSummary
      try {
        const format = formatOf(file, opts.format)
        const target = await openImportTarget(config)
        try {
          summary = await runImport(
            { file, format, type: opts.type, purpose: opts.purpose, source: opts.source, idColumn: opts.idColumn, batchRows },
            target,
            createProgressReporter(process.stderr),
          )
        } finally {
          await target.close()
        }
      } catch (err) {
        if (err instanceof ImportFileError || err instanceof ImportError || err instanceof ImportTargetError) throw new OperationError(err.message)
        throw err
      }
      console.log(summaryLines(summary).join('\n'))
      if (summary.rejectsInFile > 0) process.exitCode = EXIT_WITH_REJECTS
    })
}
