// An Art. 14 notice (REQ-TR-03) that could not be sent is not given up: only a person with no
// address on record is marked skipped; a relay that refuses the mail leaves the notice owed, and
// the next round sends it. Over a real SMTP server that turns the mail away, then accepts it.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DATABASES, type TestDatabase } from './support/databases.ts'
import { testRuntime } from './support/runtime.ts'
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts'
import { runtimeKey } from './support/actors.ts'
import { sendArt14Notices } from '../src/requests/art14.ts'
import type { Runtime } from '../src/runtime.ts'

for (const variant of DATABASES) {
  describe(`${variant.name}: Art. 14 notices that fail are sent later`, { skip: variant.skip }, () => {
    let t: TestDatabase
    let runtime: Runtime
    let smtp: TestSmtpServer
    let refusing = true
    before(async () => {
      t = await variant.open()
      smtp = await startSmtpServer({ refuse: (to) => refusing && to.includes('listed.prospect@art14.example') })
      runtime = await testRuntime(t.database, { smtpUrl: smtp.url })
    })
    after(async () => {
      await runtime?.close()
      await smtp?.close()
      await t?.drop()
    })

    const round = () => sendArt14Notices({ db: runtime.database.db, gate: runtime.gate, vault: runtime.vault, mailer: runtime.mailer, policy: runtime.policy, baseUrl: runtime.config.baseUrl, now: () => new Date() })
    const noticeOf = (id: string) => runtime.database.db.selectFrom('art14_notice').selectAll().where('subject_id', '=', id).executeTakeFirst()

    test('REQ-TR-03 a refused mail leaves the notice owed (not skipped for good); no address is the only reason to skip', async () => {
      const crm = await runtimeKey(runtime, 'crm', ['prospect_registration'])
      const listed = await runtime.gate.create(crm, 'prospect_registration', { type: 'prospect', source: 'Fair list bought from Expo Hasselt on 2026-11-02', data: { 'contact.name': 'Listed Prospect', 'contact.email': 'listed.prospect@art14.example' } })
      const noAddress = await runtime.gate.create(crm, 'prospect_registration', { type: 'prospect', source: 'Business card, Expo Hasselt', data: { 'contact.name': 'Card Only' } })
      const first = await round()
      assert.deepEqual(first, { sent: 0, skipped: 1, failed: 1 })
      assert.equal(await noticeOf(listed.id), undefined, 'still owed')
      assert.equal((await noticeOf(noAddress.id))?.skipped_reason, 'no_email_address')
      refusing = false
      const second = await round()
      assert.deepEqual(second, { sent: 1, skipped: 0, failed: 0 })
      assert.ok((await noticeOf(listed.id))?.sent_at)
      const mail = smtp.messages.find((m, i) => smtp.envelopes[i]!.to.includes('listed.prospect@art14.example'))!
      assert.match(mail.text ?? '', /Fair list bought from Expo Hasselt on 2026-11-02/)
      assert.deepEqual(await round(), { sent: 0, skipped: 0, failed: 0 }, 'sent once')
    })
  })
}
