// The statement read the way a lawyer reads it before signing: each heading once, each language
// pure, one legal name and one address per language, the definitions of Art. 4(1) and 4(2) GDPR.
// Every expected value is written out here; none is computed with the code under test.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { loadPolicyFile } from '../src/policy/load.ts'
import { renderStatement } from '../src/policy/statement.ts'
import type { Policy } from '../src/policy/policy.ts'
import { EXAMPLE_POLICY } from './support/paths.ts'

type Lang = 'nl' | 'fr' | 'en'
const LANGS: readonly Lang[] = ['nl', 'fr', 'en']
const META = { version: 3, effectiveDate: '2026-02-01', privacyCenterUrl: 'https://privacy.ixpole.example/privacy-center' }

const example = await loadPolicyFile(EXAMPLE_POLICY)
const minimal = await loadPolicyFile(fileURLToPath(new URL('./fixtures/policy/minimal.yaml', import.meta.url)))

function decode(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

/** The words a reader sees, from HTML (tags dropped) or Markdown (escapes and link targets dropped). */
function readable(policy: Policy, lang: Lang, format: 'html' | 'md'): string {
  const out = renderStatement(policy, lang, format, META)
  if (format === 'html') {
    const body = out.replace(/<head>[\s\S]*?<\/head>/i, '').replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    return decode(body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ')
  }
  return out
    .replace(/\]\([^)]*\)/g, '] ')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/\s+/g, ' ')
}

function headings(policy: Policy, lang: Lang, format: 'html' | 'md'): string[] {
  const out = renderStatement(policy, lang, format, META)
  if (format === 'html') return [...out.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/gi)].map((m) => decode(m[1]!.replace(/<[^>]+>/g, '')).trim())
  return out.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => l.replace(/^#+ /, '').replace(/\\(.)/g, '$1').trim())
}

/**
 * Proper names, which read the same in every language: the company, its trading name, the streets
 * (Belgian street names have their official Dutch or French form), the cities, the example's
 * placeholder processors and its cookies and their providers. Stripped before any word is matched.
 */
const PROPER_NAMES = [
  'JAG2 Solutions', 'iXpole', 'Kempische Steenweg', 'Drukpersstraat', 'Rue de la Presse', 'Hasselt',
  'EU hosting provider', 'Accounting firm', 'E-mail marketing provider', 'Helpdesk software provider', 'Online survey provider',
  'pledge_consent', 'ixpole_session', '_pk_id', 'li_fat_id', 'Matomo', 'LinkedIn',
  'GBA / APD', 'JSON', 'CSV',
]

function withoutNames(text: string): string {
  let t = text.replace(/https?:\/\/[^\s)<>"]+/g, ' ').replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
  for (const name of PROPER_NAMES) t = t.split(name).join(' ')
  return t
}

/** English words that are no Dutch or French word ("of" and "is" are Dutch too, so not for nl). */
const ENGLISH = ['the', 'and', 'with', 'which', 'from', 'are', 'your', 'box', 'Privacy contact', 'Old Civil Code', 'VAT Code', 'Income Tax Code', 'company number', 'example', 'days', 'months', 'years', 'Implementing Decision', 'standard contractual clauses']
const ENGLISH_NOT_IN_FR = ['of', 'is', 'to']
/** Dutch words that are no French or English word ("en" and "de" are French too, so for en only). */
const DUTCH = ['bus', 'van', 'het', 'een', 'voor', 'uw', 'wij', 'Wetboek', 'Oud Burgerlijk Wetboek', 'straat', 'Brussel', 'maanden', 'jaar', 'voorbeeld', 'ondernemingsnummer', 'btw', 'Uitvoeringsbesluit', 'modelcontractbepalingen', 'Privacyaanspreekpunt']
const DUTCH_NOT_IN_EN = ['en', 'de', 'ons', 'wordt']

function foreignWords(text: string, words: readonly string[]): string[] {
  const t = withoutNames(text)
  return words.flatMap((w) => {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu')
    return [...t.matchAll(re)].map((m) => `"${w}" in …${t.slice(Math.max(0, m.index! - 40), m.index! + w.length + 40)}…`)
  })
}

const FORBIDDEN_WORDS: Record<Lang, readonly string[]> = {
  nl: ENGLISH,
  fr: [...ENGLISH, ...ENGLISH_NOT_IN_FR, ...DUTCH],
  en: [...DUTCH, ...DUTCH_NOT_IN_EN],
}

/** The example's legal name, address and contact in each language, written out. */
const LEGAL: Record<Lang, { name: string; otherForms: string[]; street: string; address: string; contact: string; authority: string }> = {
  nl: {
    name: 'JAG2 Solutions NV',
    otherForms: ['JAG2 Solutions SA', 'SA'],
    street: 'Kempische Steenweg 311 bus 1.02',
    address: 'Kempische Steenweg 311 bus 1.02, 3500 Hasselt, België',
    contact: 'Privacyaanspreekpunt JAG2 Solutions',
    authority: 'Drukpersstraat 35, 1000 Brussel, België',
  },
  fr: {
    name: 'JAG2 Solutions SA',
    otherForms: ['JAG2 Solutions NV', 'NV'],
    street: 'Kempische Steenweg 311 boîte 1.02',
    address: 'Kempische Steenweg 311 boîte 1.02, 3500 Hasselt, Belgique',
    contact: 'Point de contact vie privée JAG2 Solutions',
    authority: 'Rue de la Presse 35, 1000 Bruxelles, Belgique',
  },
  en: {
    name: 'JAG2 Solutions NV',
    otherForms: ['JAG2 Solutions SA', 'SA'],
    street: 'Kempische Steenweg 311 box 1.02',
    address: 'Kempische Steenweg 311 box 1.02, 3500 Hasselt, Belgium',
    contact: 'Privacy contact JAG2 Solutions',
    authority: 'Rue de la Presse 35, 1000 Brussels, Belgium',
  },
}

/** Art. 4(1) and 4(2) GDPR in the words of the Regulation in each language (Official Journal L 119). */
const DEFINITIONS: Record<Lang, { personalData: [string, string]; processing: [string, string]; article: [string, string] }> = {
  nl: {
    personalData: ['Persoonsgegevens', 'alle informatie over een geïdentificeerde of identificeerbare natuurlijke persoon'],
    processing: ['Verwerking', 'een bewerking of een geheel van bewerkingen met betrekking tot persoonsgegevens of een geheel van persoonsgegevens, al dan niet uitgevoerd via geautomatiseerde procedés'],
    article: ['art. 4, punt 1, AVG', 'art. 4, punt 2, AVG'],
  },
  fr: {
    personalData: ['Données à caractère personnel', 'toute information se rapportant à une personne physique identifiée ou identifiable'],
    processing: ['Traitement', "toute opération ou tout ensemble d'opérations effectuées ou non à l'aide de procédés automatisés et appliquées à des données ou des ensembles de données à caractère personnel"],
    article: ['art. 4, point 1, du RGPD', 'art. 4, point 2, du RGPD'],
  },
  en: {
    personalData: ['Personal data', 'any information relating to an identified or identifiable natural person'],
    processing: ['Processing', 'any operation or set of operations which is performed on personal data or on sets of personal data, whether or not by automated means'],
    article: ['Art. 4(1) GDPR', 'Art. 4(2) GDPR'],
  },
}

const LANGUAGE_NAME: Record<Lang, string> = { nl: 'Dutch', fr: 'French', en: 'English' }

for (const lang of LANGS) {
  for (const format of ['html', 'md'] as const) {
    const label = `${LANGUAGE_NAME[lang]} statement (${format === 'html' ? 'HTML' : 'Markdown'})`

    test(`REQ-TR-01 the ${label} has no section heading twice`, () => {
      const all = headings(example, lang, format)
      assert.ok(all.length >= 12, `headings found: ${all.join(' | ')}`)
      const seen = new Set<string>()
      const twice = all.filter((h) => (seen.has(h.toLowerCase()) ? true : (seen.add(h.toLowerCase()), false)))
      assert.deepEqual(twice, [])
    })

    test(`REQ-TR-01 the ${label} contains no word of another language`, () => {
      assert.deepEqual(foreignWords(readable(example, lang, format), FORBIDDEN_WORDS[lang]), [])
    })

    test(`REQ-TR-01 REQ-AUD-02 the ${label} names the controller ${LEGAL[lang].name} at ${LEGAL[lang].street}, and no other form`, () => {
      const t = readable(example, lang, format)
      const expected = LEGAL[lang]
      assert.ok(t.includes(expected.name), `legal name ${expected.name}`)
      assert.ok(t.includes(expected.address), `address ${expected.address}`)
      assert.ok(t.includes(expected.contact), `privacy contact ${expected.contact}`)
      assert.ok(t.includes(expected.authority), `authority address ${expected.authority}`)
      for (const form of expected.otherForms) {
        assert.doesNotMatch(t, new RegExp(`(?<![\\p{L}])${form}(?![\\p{L}])`, 'u'), `"${form}" must not occur in the ${LANGUAGE_NAME[lang]} text`)
      }
      // Every mention of the company with a legal form, and every mention of its street, is the one form.
      for (const m of t.matchAll(/JAG2 Solutions (NV|SA|BV|SRL)\b/g)) assert.equal(m[0], expected.name)
      for (const m of t.matchAll(/Kempische Steenweg 311[^,]*/g)) assert.equal(m[0], expected.street)
    })

    test(`REQ-TR-01 the ${label} defines personal data and processing (Art. 4(1), 4(2) GDPR)`, () => {
      const t = readable(example, lang, format).toLowerCase()
      const d = DEFINITIONS[lang]
      for (const [term, definition] of [d.personalData, d.processing]) {
        assert.ok(t.includes(term.toLowerCase()), `term ${term}`)
        assert.ok(t.includes(definition.toLowerCase()), `definition of ${term}: ${definition}`)
      }
      for (const article of d.article) assert.ok(t.includes(article.toLowerCase()), article)
    })
  }

  test(`REQ-TR-01 every policy's ${LANGUAGE_NAME[lang]} statement has the definitions, also a minimal one, and its own legal name`, () => {
    const t = readable(minimal, lang, 'md').toLowerCase()
    const d = DEFINITIONS[lang]
    assert.ok(t.includes(d.personalData[1].toLowerCase()))
    assert.ok(t.includes(d.processing[1].toLowerCase()))
    const name = { nl: 'example controller nv', fr: 'example controller sa', en: 'example controller nv' }[lang]
    assert.ok(t.includes(name), name)
    const street = { nl: 'teststraat 1 bus 2', fr: 'teststraat 1 boîte 2', en: 'teststraat 1 box 2' }[lang]
    assert.ok(t.includes(street), street)
  })
}

test('REQ-TR-01 the word check itself finds English in Dutch and Dutch in French, and ignores names, URLs and addresses', () => {
  assert.deepEqual(foreignWords('Kempische Steenweg 311 bus 1.02 (privacy@ixpole.example, https://www.ixpole.example/the/and)', DUTCH.filter((w) => w !== 'bus')), [])
  assert.equal(foreignWords('Neem contact op met the Privacy contact JAG2 Solutions.', ENGLISH).length, 2)
  assert.equal(foreignWords('Adresse : Kempische Steenweg 311 bus 1.02', DUTCH).length, 1)
  assert.equal(foreignWords('Oud Burgerlijk Wetboek art. 2262bis', DUTCH).length, 2)
})
