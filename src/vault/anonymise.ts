// Irreversible anonymisation (REQ-ER-05): a value is not kept in any form that could be traced back
// to its person — only a count, in a bucket coarse enough to be shared by many. What each category
// keeps is the policy's `anonymise`: `drop` (a count only), `year` (the count per year of a date),
// `tally` (the count per short categorical value, such as a role or a survey answer). Buckets carry
// no subject, record, key or blind-index hash, and are published only from ten people up.

export type AnonymiseMethod = 'drop' | 'year' | 'tally'

/** Groups smaller than this are never published (WP29 05/2014: a small group singles people out). */
export const MIN_GROUP = 10

const SHORT = 64

/** The bucket a value is counted in; '' when the method keeps nothing of it. */
export function bucketOf(method: AnonymiseMethod, value: unknown): string {
  if (method === 'drop') return ''
  if (method === 'year') {
    const text = typeof value === 'string' ? value : ''
    const m = /^(\d{4})-\d{2}-\d{2}/.exec(text)
    return m ? m[1]! : ''
  }
  // tally: a short scalar, lower-cased and trimmed; anything longer or structured is free text: dropped.
  if (typeof value === 'boolean' || typeof value === 'number') return String(value)
  if (typeof value !== 'string') return ''
  const v = value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ')
  return v.length > 0 && v.length <= SHORT ? v : ''
}
