// Notices the law requires Pledge to send (Art. 19 to recipients; a processor's deletion
// instruction at the end of a retention period) are never blocked by the register: one that goes
// to a recipient the register does not cover goes out, and is flagged to staff on the register page.
import type { ProcessorRegister } from './register.ts'

export async function uncoveredNotice(register: ProcessorRegister, owner: string, event: string): Promise<void> {
  if (!owner.startsWith('recipient:')) return
  const recipientId = owner.slice('recipient:'.length)
  const found = register.gaps(recipientId)
  const gaps = found ? found.gaps : ['recipient_not_declared']
  if (gaps.length) await register.flagNotice(recipientId, event, gaps)
}
