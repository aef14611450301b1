// The setup link as a person receives it: on the console's setup page, the token in the query
// (logs never carry query strings, and the pages send no Referer).
import type { OutgoingMail } from '../mail/mailer.ts'
import { SETUP_LINK_HOURS } from './accounts.ts'

export function setupLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/admin/setup?token=${token}`
}

/** The mail that brings a new person (or one whose second factor was reset) their setup link. */
export function setupLinkMail(to: string, accountId: string, url: string, kind: 'account' | 'reset', controllerName: string): OutgoingMail {
  const what = kind === 'account' ? `A staff account was opened for you in Pledge, the privacy engine of ${controllerName}.` : `The second factor of your Pledge staff account (${controllerName}) was reset: your old authenticator codes and recovery codes no longer work.`
  const text = [
    what,
    '',
    kind === 'account' ? 'Open this link to choose your password and set up your authenticator app:' : 'Open this link to set up your authenticator app again:',
    url,
    '',
    `The link works once and for ${SETUP_LINK_HOURS} hours. If you did not expect this mail, tell your privacy team and do not open the link.`,
  ].join('\n')
  return { to, subject: kind === 'account' ? `Your Pledge staff account (${controllerName})` : `Your Pledge second factor was reset (${controllerName})`, text, recipientHash: `staff:${accountId}` }
}
