// The DPIA screening vocabulary (REQ-DPIA-01), with stable codes and nl/fr/en labels: the three
// Art. 35(3) cases, the nine WP248 rev.01 criteria, and the items of the Belgian supervisory
// authority's list of processing that needs a DPIA (GBA/APD, Recommendation 01/2018 and its list in
// force since 1 April 2019). Codes are stored in the register and never renamed.
import type { Language } from '../policy/schema.ts'

type Labels = Readonly<Record<Language, string>>

export const ART35_CASES = {
  art35_3_a: { nl: 'Systematische en uitgebreide beoordeling op basis van geautomatiseerde verwerking, met profilering, met rechtsgevolgen of vergelijkbare aanzienlijke gevolgen (art. 35(3)(a))', fr: 'Évaluation systématique et approfondie fondée sur un traitement automatisé, y compris le profilage, produisant des effets juridiques ou similaires (art. 35(3)(a))', en: 'Systematic and extensive evaluation based on automated processing, including profiling, with legal or similarly significant effects (Art. 35(3)(a))' },
  art35_3_b: { nl: 'Grootschalige verwerking van bijzondere categorieën (art. 9) of strafrechtelijke gegevens (art. 10) (art. 35(3)(b))', fr: 'Traitement à grande échelle de catégories particulières (art. 9) ou de données pénales (art. 10) (art. 35(3)(b))', en: 'Large-scale processing of special categories (Art. 9) or criminal-offence data (Art. 10) (Art. 35(3)(b))' },
  art35_3_c: { nl: 'Stelselmatige en grootschalige monitoring van openbaar toegankelijke ruimten (art. 35(3)(c))', fr: 'Surveillance systématique à grande échelle d\'une zone accessible au public (art. 35(3)(c))', en: 'Systematic monitoring of a publicly accessible area on a large scale (Art. 35(3)(c))' },
} as const satisfies Record<string, Labels>

export const WP248_CRITERIA = {
  wp248_1_scoring: { nl: 'Evaluatie of scoring, met inbegrip van profilering en voorspelling', fr: 'Évaluation ou notation, y compris le profilage et la prédiction', en: 'Evaluation or scoring, including profiling and predicting' },
  wp248_2_automated_decision: { nl: 'Geautomatiseerde besluitvorming met rechtsgevolg of vergelijkbaar wezenlijk gevolg', fr: 'Prise de décision automatisée avec effet juridique ou effet similaire significatif', en: 'Automated decision-making with legal or similarly significant effect' },
  wp248_3_monitoring: { nl: 'Stelselmatige monitoring', fr: 'Surveillance systématique', en: 'Systematic monitoring' },
  wp248_4_sensitive: { nl: 'Gevoelige gegevens of gegevens van zeer persoonlijke aard', fr: 'Données sensibles ou données à caractère hautement personnel', en: 'Sensitive data or data of a highly personal nature' },
  wp248_5_large_scale: { nl: 'Grootschalige verwerking', fr: 'Données traitées à grande échelle', en: 'Data processed on a large scale' },
  wp248_6_matching: { nl: 'Matching of combineren van datasets', fr: 'Croisement ou combinaison d\'ensembles de données', en: 'Matching or combining datasets' },
  wp248_7_vulnerable: { nl: 'Gegevens over kwetsbare betrokkenen (kinderen, werknemers, …)', fr: 'Données concernant des personnes vulnérables (enfants, employés, …)', en: 'Data concerning vulnerable data subjects (children, employees, …)' },
  wp248_8_innovative: { nl: 'Innovatief gebruik of toepassing van nieuwe technologische of organisatorische oplossingen', fr: 'Usage innovant ou application de nouvelles solutions technologiques ou organisationnelles', en: 'Innovative use or applying new technological or organisational solutions' },
  wp248_9_prevents_right: { nl: 'Verwerking die betrokkenen belet een recht uit te oefenen of een dienst of contract te gebruiken', fr: 'Traitement qui empêche les personnes d\'exercer un droit ou de bénéficier d\'un service ou d\'un contrat', en: 'Processing that prevents data subjects from exercising a right or using a service or contract' },
} as const satisfies Record<string, Labels>

export const GBA_LIST = {
  gba_biometric: { nl: 'Biometrische gegevens voor de unieke identificatie van personen in een openbare of private ruimte', fr: 'Données biométriques aux fins d\'identifier de manière unique des personnes dans un lieu public ou privé', en: 'Biometric data for the unique identification of people in a public or private space' },
  gba_genetic: { nl: 'Genetische gegevens', fr: 'Données génétiques', en: 'Genetic data' },
  gba_health_implant: { nl: 'Gezondheidsgegevens verzameld met implanteerbare medische hulpmiddelen', fr: 'Données de santé collectées par des dispositifs médicaux implantables', en: 'Health data collected by implantable medical devices' },
  gba_vulnerable_other_purpose: { nl: 'Grootschalige verwerking van gegevens van kwetsbare personen (kinderen) voor een ander doel', fr: 'Traitement à grande échelle de données de personnes vulnérables (enfants) à une autre fin', en: 'Large-scale processing of data of vulnerable people (children) for another purpose' },
  gba_location: { nl: 'Grootschalige verwerking van locatiegegevens', fr: 'Traitement à grande échelle de données de localisation', en: 'Large-scale processing of location data' },
  gba_communications: { nl: 'Grootschalige verwerking van communicatiegegevens', fr: 'Traitement à grande échelle de données de communications', en: 'Large-scale processing of communication data' },
  gba_employee_monitoring: { nl: 'Grootschalige profilering of monitoring van werknemers', fr: 'Profilage ou surveillance à grande échelle des employés', en: 'Large-scale profiling or monitoring of employees' },
  gba_combining_controllers: { nl: 'Combineren van gegevens van verschillende verwerkingsverantwoordelijken', fr: 'Combinaison de données provenant de différents responsables du traitement', en: 'Combining data from different controllers' },
  gba_third_party_prediction: { nl: 'Grootschalige verzameling bij derden om de economische situatie, gezondheid, voorkeuren, … te analyseren of te voorspellen', fr: 'Collecte à grande échelle auprès de tiers pour analyser ou prédire la situation économique, la santé, les préférences, …', en: 'Large-scale collection from third parties to analyse or predict economic situation, health, preferences, …' },
} as const satisfies Record<string, Labels>

export type Art35Case = keyof typeof ART35_CASES
export type Wp248Criterion = keyof typeof WP248_CRITERIA
export type GbaItem = keyof typeof GBA_LIST

export const ART35_CODES = Object.keys(ART35_CASES) as Art35Case[]
export const WP248_CODES = Object.keys(WP248_CRITERIA) as Wp248Criterion[]
export const GBA_CODES = Object.keys(GBA_LIST) as GbaItem[]

/** Any code of the three lists, with its label in a language. */
export function screeningLabel(code: string, lang: Language): string {
  const all: Record<string, Labels> = { ...ART35_CASES, ...WP248_CRITERIA, ...GBA_LIST }
  return all[code]?.[lang] ?? code
}

/**
 * The re-screening triggers (REQ-DPIA-02, Art. 35(11)), with a parameter after the colon:
 * category_added:<category>, special_category_added:<category> (an Art. 9 category, or a photo that
 * may be used for recognition), third_country_recipient:<recipient>, automated_decisions_added,
 * new_technology:<flag>.
 */
export const TRIGGERS = {
  category_added: { nl: 'Nieuwe gegevenscategorie', fr: 'Nouvelle catégorie de données', en: 'New data category' },
  special_category_added: { nl: 'Nieuwe bijzondere of biometrische categorie (foto\'s voor herkenning)', fr: 'Nouvelle catégorie particulière ou biométrique (photos pour reconnaissance)', en: 'New special or biometric category (photos used for recognition)' },
  third_country_recipient: { nl: 'Nieuwe ontvanger of verwerker in een derde land', fr: 'Nouveau destinataire ou sous-traitant dans un pays tiers', en: 'New recipient or processor in a third country' },
  automated_decisions_added: { nl: 'Geautomatiseerde besluitvorming toegevoegd', fr: 'Décision automatisée ajoutée', en: 'Automated decision-making added' },
  new_technology: { nl: 'Nieuwe technologie', fr: 'Nouvelle technologie', en: 'New technology' },
} as const satisfies Record<string, Labels>

export type TriggerKind = keyof typeof TRIGGERS

export function triggerLabel(trigger: string, lang: Language): string {
  const [kind, param] = trigger.split(':')
  const label = (TRIGGERS as Record<string, Labels>)[kind!]?.[lang] ?? kind!
  return param ? `${label}: ${param}` : label
}
