// The look and the CSP of Pledge's own public forms (the contact form, the complaint form): one
// stylesheet inline (nothing loaded from elsewhere), no script at all.
export const PUBLIC_FORM_CSP = ["default-src 'self'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'", "img-src 'self' data:", "style-src 'self' 'unsafe-inline'", "script-src 'none'", "object-src 'none'"].join(';')

const BASE = [
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;max-width:48rem;margin:0 auto;padding:1rem 1.5rem 3rem;color:#1a1a1a;background:#fff}',
  'header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem;border-bottom:1px solid #ccc;margin-bottom:1rem}',
  'header p{margin:.5rem 0;font-weight:600}nav ul{list-style:none;display:flex;gap:1rem;margin:.5rem 0;padding:0}',
  'a{color:#0645ad}a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}',
  'label{font-weight:600;display:block;margin-top:1rem}.hint{color:#444;font-size:.95rem;margin:.2rem 0 .4rem}',
  'input[type=email],input[type=text],input[type=tel],textarea{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:2px solid #555;border-radius:.3rem}',
  'button{display:inline-block;font:inherit;font-weight:600;padding:.6rem 1.2rem;margin:1rem 0;border:2px solid #1f4e79;background:#1f4e79;color:#fff;border-radius:.3rem;cursor:pointer}',
  '.error{border:2px solid #b00020;background:#fff4f4;padding:.5rem 1rem;border-radius:.3rem}.error h2{margin:.3rem 0;font-size:1.1rem}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0}',
  '.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}',
]

/** The shared rules and a form's own. */
export function publicFormStyle(own: readonly string[]): string {
  return [...BASE, ...own].join('')
}
