// The Mailer: SMTP through nodemailer when PLEDGE_SMTP_URL is set; otherwise every mail is written
// as an RFC 5322 .eml file under PLEDGE_DATA_DIR/outbox/ (directory 0700, files 0600), named by its
// message id — never by address — and indexed in outbox_file with the recipient's keyed hash, so
// that a newcomer can read it and erasure can delete it. Outbox files are kept 7 days.
//
// Nothing here logs an address, a subject or a body: only message ids and outbox file paths. SMTP
// errors are rethrown without the server's text, which may quote the recipient.
import { randomUUID } from 'node:crypto'
import { chmod, mkdir, readdir, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import type { Kysely } from 'kysely'
import { ConfigError, type Config } from '../config.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../log.ts'
import { defaultLanguage, type Policy } from '../policy/policy.ts'
import type { Mailer, OutgoingMail, SentMail } from './mailer.ts'

/** How long an outbox file is kept. */
export const OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000

export interface MailerOptions {
  /** smtp://host:port or smtps://user:pass@host:465; unset writes .eml files to outboxDir. */
  readonly smtpUrl?: string | undefined
  readonly outboxDir: string
  /** The sending identity, e.g. `"JAG2 Solutions NV" <privacy@ixpole.example>` (see fromAddress). */
  readonly from: string
  readonly db: Kysely<DB>
  readonly logger: Logger
  readonly now?: () => Date
}

/** A failed send. Its message names the failure (code, SMTP status), never the recipient. */
export class MailError extends Error {
  readonly code: string | undefined
  readonly responseCode: number | undefined
  constructor(message: string, code?: string, responseCode?: number) {
    super(message)
    this.name = 'MailError'
    this.code = code
    this.responseCode = responseCode
  }
}

/** A fresh message id, `<uuid@pledge>`. */
export function newMessageId(): string {
  return `<${randomUUID()}@pledge>`
}

/** The outbox file name of a message id: only [A-Za-z0-9.-], so never an address, a path or a dot file. */
export function outboxFileName(messageId: string): string {
  const safe = messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9.-]/g, '_').replace(/^\.+/, '_').slice(0, 200)
  if (!safe) throw new Error('empty message id')
  return `${safe}.eml`
}

/** `"Name" <address>` with the display name quoted as RFC 5322 requires. */
export function fromAddress(name: string, address: string): string {
  const quoted = name.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')
  return `"${quoted}" <${address}>`
}

/** Where the outbox lives for a data directory. */
export function outboxDirOf(dataDir: string): string {
  return join(dataDir, 'outbox')
}

function smtpFailure(err: unknown): MailError {
  const e = err as { code?: unknown; responseCode?: unknown; command?: unknown }
  const code = typeof e?.code === 'string' ? e.code : undefined
  const responseCode = typeof e?.responseCode === 'number' ? e.responseCode : undefined
  const command = typeof e?.command === 'string' ? e.command.split(' ')[0] : undefined
  const parts = [code, command, responseCode].filter((p) => p !== undefined)
  return new MailError(`SMTP send failed${parts.length ? ` (${parts.join(', ')})` : ''}`, code, responseCode)
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT'
}

export function createMailer(options: MailerOptions): Mailer {
  const { db, logger, outboxDir, from } = options
  const clock = options.now ?? (() => new Date())
  const smtp = options.smtpUrl
    ? // Pooled: a newsletter run reuses a few connections instead of one handshake per mail.
      nodemailer.createTransport({ pool: true, maxConnections: 3, url: options.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000, logger: false, debug: false })
    : undefined
  // Only composes the RFC 5322 message; writing it is done here, with the modes we want.
  const composer = smtp ? undefined : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  let outboxReady: Promise<void> | undefined

  const ensureOutbox = () =>
    (outboxReady ??= (async () => {
      await mkdir(outboxDir, { recursive: true, mode: 0o700 })
      await chmod(outboxDir, 0o700)
    })().catch((err: unknown) => {
      outboxReady = undefined
      throw err
    }))

  const message = (mail: OutgoingMail, messageId: string, date: Date) => ({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html !== undefined ? { html: mail.html } : {}),
    ...(mail.headers ? { headers: { ...mail.headers } } : {}),
    messageId,
    date,
  })

  async function removeFile(file: string): Promise<boolean> {
    try {
      await unlink(join(outboxDir, file))
      return true
    } catch (err) {
      if (isNotFound(err)) return false
      throw err
    }
  }

  async function deleteFiles(files: readonly string[]): Promise<number> {
    let removed = 0
    for (const file of files) {
      // The file goes before its row: a crash in between leaves a row, which the next call cleans.
      if (await removeFile(file)) removed++
    }
    for (let i = 0; i < files.length; i += 500) {
      await db.deleteFrom('outbox_file').where('file', 'in', files.slice(i, i + 500)).execute()
    }
    return removed
  }

  return {
    async send(mail: OutgoingMail): Promise<SentMail> {
      const messageId = newMessageId()
      const date = clock()
      if (smtp) {
        try {
          await smtp.sendMail(message(mail, messageId, date))
        } catch (err) {
          const failure = smtpFailure(err)
          logger.warn({ messageId, code: failure.code, responseCode: failure.responseCode }, 'mail not sent')
          throw failure
        }
        logger.info({ messageId }, 'mail sent over SMTP')
        return { messageId }
      }

      const composed = await composer!.sendMail(message(mail, messageId, date))
      const body = composed.message
      if (!Buffer.isBuffer(body)) throw new Error('stream transport did not return a buffer')
      await ensureOutbox()
      const file = outboxFileName(messageId)
      const outboxFile = join(outboxDir, file)
      // The row goes first: a file is never on disk without the index that lets erasure find it.
      await db.insertInto('outbox_file').values({ file, recipient_hash: mail.recipientHash, created_at: date }).execute()
      try {
        await writeFile(outboxFile, body, { mode: 0o600, flag: 'wx' })
      } catch (err) {
        await db.deleteFrom('outbox_file').where('file', '=', file).execute()
        throw err
      }
      logger.info({ outboxFile }, 'mail written to the outbox')
      return { messageId, outboxFile }
    },

    async sweepOutbox(now?: Date): Promise<number> {
      const cutoff = new Date((now ?? clock()).getTime() - OUTBOX_RETENTION_MS)
      const expired = await db.selectFrom('outbox_file').select('file').where('created_at', '<', cutoff).execute()
      let removed = await deleteFiles(expired.map((r) => r.file))

      // Files with no row (a crash, a copied directory): by their modification time.
      let names: string[]
      try {
        names = (await readdir(outboxDir)).filter((n) => n.endsWith('.eml'))
      } catch (err) {
        if (isNotFound(err)) names = []
        else throw err
      }
      const old: string[] = []
      for (const name of names) {
        try {
          if ((await stat(join(outboxDir, name))).mtime < cutoff) old.push(name)
        } catch (err) {
          if (!isNotFound(err)) throw err
        }
      }
      if (old.length) {
        const indexed = new Set<string>()
        for (let i = 0; i < old.length; i += 500) {
          const rows = await db.selectFrom('outbox_file').select('file').where('file', 'in', old.slice(i, i + 500)).execute()
          for (const r of rows) indexed.add(r.file)
        }
        for (const name of old) if (!indexed.has(name) && (await removeFile(name))) removed++
      }
      if (removed) logger.info({ removed }, 'outbox swept')
      return removed
    },

    async forgetRecipient(recipientHash: string): Promise<number> {
      const rows = await db.selectFrom('outbox_file').select('file').where('recipient_hash', '=', recipientHash).execute()
      if (rows.length === 0) return 0
      const removed = await deleteFiles(rows.map((r) => r.file))
      logger.info({ removed }, 'outbox files of an erased recipient deleted')
      return removed
    },

    async close(): Promise<void> {
      smtp?.close()
      composer?.close()
    },
  }
}

/**
 * The Mailer of a running Pledge: sends as the policy's controller, over PLEDGE_SMTP_URL when it is
 * set, otherwise into PLEDGE_DATA_DIR/outbox/.
 */
export function mailerFromConfig(
  config: Pick<Config, 'dataDir'>,
  db: Kysely<DB>,
  logger: Logger,
  policy: Pick<Policy, 'controller'>,
  env: NodeJS.ProcessEnv = process.env,
): Mailer {
  const smtpUrl = env.PLEDGE_SMTP_URL || undefined
  if (smtpUrl && !/^smtps?:\/\//i.test(smtpUrl)) throw new ConfigError('PLEDGE_SMTP_URL must be an smtp:// or smtps:// URL')
  return createMailer({
    smtpUrl,
    outboxDir: outboxDirOf(config.dataDir),
    from: fromAddress(policy.controller.name[defaultLanguage(policy)], policy.controller.email),
    db,
    logger,
  })
}
