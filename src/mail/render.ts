// The one renderer of every mail Pledge writes: a mail is a list of parts (paragraphs, headings,
// lists, a code, a button, a quote, a small table, a footer), written out once as plain text and once
// as HTML with inline styles (as mail clients want). Every value is escaped in HTML, links must be
// http(s) URLs, subjects are one line. The texts live with the rooms that send the mails.
import { escapeHtml } from '../util/html.ts'
import type { Language } from '../policy/schema.ts'

export { escapeHtml }

export interface MailContent {
  readonly subject: string
  readonly text: string
  readonly html: string
  /** Headers to put on the message (OutgoingMail.headers). */
  readonly headers?: Readonly<Record<string, string>>
}

/** A link to put in a mail: an absolute http(s) URL without whitespace, quotes or brackets, or an error. */
export function checkedUrl(value: string, field: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`${field} must be an absolute URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${field} must be an http(s) URL`)
  if (/[\s<>"]/.test(value)) throw new Error(`${field} must not contain whitespace, quotes or angle brackets`)
  return value
}

/** A subject line: one line, whatever the input. */
export function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim()
}

/** Plain text to HTML paragraphs: blank lines separate paragraphs, single newlines become <br>. */
export function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n')
}

/** The HTML document around a mail's body: inline styles only, as mail clients want. */
export function mailPage(lang: Language, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<div style="max-width:600px;margin:0 auto">
${body}
</div>
</body>
</html>
`
}

export function mailButton(href: string, label: string): string {
  return `<p style="margin:24px 0"><a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 24px;background:#1f4e79;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escapeHtml(label)}</a></p>`
}

export function link(href: string, label?: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(label ?? href)}</a>`
}


export type Part =
  /** A paragraph; with `link`, the link follows it (on its own line in the text part). */
  | { readonly p: string; readonly link?: { readonly href: string; readonly label: string } }
  | { readonly strong: string }
  | { readonly h: string }
  | { readonly list: readonly string[] }
  | { readonly code: string; readonly label: string }
  | { readonly button: string; readonly label: string; readonly fallback: string }
  | { readonly quote: string }
  /** Free text from a sender: blank lines separate paragraphs. */
  | { readonly paragraphs: string }
  /** A small two-column table of labels and values (ids, dates). */
  | { readonly rows: readonly (readonly [string, string])[] }
  /** Small print under a rule: the opt-out and the right to object under a marketing text. */
  | { readonly footer: readonly Part[] }
  | { readonly note: string }
  /** A heading with its paragraph: one block in the text part (the heading in capitals on its first line). */
  | { readonly titled: string; readonly body: string }
  /** A campaign's own HTML (checked for remote content before: src/consent/campaign.ts) and its text version. */
  | { readonly campaignHtml: string; readonly campaignText: string }

function partText(part: Part): string {
  if ('p' in part) return part.link ? `${part.p}\n${part.link.href}` : part.p
  if ('strong' in part) return part.strong
  if ('h' in part) return part.h.toUpperCase()
  if ('list' in part) return part.list.map((i) => `- ${i}`).join('\n')
  if ('code' in part) return `${part.label}\n\n    ${part.code}`
  if ('button' in part) return `${part.label}:\n${part.button}`
  if ('paragraphs' in part) return part.paragraphs.replace(/\r\n?/g, '\n').trim()
  if ('rows' in part) return part.rows.map(([k, v]) => `${k}: ${v}`).join('\n')
  if ('footer' in part) return ['-- ', ...part.footer.map(partText)].join('\n\n')
  if ('note' in part) return part.note
  if ('titled' in part) return `${part.titled.toUpperCase()}\n${part.body}`
  if ('campaignText' in part) return part.campaignText.replace(/\r\n?/g, '\n').trim()
  return part.quote
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n')
}

function partHtml(part: Part): string {
  if ('p' in part) return `<p>${escapeHtml(part.p).replace(/\n/g, '<br>\n')}${part.link ? ` ${link(part.link.href, part.link.label)}` : ''}</p>`
  if ('strong' in part) return `<p><strong>${escapeHtml(part.strong)}</strong></p>`
  if ('h' in part) return `<h2 style="font-size:17px;margin:28px 0 8px">${escapeHtml(part.h)}</h2>`
  if ('list' in part) return `<ul style="padding-left:20px">\n${part.list.map((i) => `<li style="margin:4px 0">${escapeHtml(i)}</li>`).join('\n')}\n</ul>`
  if ('code' in part)
    return `<p>${escapeHtml(part.label)}</p>\n<p style="margin:16px 0;font-family:'Courier New',Courier,monospace;font-size:34px;font-weight:bold;letter-spacing:8px;color:#1a1a1a" class="code">${escapeHtml(part.code)}</p>`
  if ('button' in part)
    return `${mailButton(part.button, part.label)}\n<p style="font-size:14px;color:#555555">${escapeHtml(part.fallback)}<br><a href="${escapeHtml(part.button)}">${escapeHtml(part.button)}</a></p>`
  if ('paragraphs' in part) return paragraphs(part.paragraphs)
  if ('rows' in part) return `<table>${part.rows.map(([k, v]) => `<tr><th style="text-align:left;padding-right:12px">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`
  if ('footer' in part) return `<hr style="border:none;border-top:1px solid #cccccc;margin:32px 0 16px">\n<div style="font-size:14px">\n${part.footer.map(partHtml).join('\n')}\n</div>`
  if ('note' in part) return `<p style="font-size:14px;color:#555555">${escapeHtml(part.note)}</p>`
  if ('titled' in part) return `<h2 style="font-size:15px;margin:24px 0 4px">${escapeHtml(part.titled)}</h2>\n<p style="margin-top:0">${escapeHtml(part.body)}</p>`
  if ('campaignHtml' in part) return part.campaignHtml
  return `<blockquote style="margin:12px 0;padding:8px 16px;border-left:4px solid #cccccc;color:#333333">${escapeHtml(part.quote)
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>\n')}</p>`)
    .join('\n')}</blockquote>`
}

export function toText(parts: readonly Part[]): string {
  return parts.map(partText).join('\n\n') + '\n'
}

export function toHtml(lang: Language, title: string, parts: readonly Part[]): string {
  return mailPage(lang, title, parts.map(partHtml).join('\n'))
}

/** A mail's subject, text and HTML from its parts. */
export function mailContent(lang: Language, subject: string, parts: readonly Part[]): MailContent {
  const title = oneLine(subject)
  return { subject: title, text: toText(parts), html: toHtml(lang, title, parts) }
}
