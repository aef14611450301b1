// The cookie banner: a dependency-free browser script, built to a minified IIFE by build.ts and
// served as GET /banner.js. A site on any origin includes it with one tag:
//   <script src="https://pledge.example/banner.js" data-lang="nl"></script>
// It loads the cookie policy and its own texts from the server it came from, asks (or applies a
// remembered choice), activates `<script type="text/plain" data-category="...">` only after consent
// for that category (REQ-CK-01), and records each choice as proof (REQ-CK-07). Nothing here may
// import anything outside src/banner/.
export {}

/** Replaced at build time by a hash of the built code. */
declare const PLEDGE_BANNER_VERSION: string

interface Category { id: string; necessary: boolean; label: string; description: string }
interface CookieInfo { name: string; provider: string; category: string; purpose: string; lifetimeText: string }
interface Texts { title: string; body: string; acceptAll: string; refuseAll: string; settings: string; save: string; reopen: string; privacy: string; alwaysOn: string }
interface CookiePolicy { version: string; gpc: boolean; categories: Category[]; cookies: CookieInfo[]; texts: Texts; privacyUrl: string }
type Choices = Record<string, boolean>
/** What the first-party cookie `pledge_consent` holds. */
interface Stored { i: string; v: string; c: Choices; t: number; g?: boolean }
export interface Consent { id: string; version: string; choices: Choices; at: string; gpc: boolean }

const COOKIE = 'pledge_consent'
/** An acceptance is asked again after six months (REQ-CK-08); the cookie lives as long. */
const SIX_MONTHS = 182 * 864e5
const LANGS = ['nl', 'fr', 'en']

const me = document.currentScript as HTMLScriptElement | null
const origin = new URL(me && me.src ? me.src : location.href).origin
const lang = [me && me.getAttribute('data-lang'), document.documentElement.lang, navigator.language]
  .map((l) => (l || '').slice(0, 2).toLowerCase())
  .filter((l) => LANGS.indexOf(l) >= 0)[0] || 'en'

let policy: CookiePolicy | undefined
let current: Stored | undefined
let wantOpen = false
const listeners: ((c: Consent | null) => void)[] = []
let root: ShadowRoot
let reopen: HTMLButtonElement
let dialog: HTMLElement | undefined
let returnTo: Element | null = null

function h(tag: string, attrs?: Record<string, string> | null, ...kids: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag)
  for (const k in attrs) e.setAttribute(k, attrs[k]!)
  e.append(...kids)
  return e
}

function button(label: string, onClick: () => void, cls = 'b'): HTMLButtonElement {
  const b = h('button', { type: 'button', class: cls }, label) as HTMLButtonElement
  b.onclick = onClick
  return b
}

function read(): Stored | undefined {
  const m = document.cookie.match(/(?:^|;\s*)pledge_consent=([^;]*)/)
  try {
    const s = m && JSON.parse(decodeURIComponent(m[1]!))
    return s && typeof s.i === 'string' && s.c ? s : undefined
  } catch {
    return undefined
  }
}

function write(s: Stored): void {
  document.cookie = `${COOKIE}=${encodeURIComponent(JSON.stringify(s))};path=/;max-age=${SIX_MONTHS / 1000};SameSite=Lax${location.protocol === 'https:' ? ';Secure' : ''}`
}

const anyGranted = (c: Choices) => policy!.categories.some((k) => !k.necessary && c[k.id])

function all(granted: boolean): Choices {
  const c: Choices = {}
  for (const k of policy!.categories) c[k.id] = k.necessary || granted
  return c
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let s = ''
  for (const b of bytes) s += (b + 256).toString(16).slice(1)
  return s
}

function consent(): Consent | null {
  return current ? { id: current.i, version: current.v, choices: { ...current.c }, at: new Date(current.t).toISOString(), gpc: !!current.g } : null
}

/** Turns inert scripts of consented categories into real ones (REQ-CK-01). */
function activate(): void {
  if (!current) return
  const c = current.c
  document.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-category]').forEach((old) => {
    if (!old.getAttribute('data-category')!.split(/\s+/).every((id) => c[id])) return
    const s = document.createElement('script')
    for (const a of Array.from(old.attributes)) if (a.name !== 'type') s.setAttribute(a.name, a.value)
    const type = old.getAttribute('data-type')
    if (type) s.type = type
    s.text = old.text
    old.replaceWith(s)
  })
}

function decide(choices: Choices, gpc: boolean): void {
  const s: Stored = { i: current ? current.i : randomId(), v: policy!.version, c: choices, t: Date.now(), g: gpc }
  current = s
  write(s)
  fetch(`${origin}/v1/cookie-consents`, {
    method: 'POST',
    mode: 'cors',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ consentId: s.i, bannerVersion: PLEDGE_BANNER_VERSION, policyVersion: s.v, choices, lang, gpc }),
  }).catch(() => {})
  // Withdrawal: remove the declared cookies of every refused category that this page can reach.
  for (const k of policy!.cookies) if (!choices[k.category]) document.cookie = `${k.name}=;path=/;max-age=0`
  activate()
  close(true)
  const now = consent()
  for (const fn of listeners) {
    try {
      fn(now)
    } catch {
      // a listener's error is the site's business
    }
  }
}

function close(restoreFocus: boolean): void {
  if (!dialog) return
  dialog.remove()
  dialog = undefined
  reopen.hidden = false
  if (restoreFocus) {
    const to = returnTo === root.host ? reopen : (returnTo as HTMLElement | null)
    if (to && to.focus) to.focus()
  }
}

/** The first layer: Accept all and Refuse all side by side, alike, plus Settings (REQ-CK-02). */
function open(): void {
  if (!policy) {
    wantOpen = true
    return
  }
  close(false)
  returnTo = document.activeElement
  const T = policy.texts
  const title = h('h2', { id: 'pledge-t', tabindex: '-1' }, T.title)
  const panel = h('div', { id: 'pledge-s', hidden: '' })
  const boxes: HTMLInputElement[] = []
  for (const k of policy.categories) {
    const box = h('input', { type: 'checkbox', name: k.id }) as HTMLInputElement
    // Non-essential categories start unchecked (REQ-CON-04), or as last chosen.
    box.checked = k.necessary || !!(current && current.c[k.id])
    box.disabled = k.necessary
    boxes.push(box)
    const cookies = policy.cookies.filter((c) => c.category === k.id).map((c) => h('li', null, `${c.name} (${c.provider}, ${c.lifetimeText}): ${c.purpose}`))
    panel.append(h('div', { class: 'c' }, h('label', null, box, ` ${k.label}${k.necessary ? ` (${T.alwaysOn})` : ''}`), h('p', null, k.description), h('ul', null, ...cookies)))
  }
  panel.append(
    button(T.save, () => {
      const c: Choices = {}
      for (const b of boxes) c[b.name] = b.checked
      decide(c, false)
    }),
  )
  const settings = button(T.settings, () => {
    panel.hidden = !panel.hidden
    settings.setAttribute('aria-expanded', String(!panel.hidden))
  })
  settings.setAttribute('aria-expanded', 'false')
  settings.setAttribute('aria-controls', 'pledge-s')
  dialog = h(
    'div',
    { role: 'dialog', 'aria-labelledby': 'pledge-t', class: 'd' },
    title,
    h('p', null, `${T.body} `, h('a', { href: new URL(policy.privacyUrl, origin).href, target: '_blank', rel: 'noopener' }, T.privacy)),
    h('div', { class: 'row' }, button(T.acceptAll, () => decide(all(true), false)), button(T.refuseAll, () => decide(all(false), false)), settings),
    panel,
  )
  // Escape closes without deciding anything: it never means "accept".
  dialog.onkeydown = (e) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      close(true)
    }
  }
  root.append(dialog)
  reopen.hidden = true
  title.focus()
}

const CSS =
  ':host{all:initial}' +
  '.d,.r{position:fixed;z-index:2147483647;font:15px/1.45 system-ui,sans-serif;color:#111;background:#fff;box-sizing:border-box}' +
  '.d{left:1em;right:1em;bottom:1em;max-width:42em;margin:0 auto;max-height:85vh;overflow:auto;padding:1em 1.25em;border:1px solid #555;border-radius:8px;box-shadow:0 4px 24px rgba(0,0,0,.3)}' +
  'h2{font-size:1.15em;margin:0 0 .4em}h2:focus{outline:none}h2:focus-visible{outline:3px solid #0b57d0}' +
  'p{margin:.2em 0 .8em}a{color:#0645ad}' +
  '.row{display:flex;flex-wrap:wrap;gap:.5em}' +
  '.b{flex:1 1 9em;font:inherit;font-weight:600;padding:.6em 1em;border:2px solid #111;border-radius:6px;background:#fff;color:#111;cursor:pointer}' +
  '.b:hover{background:#eee}button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}' +
  '.c{border-top:1px solid #ccc;margin-top:.6em;padding-top:.6em}label{font-weight:600}' +
  'ul{margin:0 0 .4em;padding-left:1.2em;font-size:.9em}#pledge-s .b{margin-top:.6em}' +
  '.r{left:.75em;bottom:.75em;font:13px system-ui,sans-serif;padding:.35em .7em;border:1px solid #555;border-radius:6px;cursor:pointer}' +
  '[hidden]{display:none!important}'

function mount(): void {
  const host = h('div', { id: 'pledge-cookie-banner' })
  root = host.attachShadow({ mode: 'open' })
  reopen = button(policy!.texts.reopen, open, 'r')
  root.append(h('style', null, CSS), reopen)
  document.body.append(host)
}

const api = {
  consent,
  onChange(fn: (c: Consent | null) => void) {
    listeners.push(fn)
  },
  openSettings: open,
}
;(window as unknown as { Pledge: typeof api }).Pledge = api

// Any element marked data-pledge-cookie-settings (a footer link, say) reopens the banner (REQ-CK-05).
document.addEventListener('click', (e) => {
  const t = e.target as Element | null
  if (t && t.closest && t.closest('[data-pledge-cookie-settings]')) {
    e.preventDefault()
    open()
  }
})

const ready = new Promise<void>((resolve) => (document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', () => resolve()) : resolve()))

Promise.all([fetch(`${origin}/v1/cookie-policy?lang=${lang}`).then((r) => (r.ok ? r.json() : Promise.reject(r.status))), ready])
  .then(([p]: [CookiePolicy, void]) => {
    policy = p
    mount()
    const s = read()
    const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true || p.gpc
    if (s && s.v === p.version && (!anyGranted(s.c) || Date.now() - s.t < SIX_MONTHS)) {
      current = s
      // A refusal is remembered: its cookie is renewed on each visit, so it never nags (REQ-CK-08).
      if (!anyGranted(s.c)) write(s)
      activate()
    } else if (gpc) {
      // Global Privacy Control: a refusal of every non-essential category, without asking.
      decide(all(false), true)
    } else {
      wantOpen = true
    }
    if (wantOpen) open()
  })
  .catch(() => {
    // Without the cookie policy nothing non-essential is activated: the safe side.
  })
