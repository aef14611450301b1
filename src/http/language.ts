// Which language to answer in: ?lang= when given (and then it must be one we have), else the
// best match in Accept-Language, else English.
import { LANGUAGES, isLanguage, type Language } from '../policy/schema.ts'
import { AppError } from './errors.ts'

export { isLanguage }

/** The one answer to a language we do not have (the same as a route schema's enum gives). */
export function unknownLanguage(given: unknown, field = 'lang'): AppError {
  return new AppError(400, 'unknown_language', `unknown language ${typeof given === 'string' ? `"${given.slice(0, 16)}"` : 'given'}: use one of ${LANGUAGES.join(', ')}`, { field, allowed: LANGUAGES })
}

export function pickLanguage(explicit: string | undefined, acceptLanguage: string | undefined): Language {
  if (explicit !== undefined) {
    if (isLanguage(explicit)) return explicit
    throw unknownLanguage(explicit)
  }
  return acceptedLanguage(acceptLanguage) ?? 'en'
}

/** The best of our languages in an Accept-Language header, if it names one. */
export function acceptedLanguage(acceptLanguage: string | undefined): Language | undefined {
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
  return undefined
}
