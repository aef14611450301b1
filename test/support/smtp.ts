// A real SMTP server on loopback for tests (smtp-server, in this process): plain SMTP on
// 127.0.0.1:<free port>, no TLS, any or no authentication accepted. Every received message is
// parsed with mailparser and kept in `messages`, in order of arrival.
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'

export interface TestSmtpServer {
  /** smtp://127.0.0.1:PORT, for PLEDGE_SMTP_URL or createMailer({ smtpUrl }). */
  readonly url: string
  readonly messages: ParsedMail[]
  /** The SMTP envelope of each message (same order as messages). */
  readonly envelopes: { from: string | undefined; to: string[] }[]
  /** The recipients of each message held without an answer (SmtpServerOptions.hold). */
  readonly held: string[][]
  /** Resolves with the messages once at least n have arrived; rejects after timeoutMs (30 s: a guard for a busy machine, not a wait). */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>
  close(): Promise<void>
}

export interface SmtpServerOptions {
  /** Refuse a message (550) while this returns true: a relay that turns mail away. */
  readonly refuse?: (to: readonly string[]) => boolean
  /** Take the message and never answer (a relay that hangs mid-DATA): the client waits until it dies. */
  readonly hold?: (to: readonly string[]) => boolean
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = []
  const envelopes: TestSmtpServer['envelopes'] = []
  const held: string[][] = []
  const waiters = new Set<() => void>()
  const notify = () => {
    for (const w of [...waiters]) w()
  }

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Loopback only: a reverse DNS look-up of 127.0.0.1 would only add latency.
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' })
    },
    onData(stream, session, callback) {
      if (options.hold?.(session.envelope.rcptTo.map((r) => r.address))) {
        stream.resume()
        stream.on('end', () => {
          held.push(session.envelope.rcptTo.map((r) => r.address))
          notify()
        })
        return
      }
      if (options.refuse?.(session.envelope.rcptTo.map((r) => r.address))) {
        stream.resume()
        stream.on('end', () => callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 })))
        return
      }
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed)
          envelopes.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
          })
          callback()
          notify()
        })
        .catch((err: Error) => callback(err))
    },
  })
  server.on('error', () => {
    // A client that drops the connection is not a test failure; assertions are on messages.
  })

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject)
      resolve()
    })
  })
  const port = (server.server.address() as AddressInfo).port

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    envelopes,
    held,
    waitFor(n: number, timeoutMs = 30_000): Promise<ParsedMail[]> {
      if (messages.length >= n) return Promise.resolve(messages.slice())
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length >= n) {
            clearTimeout(timer)
            waiters.delete(check)
            resolve(messages.slice())
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`))
        }, timeoutMs)
        waiters.add(check)
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
