// Which language to answer in: ?lang= when given (and then it must be one we have), else the
// best match in Accept-Language, else English.
import { LANGUAGES, isLanguage, type Language } from '../policy/schema.ts'
import { AppError } from './errors.ts'

export { isLanguage }

export function pickLanguage(explicit: string | undefined, acceptLanguage: string | undefined): Language {
  if (explicit !== undefined) {
    if (isLanguage(explicit)) return explicit
    throw new AppError(400, 'unknown_language', `unknown language "${String(explicit).slice(0, 16)}": use one of ${LANGUAGES.join(', ')}`, { allowed: LANGUAGES })
  }
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part, index) => {
        const [tag = '', ...params] = part.trim().split(';')
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
        return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1, index }
      })
      .filter((r) => r.q > 0)
      .sort((a, b) => b.q - a.q || a.index - b.index)
    for (const r of ranked) if (isLanguage(r.lang)) return r.lang
  }
  return 'en'
}
