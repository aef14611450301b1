// Campaign send rate (issue 19 part 2): subscribers who confirmed (created through the gate with
// their consent), a campaign sent with the highest rate setting (1,000 mails/s, i.e. no pacing), 4 at a time,
// through a local SMTP server (smtp-server on loopback that accepts and discards). Printed: mails
// per second, and where each mail's time goes (the gate's read of the address with its audit entry,
// the claim and outcome rows, the SMTP hand-over). BENCH_NEWSLETTER_PG / BENCH_NEWSLETTER_EMBEDDED
// set the number of subscribers (default 10,000 on PostgreSQL, 2,000 embedded).
import { performance } from 'node:perf_hooks'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { migrateToLatest, type Database } from '../src/db/database.ts'
import { loadConfig, DEFAULT_POLICY } from '../src/config.ts'
import { createLogger } from '../src/log.ts'
import { loadPolicyFile } from '../src/policy/load.ts'
import { ensureFirstVersion } from '../src/policy/versions.ts'
import { createRuntime } from '../src/runtime.ts'
import { generateMasterKeyRing } from '../src/vault/master-key.ts'
import { format, record, section } from './harness.ts'
import { CAMPAIGN_LIMITS } from '../src/consent/campaign.ts'
import { onEachDatabase } from './postgres.ts'

const SIZES = { embedded: Number(process.env.BENCH_NEWSLETTER_EMBEDDED ?? 2_000), PostgreSQL: Number(process.env.BENCH_NEWSLETTER_PG ?? 10_000) }

async function sink(): Promise<{ url: string; count: () => number; close(): Promise<void> }> {
  let n = 0
  const server = new SMTPServer({ secure: false, authOptional: true, disabledCommands: ['STARTTLS'], disableReverseLookup: true, logger: false, onData(stream, _s, cb) { stream.on('end', () => ((n += 1), cb())); stream.resume() } })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, count: () => n, close: () => new Promise<void>((r) => server.close(() => r())) }
}

export async function benchNewsletter(): Promise<void> {
  section('newsletter campaign (Pledge sends, at-most-once, through a local SMTP server)')
  await onEachDatabase('newsletter', async (label, database: Database, dataDir) => {
    const size = SIZES[label]
    await migrateToLatest(database.db)
    const filePolicy = await loadPolicyFile(DEFAULT_POLICY)
    await ensureFirstVersion(database.db, filePolicy)
    const smtp = await sink()
    const config = loadConfig({ policy: DEFAULT_POLICY, dataDir, port: 0, smtpUrl: smtp.url, baseUrl: 'https://privacy.example' }, {})
    const runtime = await createRuntime({ config, database, logger: createLogger({ level: 'silent' }), filePolicy, keys: generateMasterKeyRing() })
    try {
      const actor = runtime.gate.systemActor('newsletter')
      const langs = ['nl', 'fr', 'en'] as const
      const seedStart = performance.now()
      for (let i = 0; i < size; i += 25) {
        await Promise.all(
          Array.from({ length: Math.min(25, size - i) }, (_x, j) => {
            const lang = langs[(i + j) % 3]!
            return runtime.gate.create(actor, 'newsletter', { type: 'newsletter_subscriber', data: { 'contact.email': `s${i + j}@bench.example` }, language: lang }, { text: 'Yes', channel: 'web', lang, act: 'double_opt_in_confirmed' })
          }),
        )
      }
      const seedMs = performance.now() - seedStart
      const phases = new Map<string, number>()
      const time = <T extends object>(obj: T, name: keyof T & string, label2: string) => {
        const original = (obj[name] as (...a: unknown[]) => Promise<unknown>).bind(obj)
        ;(obj as Record<string, unknown>)[name] = async (...a: unknown[]) => {
          const s = performance.now()
          try {
            return await original(...a)
          } finally {
            phases.set(label2, (phases.get(label2) ?? 0) + performance.now() - s)
          }
        }
      }
      time(runtime.gate, 'read', 'gate.read (decision, audit entry, decrypt)')
      time(runtime.mailer, 'send', 'SMTP hand-over (nodemailer pool)')
      const id = await runtime.campaigns.create(runtime.gate.operatorActor('newsletter'), { purpose: 'newsletter', content: { default: { subject: 'Bench', html: '<h1>News</h1><p>This month.</p>' } }, rate: 1000 })
      const started = performance.now()
      const report = await runtime.campaigns.send(id)
      const ms = performance.now() - started
      if (report.sent !== size || smtp.count() !== size) throw new Error(`sent ${report.sent}, received ${smtp.count()}, expected ${size}`)
      record(`campaign send, ${size.toLocaleString('en-US')} recipients (${label})`, [(size / ms) * 1000], 'mails/s', `seeding ${format(size / (seedMs / 1000))} subscribers/s`)
      // Four people at a time (the campaign's default): per mail, a worker's time is wall time × 4.
      const perMail = (ms * CAMPAIGN_LIMITS.concurrency) / size
      console.log(`  ${'per mail, one worker (4 run at once)'.padEnd(56)} ${format(perMail).padStart(12)} ms`)
      for (const [name, spent] of phases) console.log(`  ${name.padEnd(56)} ${format(spent / size).padStart(12)} ms/mail (${Math.round((spent / size / perMail) * 100)} %)`)
      console.log(`  ${'rest (claim and outcome rows, Art. 14 check, rendering)'.padEnd(56)} ${format(perMail - [...phases.values()].reduce((a, b) => a + b, 0) / size).padStart(12)} ms/mail`)
    } finally {
      await runtime.close()
      await smtp.close()
    }
  })
}
