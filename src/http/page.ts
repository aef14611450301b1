// Small server-rendered pages for people (confirmations, unsubscribe): complete HTML documents in
// the person's language, no scripts, every value escaped.
import type { Language } from '../policy/schema.ts'
import { escapeHtml } from '../util/html.ts'

export { escapeHtml }

export function page(lang: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
button{font:inherit;padding:.6rem 1.2rem;border:2px solid #1b1b1b;background:#fff;border-radius:.3rem;cursor:pointer}
button:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`
}
