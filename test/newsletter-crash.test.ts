// At-most-once across a crash (issue 19 part 2): a child process sends a campaign through a real SMTP
// server that holds one mail without answering; the child is killed (SIGKILL) while that mail is in
// flight. Resumed, the campaign reports the in-flight mail, sends the rest, and nobody gets it twice.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { DATABASES, createPostgresDatabase } from './support/databases.ts'
import { openCampaignNode, type CampaignTarget } from './support/newsletter-crash-child.ts'
import { startSmtpServer } from './support/smtp.ts'
import { makeTempDir, removeTempDir } from './support/temp.ts'
import { REPO_ROOT } from './support/paths.ts'

const EMAILS = ['p1@example.be', 'p2@example.be', 'p3@example.be', 'p4.held@example.be', 'p5@example.be', 'p6@example.be']
const HELD = 'p4.held@example.be'

for (const variant of DATABASES) {
  describe(`${variant.name}: a campaign crash`, { skip: variant.skip }, () => {
    test('REQ-CON-07 at-most-once: a child killed between "in flight" and "sent" leaves the mail reported, and the campaign resumed at the next start sends nobody twice', async () => {
      const smtp = await startSmtpServer({ hold: (to) => to.includes(HELD) })
      const dir = makeTempDir('pledge-campaign-crash-')
      const pg = variant.name === 'postgres' ? await createPostgresDatabase() : undefined
      const target: CampaignTarget = { dataDir: join(dir, 'data'), tombstones: join(dir, 'tombstones'), masterKey: randomBytes(32).toString('base64'), smtpUrl: smtp.url, ...(pg ? { databaseUrl: pg.url } : {}) }
      try {
        const ids: string[] = []
        {
          const node = await openCampaignNode(target)
          const actor = node.runtime.gate.systemActor('newsletter')
          for (const email of EMAILS) ids.push((await node.runtime.gate.create(actor, 'newsletter', { type: 'newsletter_subscriber', data: { 'contact.email': email }, language: 'en' }, { text: 'Yes', channel: 'web', lang: 'en', act: 'double_opt_in_confirmed' })).id)
          await node.close()
        }
        const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/newsletter-crash-child.ts')], { env: { ...process.env, CAMPAIGN_TARGET: JSON.stringify(target) }, stdio: ['ignore', 'pipe', 'inherit'] })
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
        let out = ''
        child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c))
        // Three mails arrive; the fourth is taken by the server and never answered: in flight.
        await smtp.waitFor(3, 60_000)
        for (let i = 0; i < 600 && smtp.held.length === 0; i++) await new Promise((r) => setTimeout(r, 50))
        assert.deepEqual(smtp.held, [[HELD]])
        child.kill('SIGKILL')
        const exit = await exited
        assert.equal(exit.signal, 'SIGKILL')
        const campaignId = /campaign ([0-9a-f-]{36})/.exec(out)?.[1]
        assert.ok(campaignId, `the child printed its campaign (${out})`)
        assert.ok(!out.includes('done'), 'the child did not finish')
        assert.equal(smtp.messages.length, 3)

        const node = await openCampaignNode(target)
        try {
          const before = await node.runtime.campaigns.report(campaignId)
          assert.deepEqual(before && [before.sent, before.inFlight], [3, [ids[3]]])
          // What the server does at start: the campaign left `sending` carries on by itself.
          const errors: string[] = []
          assert.deepEqual(await node.runtime.campaigns.resumeSending((_id, err) => errors.push(err.message)), [campaignId])
          let report = (await node.runtime.campaigns.report(campaignId))!
          for (let i = 0; i < 1200 && report.status !== 'finished'; i++) {
            await new Promise((r) => setTimeout(r, 50))
            report = (await node.runtime.campaigns.report(campaignId))!
          }
          assert.deepEqual(errors, [])
          assert.deepEqual({ sent: report.sent, failed: report.failed, inFlight: report.inFlight, status: report.status }, { sent: 5, failed: 0, inFlight: [ids[3]], status: 'finished' })
          await smtp.waitFor(5)
          const to = smtp.envelopes.map((e) => e.to.join(',')).sort()
          assert.deepEqual(to, ['p1@example.be', 'p2@example.be', 'p3@example.be', 'p5@example.be', 'p6@example.be'], 'each once; the in-flight one not resent')
          assert.deepEqual(smtp.held, [[HELD]], 'the held mail was not attempted again')
        } finally {
          await node.close()
        }
      } finally {
        await smtp.close()
        await pg?.drop()
        removeTempDir(dir)
      }
    })
  })
}
