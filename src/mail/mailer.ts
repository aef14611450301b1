// How Pledge sends mail. Implementation: ./transport.ts (SMTP through nodemailer, or .eml files in
// the outbox when no SMTP server is configured).

export interface OutgoingMail {
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html?: string
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post for marketing mail. */
  readonly headers?: Readonly<Record<string, string>>
  /** Keyed hash of the recipient (a blind index), so the outbox can forget mail to an erased person. */
  readonly recipientHash: string
}

export interface SentMail {
  readonly messageId: string
  /** The .eml file when the mail went to the outbox. */
  readonly outboxFile?: string
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>
  /** Deletes outbox files older than the outbox retention (7 days). */
  sweepOutbox(now?: Date): Promise<number>
  /** Deletes outbox files written for this recipient (at erasure). */
  forgetRecipient(recipientHash: string): Promise<number>
  close(): Promise<void>
}
