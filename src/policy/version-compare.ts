// What changed between two published statements, for a person to read: both statements (in one
// language) flattened into lines (a heading, a paragraph, a list item, a table row), compared line by
// line, and a changed line compared word by word. Long unchanged stretches are grouped so a page can
// fold them away. No HTML here: the page's renderer marks the result up.
import { diffArrays, diffWords } from 'diff'
import type { Block, Inline } from './statement.ts'

export type LineKind = 'h1' | 'h2' | 'h3' | 'p' | 'li' | 'dt' | 'dd' | 'caption' | 'row'

export interface StatementLine {
  readonly kind: LineKind
  readonly text: string
}

/** A piece of a changed line: kept, inserted (only in the newer) or deleted (only in the older). */
export interface Part {
  readonly op: 'same' | 'ins' | 'del'
  readonly text: string
}

export type MarkedLine =
  | { readonly change: 'same' | 'added' | 'removed'; readonly kind: LineKind; readonly text: string }
  | { readonly change: 'changed'; readonly kind: LineKind; readonly parts: readonly Part[] }

/** Unchanged lines grouped away (a page shows them folded). */
export interface FoldedLines {
  readonly change: 'folded'
  readonly lines: readonly StatementLine[]
}

export type DiffItem = MarkedLine | FoldedLines

export interface StatementComparison {
  readonly items: readonly DiffItem[]
  /** Lines only in the newer statement, only in the older one, and changed within. */
  readonly counts: { readonly added: number; readonly removed: number; readonly changed: number }
}

export interface CompareOptions {
  /** Unchanged lines kept visible on each side of a change. */
  readonly context?: number
  /** A run of unchanged lines longer than this is folded (apart from its context). */
  readonly foldOver?: number
}

function inlineText(content: readonly Inline[]): string {
  return content.map((c) => (typeof c === 'string' ? c : 'strong' in c ? c.strong : c.text)).join('')
}

/** The statement's document model as lines of text, in reading order. */
export function statementLines(blocks: readonly Block[]): StatementLine[] {
  const out: StatementLine[] = []
  for (const b of blocks) {
    switch (b.kind) {
      case 'h':
        out.push({ kind: `h${b.level}`, text: b.text })
        break
      case 'p':
        out.push({ kind: 'p', text: inlineText(b.content) })
        break
      case 'ul':
        for (const item of b.items) out.push({ kind: 'li', text: inlineText(item) })
        break
      case 'dl':
        for (const e of b.entries) {
          out.push({ kind: 'dt', text: e.term })
          for (const d of e.details) out.push({ kind: 'dd', text: inlineText(d) })
        }
        break
      case 'table':
        out.push({ kind: 'caption', text: b.caption })
        for (const row of b.rows) {
          const [first = [], ...rest] = row
          out.push({ kind: 'row', text: [inlineText(first), rest.map(inlineText).join(' · ')].filter(Boolean).join(' — ') })
        }
        break
    }
  }
  return out
}

const key = (l: StatementLine) => `${l.kind}\u0001${l.text}`

/** The word-level parts of a line that changed, and how much of it stayed (0..1). */
function wordParts(before: string, after: string): { parts: Part[]; kept: number } {
  const parts: Part[] = []
  let same = 0
  for (const c of diffWords(before, after)) {
    const op = c.added ? 'ins' : c.removed ? 'del' : 'same'
    if (op === 'same') same += c.value.length
    const last = parts.at(-1)
    if (last && last.op === op) parts[parts.length - 1] = { op, text: last.text + c.value }
    else parts.push({ op, text: c.value })
  }
  const total = before.length + after.length
  return { parts, kept: total === 0 ? 1 : (2 * same) / total }
}

/** How far ahead among the added lines a counterpart of a removed line is looked for. */
const LOOKAHEAD = 3
/** A removed and an added line are one changed line when at least this share of the text stayed. */
const SIMILAR = 0.5

/** Pairs removed lines with the added lines they became (same kind, mostly the same words). */
function alignChanges(removed: readonly StatementLine[], added: readonly StatementLine[]): MarkedLine[] {
  const out: MarkedLine[] = []
  let j = 0
  for (const r of removed) {
    let match = -1
    let parts: Part[] = []
    for (let k = j; k < Math.min(added.length, j + LOOKAHEAD); k++) {
      const a = added[k]!
      if (a.kind !== r.kind) continue
      const w = wordParts(r.text, a.text)
      if (w.kept >= SIMILAR) {
        match = k
        parts = w.parts
        break
      }
    }
    if (match < 0) {
      out.push({ change: 'removed', kind: r.kind, text: r.text })
      continue
    }
    for (; j < match; j++) out.push({ change: 'added', kind: added[j]!.kind, text: added[j]!.text })
    out.push({ change: 'changed', kind: r.kind, parts })
    j = match + 1
  }
  for (; j < added.length; j++) out.push({ change: 'added', kind: added[j]!.kind, text: added[j]!.text })
  return out
}

function isHeading(l: StatementLine): boolean {
  return l.kind === 'h1' || l.kind === 'h2' || l.kind === 'h3'
}

/** Folds the middle of long unchanged runs, keeping context and the heading a change sits under. */
function fold(lines: readonly MarkedLine[], context: number, foldOver: number): DiffItem[] {
  const out: DiffItem[] = []
  let i = 0
  while (i < lines.length) {
    if (lines[i]!.change !== 'same') {
      out.push(lines[i]!)
      i++
      continue
    }
    let end = i
    while (end < lines.length && lines[end]!.change === 'same') end++
    const run = lines.slice(i, end) as { kind: LineKind; text: string }[]
    const atStart = i === 0
    const atEnd = end === lines.length
    const head = atStart ? 0 : context
    let tailStart = atEnd ? run.length : run.length - context
    // The heading of the section the next change is in, when it is close, stays visible.
    if (!atEnd && !run.slice(tailStart).some(isHeading)) {
      for (let k = tailStart - 1; k >= Math.max(head, tailStart - 6); k--) {
        if (isHeading(run[k]!)) {
          tailStart = k
          break
        }
      }
    }
    if (run.length <= foldOver || tailStart - head < 3) {
      for (const l of run) out.push({ change: 'same', kind: l.kind, text: l.text })
    } else {
      for (const l of run.slice(0, head)) out.push({ change: 'same', kind: l.kind, text: l.text })
      out.push({ change: 'folded', lines: run.slice(head, tailStart).map((l) => ({ kind: l.kind, text: l.text })) })
      for (const l of run.slice(tailStart)) out.push({ change: 'same', kind: l.kind, text: l.text })
    }
    i = end
  }
  return out
}

/** Compares two statements (their document models, in the same language): older first. */
export function compareStatements(older: readonly Block[], newer: readonly Block[], options: CompareOptions = {}): StatementComparison {
  const a = statementLines(older)
  const b = statementLines(newer)
  const marked: MarkedLine[] = []
  let removed: StatementLine[] = []
  let added: StatementLine[] = []
  const flush = () => {
    if (removed.length || added.length) marked.push(...alignChanges(removed, added))
    removed = []
    added = []
  }
  let ai = 0
  let bi = 0
  for (const c of diffArrays(a.map(key), b.map(key))) {
    const n = c.count ?? c.value.length
    if (c.removed) {
      removed.push(...a.slice(ai, ai + n))
      ai += n
    } else if (c.added) {
      added.push(...b.slice(bi, bi + n))
      bi += n
    } else {
      flush()
      for (const l of b.slice(bi, bi + n)) marked.push({ change: 'same', kind: l.kind, text: l.text })
      ai += n
      bi += n
    }
  }
  flush()
  const counts = { added: 0, removed: 0, changed: 0 }
  for (const l of marked) if (l.change !== 'same') counts[l.change]++
  return { items: fold(marked, options.context ?? 2, options.foldOver ?? 6), counts }
}
