// The texts of the public pages about the statement's versions (the list of published versions and
// what changed between two of them), in Dutch (formal: u), French (vous) and English. French puts a
// no-break space (\u00a0) before a colon, so a line never starts with one.
import type { Language } from '../policy/schema.ts'
import type { MaterialAspect } from '../policy/statement-diff.ts'

export interface VersionsTexts {
  // the list
  title: string
  intro: (controller: string) => string
  caption: string
  versionCol: string
  effectiveCol: string
  publishedCol: string
  changesCol: string
  readCol: string
  inForce: string
  announced: string
  version: (n: number) => string
  firstVersion: string
  noMaterial: string
  material: string
  purposeAdded: string
  purposeRemoved: string
  aspects: Readonly<Record<MaterialAspect, string>>
  readVersion: (n: number) => string
  diffSince: (n: number) => string
  statementInForce: string
  // the comparison
  diffTitle: string
  /** "version 2 (effective 1 April 2026)": used on both sides of the arrow. */
  versionEffective: (n: number, date: string) => string
  legend: string
  legendAdded: string
  legendRemoved: string
  srAdded: string
  srRemoved: string
  srEnd: string
  counts: (changed: number, added: number, removed: number) => string
  noDifference: string
  folded: (n: number) => string
  allVersions: string
  plainText: string
  materialIn: (n: number) => string
}

export const VERSIONS_TEXTS: Readonly<Record<Language, VersionsTexts>> = {
  en: {
    title: 'Versions of the privacy statement',
    intro: (c) =>
      `Every version of the privacy statement of ${c} that we have published, the newest first, with the date it takes effect. Before a material change takes effect, we inform you actively if it concerns you.`,
    caption: 'Published versions',
    versionCol: 'Version',
    effectiveCol: 'Takes effect',
    publishedCol: 'Published',
    changesCol: 'What changed',
    readCol: 'Read',
    inForce: 'in force',
    announced: 'announced',
    version: (n) => `Version ${n}`,
    firstVersion: 'The first published version.',
    noMaterial: 'No material change: the wording only.',
    material: 'Material changes:',
    purposeAdded: 'new purpose',
    purposeRemoved: 'purpose removed',
    aspects: { basis: 'legal basis', categories: 'data', recipients: 'recipients', retention: 'retention' },
    readVersion: (n) => `Read version ${n}`,
    diffSince: (n) => `What changed since version ${n}`,
    statementInForce: 'Read the statement in force',
    diffTitle: 'What changed in the privacy statement',
    versionEffective: (n, d) => `version ${n} (effective ${d})`,
    legend: 'How changes are marked:',
    legendAdded: 'added text',
    legendRemoved: 'removed text',
    srAdded: '[added: ',
    srRemoved: '[removed: ',
    srEnd: ']',
    counts: (c, a, r) => `Passages changed: ${c} · added: ${a} · removed: ${r}.`,
    noDifference: 'In this language, the text of both versions is the same.',
    folded: (n) => `${n} unchanged passages`,
    allVersions: 'All versions of the statement',
    plainText: 'The same comparison as plain text (unified diff)',
    materialIn: (n) => `Material changes in version ${n}`,
  },
  nl: {
    title: 'Versies van de privacyverklaring',
    intro: (c) =>
      `Alle versies van de privacyverklaring van ${c} die wij hebben gepubliceerd, de nieuwste eerst, met de datum waarop ze van kracht worden. Vóór een belangrijke wijziging van kracht wordt, brengen wij u daar actief van op de hoogte als ze u betreft.`,
    caption: 'Gepubliceerde versies',
    versionCol: 'Versie',
    effectiveCol: 'Van kracht vanaf',
    publishedCol: 'Gepubliceerd op',
    changesCol: 'Wat is gewijzigd',
    readCol: 'Lezen',
    inForce: 'van kracht',
    announced: 'aangekondigd',
    version: (n) => `Versie ${n}`,
    firstVersion: 'De eerste gepubliceerde versie.',
    noMaterial: 'Geen belangrijke wijziging: alleen de formulering.',
    material: 'Belangrijke wijzigingen:',
    purposeAdded: 'nieuw doel',
    purposeRemoved: 'doel geschrapt',
    aspects: { basis: 'rechtsgrond', categories: 'gegevens', recipients: 'ontvangers', retention: 'bewaartermijn' },
    readVersion: (n) => `Versie ${n} lezen`,
    diffSince: (n) => `Wat is gewijzigd sinds versie ${n}`,
    statementInForce: 'De geldende privacyverklaring lezen',
    diffTitle: 'Wat is gewijzigd in de privacyverklaring',
    versionEffective: (n, d) => `versie ${n} (van kracht vanaf ${d})`,
    legend: 'Zo zijn de wijzigingen aangeduid:',
    legendAdded: 'toegevoegde tekst',
    legendRemoved: 'geschrapte tekst',
    srAdded: '[toegevoegd: ',
    srRemoved: '[geschrapt: ',
    srEnd: ']',
    counts: (c, a, r) => `Gewijzigde passages: ${c} · toegevoegd: ${a} · geschrapt: ${r}.`,
    noDifference: 'In deze taal is de tekst van beide versies dezelfde.',
    folded: (n) => `${n} ongewijzigde passages`,
    allVersions: 'Alle versies van de verklaring',
    plainText: 'Dezelfde vergelijking als platte tekst (unified diff)',
    materialIn: (n) => `Belangrijke wijzigingen in versie ${n}`,
  },
  fr: {
    title: 'Versions de la déclaration de confidentialité',
    intro: (c) =>
      `Toutes les versions de la déclaration de confidentialité de ${c} que nous avons publiées, de la plus récente à la plus ancienne, avec la date de leur entrée en vigueur. Avant qu'une modification importante n'entre en vigueur, nous vous en informons activement si elle vous concerne.`,
    caption: 'Versions publiées',
    versionCol: 'Version',
    effectiveCol: 'En vigueur le',
    publishedCol: 'Publiée le',
    changesCol: 'Ce qui a changé',
    readCol: 'Lire',
    inForce: 'en vigueur',
    announced: 'annoncée',
    version: (n) => `Version ${n}`,
    firstVersion: 'La première version publiée.',
    noMaterial: 'Aucune modification importante\u00a0: seulement la formulation.',
    material: 'Modifications importantes\u00a0:',
    purposeAdded: 'nouvelle finalité',
    purposeRemoved: 'finalité supprimée',
    aspects: { basis: 'base juridique', categories: 'données', recipients: 'destinataires', retention: 'durée de conservation' },
    readVersion: (n) => `Lire la version ${n}`,
    diffSince: (n) => `Ce qui a changé depuis la version ${n}`,
    statementInForce: 'Lire la déclaration en vigueur',
    diffTitle: 'Ce qui a changé dans la déclaration de confidentialité',
    versionEffective: (n, d) => `version ${n} (en vigueur le ${d})`,
    legend: 'Comment les modifications sont indiquées\u00a0:',
    legendAdded: 'texte ajouté',
    legendRemoved: 'texte supprimé',
    srAdded: '[ajouté\u00a0: ',
    srRemoved: '[supprimé\u00a0: ',
    srEnd: ']',
    counts: (c, a, r) => `Passages modifiés\u00a0: ${c} · ajoutés\u00a0: ${a} · supprimés\u00a0: ${r}.`,
    noDifference: 'Dans cette langue, le texte des deux versions est identique.',
    folded: (n) => `${n} passages inchangés`,
    allVersions: 'Toutes les versions de la déclaration',
    plainText: 'La même comparaison en texte brut (unified diff)',
    materialIn: (n) => `Modifications importantes dans la version ${n}`,
  },
}
