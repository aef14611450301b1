// Which of the media types a route offers an Accept header ranks best. Ties, a missing or empty
// header and a header that names none of them go to the first offered (the route's default).

/** How much the header accepts `type`: the q of the most specific range matching it (0 if none). */
function quality(ranges: readonly { type: string; sub: string; q: number }[], offered: string): number {
  const [type = '', sub = ''] = offered.split('/')
  let best = -1
  let q = 0
  for (const r of ranges) {
    const specificity = r.type === type && r.sub === sub ? 2 : r.type === type && r.sub === '*' ? 1 : r.type === '*' && r.sub === '*' ? 0 : -1
    if (specificity > best) {
      best = specificity
      q = r.q
    }
  }
  return q
}

export function preferredType<T extends string>(accept: string | undefined, offered: readonly [T, ...T[]]): T {
  if (!accept || !accept.trim()) return offered[0]
  const ranges = accept
    .slice(0, 1024)
    .split(',')
    .map((part) => {
      const [range = '', ...params] = part.trim().toLowerCase().split(';')
      const [type = '', sub = ''] = range.trim().split('/')
      const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const q = qp === undefined ? 1 : Number(qp.slice(2))
      return { type, sub, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 }
    })
    .filter((r) => r.type && r.sub)
  let choice = offered[0]
  let best = quality(ranges, choice)
  for (const o of offered.slice(1)) {
    const q = quality(ranges, o)
    if (q > best) {
      best = q
      choice = o
    }
  }
  return choice
}
