// Register: every Dutch text a person reads says "u"/"uw", every French text "vous" (the mails
// always did; pages and API messages must too). The test reads the source: every string under a
// `nl` or `fr` key or in a table named nl/fr, in every src/**/*.ts file, and every nl/fr text of
// the example policy and the policy fixtures.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { parse } from 'yaml'

const INFORMAL: Record<'nl' | 'fr', RegExp> = {
  // je / jij / jou / jouw / je's, also capitalised; "je" inside a word (jezelf is caught as well) is not a word on its own.
  nl: /(?<![\p{L}\p{N}'’-])(je|jij|jou|jouw|jezelf|je's|jullie)(?![\p{L}\p{N}-])/iu,
  // tu / toi / ton / ta / tes; "t'" elision of "te" as well (t'inscrire)
  fr: /(?<![\p{L}\p{N}'’-])(tu|toi|ton|ta|tes|te)(?![\p{L}\p{N}'’-])|(?<![\p{L}])t['’](?=\p{L})/iu,
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** Every string literal (template parts included) under a `nl:`/`fr:` property or a `const nl`/`const fr`. */
function sourceTexts(file: string): { lang: 'nl' | 'fr'; text: string; where: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const out: { lang: 'nl' | 'fr'; text: string; where: string }[] = []
  const collect = (node: ts.Node, lang: 'nl' | 'fr') => {
    const visit = (n: ts.Node) => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) push(n, n.text)
      else if (ts.isTemplateExpression(n)) {
        // The literal parts joined: "${x} je" reads as " je".
        push(n, [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' '))
      }
      // Property keys are not text; element access keys neither.
      if (ts.isPropertyAssignment(n)) return visit(n.initializer)
      ts.forEachChild(n, visit)
    }
    const push = (n: ts.Node, text: string) => {
      const { line } = source.getLineAndCharacterOfPosition(n.getStart())
      out.push({ lang, text, where: `${file}:${line + 1}` })
    }
    visit(node)
  }
  const visit = (n: ts.Node) => {
    const name = ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n) ? n.name : undefined
    const key = name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined
    const init = ts.isPropertyAssignment(n) ? n.initializer : ts.isVariableDeclaration(n) ? n.initializer : undefined
    if ((key === 'nl' || key === 'fr') && init) return collect(init, key)
    ts.forEachChild(n, visit)
  }
  visit(source)
  return out
}

function yamlTexts(file: string): { lang: 'nl' | 'fr'; text: string; where: string }[] {
  const out: { lang: 'nl' | 'fr'; text: string; where: string }[] = []
  const visit = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`))
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'nl' || k === 'fr') && typeof x === 'string') out.push({ lang: k, text: x, where: `${file} ${path}.${k}` })
        else visit(x, `${path}.${k}`)
      }
    }
  }
  visit(parse(readFileSync(file, 'utf8')), '')
  return out
}

const texts = [
  ...walk('src').flatMap(sourceTexts),
  ...['examples/ixpole/policy.yaml', 'test/fixtures/policy/minimal.yaml', 'test/fixtures/statement-policy.yaml'].flatMap(yamlTexts),
]

/**
 * Texts in the person's own voice, where the first person is right: the consent statement a
 * person ticks ("Oui, je souhaite recevoir la newsletter"). Written out, one by one.
 */
const FIRST_PERSON = [/^Oui, je souhaite recevoir la newsletter\. Je peux me désinscrire à tout moment en un clic\.$/]

test('the scan finds the string tables: the statement labels, the privacy center, the banner, the mails, the newsletter pages', () => {
  const files = new Set(texts.map((t) => t.where.split(/[: ]/)[0]))
  for (const f of ['src/policy/i18n.ts', 'src/http/privacy-center-i18n.ts', 'src/banner/texts.ts', 'src/mail/templates.ts', 'src/http/routes/newsletter.ts', 'src/consent/newsletter.ts', 'examples/ixpole/policy.yaml']) {
    assert.ok(files.has(f), `no nl/fr text found in ${f}`)
  }
  assert.ok(texts.filter((t) => t.lang === 'nl').length > 300, 'hundreds of Dutch texts')
})

test('every Dutch text is formal: u and uw, never je, jij, jou or jouw', () => {
  const informal = texts.filter((t) => t.lang === 'nl' && INFORMAL.nl.test(t.text))
  assert.deepEqual(informal.map((t) => `${t.where}: ${t.text}`), [])
})

test('every French text says vous, never tu, toi, ton, ta or tes', () => {
  const informal = texts.filter((t) => t.lang === 'fr' && INFORMAL.fr.test(t.text) && !FIRST_PERSON.some((re) => re.test(t.text)))
  assert.deepEqual(informal.map((t) => `${t.where}: ${t.text}`), [])
})

test('the register check itself catches an informal text and lets a formal one pass', () => {
  assert.ok(INFORMAL.nl.test('Kijk in je mailbox.'))
  assert.ok(INFORMAL.nl.test('Jouw gegevens'))
  assert.ok(INFORMAL.nl.test('Wil jij dat?'))
  assert.ok(!INFORMAL.nl.test('Kijk in uw mailbox: u ontvangt een e-mail. Jeugdbeweging, bijenkorf, projecten.'))
  assert.ok(INFORMAL.fr.test('Tu peux te désinscrire.'))
  assert.ok(INFORMAL.fr.test('Consulte ta boîte mail.'))
  assert.ok(INFORMAL.fr.test("Clique pour t'inscrire."))
  assert.ok(!INFORMAL.fr.test("Vous pouvez vous désinscrire à tout moment ; l'accès est journalisé, toute donnée, notre tâche, votre statut."))
})
