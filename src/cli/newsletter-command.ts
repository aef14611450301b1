// `pledge newsletter send --purpose P --subject S --html FILE [--text FILE] [--dry-run] [--rate N]`,
// with per-language overrides (--subject-nl, --html-fr FILE, …). Registered on the program by main.ts.
import { peopleProgress } from './people-progress.ts'
import { readFileSync, statSync } from 'node:fs'
import type { CommandUnknownOpts } from '@commander-js/extra-typings'
import { loadConfig, type ConfigOverrides } from '../config.ts'
import { openImportTarget, ImportTargetError } from '../import/target.ts'
import { OperationError } from '../operation.ts'
import { newsletterOperations, runCampaign } from '../consent/newsletter-operations.ts'
import { CAMPAIGN_LIMITS, type CampaignReport, type DryRunReport } from '../consent/campaign.ts'
import { LANGUAGES } from '../policy/schema.ts'

function readBounded(file: string, max: number, what: string): string {
  let size: number
  try {
    size = statSync(file).size
  } catch {
    throw new OperationError(`cannot read ${what} file ${file}`)
  }
  if (size > max) throw new OperationError(`${what} file ${file} is larger than ${max} bytes`)
  return readFileSync(file, 'utf8')
}


export function formatCampaign(out: (CampaignReport | DryRunReport) & { dryRun?: boolean }): string {
  const pairs = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'
  if ('recipients' in out) return `dry run for ${out.purpose}: ${out.recipients} recipient(s); by language: ${pairs(out.byLanguage)}; skipped: ${pairs(out.skipped)}`
  const lines = [`campaign ${out.id} (${out.purpose}): ${out.sent} sent (${pairs(out.sentByLanguage)}), ${out.failed} failed; skipped: ${pairs(out.skipped)}`]
  if (out.inFlight.length) lines.push(`${out.inFlight.length} mail(s) were in flight when an earlier run stopped; they are not resent (at-most-once): ${out.inFlight.join(' ')}`)
  return lines.join('\n')
}

export function registerNewsletterCommands(program: CommandUnknownOpts, getConfigOverrides: () => ConfigOverrides): void {
  const newsletter = program.command('newsletter').description('newsletter campaigns, decided person by person by the gate')
  const send = newsletter
    .command('send')
    .description('send a campaign to everyone the gate lets the purpose reach now, in their language; at most once per person, even across a crash')
    .requiredOption('--purpose <purpose>', 'a direct-marketing purpose of the policy (newsletter, customer_information)')
    .option('--subject <subject>', 'the subject, for every language without its own --subject-<lang>')
    .option('--html <file>', 'the HTML body (nothing remote: no remote images, pixels, style sheets or fonts)')
    .option('--text <file>', 'the plain-text version (default: the HTML without its tags)')
    .option('--dry-run', 'count the recipients per language and the people skipped, send nothing')
    .option('--rate <n>', `mails a second through the configured SMTP server (default ${CAMPAIGN_LIMITS.defaultRate})`)
    .option('--resume <campaign>', 'continue a campaign that stopped (reports the mails in flight, resends nobody)')
    .option('--json', 'print the report as JSON')
  for (const lang of LANGUAGES) {
    send.option(`--subject-${lang} <subject>`, `the subject for people written to in ${lang}`)
    send.option(`--html-${lang} <file>`, `the HTML body for ${lang}`)
    send.option(`--text-${lang} <file>`, `the text version for ${lang}`)
  }
  send.action(async (opts: Record<string, string | boolean | undefined>) => {
    const content: Record<string, { subject: string; html: string; text?: string }> = {}
    const part = (suffix: string) => {
      const subject = opts[`subject${suffix}`]
      const html = opts[`html${suffix}`]
      const text = opts[`text${suffix}`]
      if (subject === undefined && html === undefined) return undefined
      if (typeof subject !== 'string' || typeof html !== 'string') throw new OperationError(`give both --subject${suffix ? `-${suffix.toLowerCase()}` : ''} and --html${suffix ? `-${suffix.toLowerCase()}` : ''}`)
      return { subject, html: readBounded(html, CAMPAIGN_LIMITS.htmlBytes, 'HTML'), ...(typeof text === 'string' ? { text: readBounded(text, CAMPAIGN_LIMITS.textBytes, 'text') } : {}) }
    }
    const all = part('')
    if (all) content.default = all
    for (const lang of LANGUAGES) {
      const c = part(lang[0]!.toUpperCase() + lang.slice(1))
      if (c) content[lang] = c
    }
    if (!opts.resume && Object.keys(content).length === 0) throw new OperationError('give --subject and --html (or --subject-<lang> and --html-<lang>)')
    const args = { purpose: String(opts.purpose), content: JSON.stringify(content), dryRun: opts.dryRun ? 'true' : undefined, rate: typeof opts.rate === 'string' ? opts.rate : undefined, resume: typeof opts.resume === 'string' ? opts.resume : undefined }
    let target
    try {
      target = await openImportTarget(loadConfig(getConfigOverrides()), newsletterOperations)
    } catch (err) {
      if (err instanceof ImportTargetError) throw new OperationError(err.message)
      throw err
    }
    try {
      let output: string
      if (target.runtime) {
        const progress = peopleProgress('newsletter', 'decided')
        try {
          output = await runCampaign(target.runtime, args, (done, total) => progress.update(done, total))
        } finally {
          progress.stop()
        }
      } else {
        process.stderr.write(`running inside the server at ${target.where} (its log shows the progress)\n`)
        output = await target.run('newsletter-send', args)
      }
      const report = JSON.parse(output) as CampaignReport | DryRunReport
      console.log(opts.json ? JSON.stringify(report, null, 2) : formatCampaign(report))
    } catch (err) {
      if (err instanceof ImportTargetError) throw new OperationError(err.message)
      throw err
    } finally {
      await target.close()
    }
  })
}
