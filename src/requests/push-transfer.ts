// A portability push to a controller outside the EEA (issue 16, REQ-TF-01, Art. 49(1)(a)).
//
// The person names the receiving controller's country with the push. In the EEA, or in a country
// with an adequacy decision, the push needs nothing more. Elsewhere there is no adequacy decision
// and no appropriate safeguard Pledge could rely on (the other controller is the person's choice,
// not a recipient of ours), so the only ground is the person's explicit consent after being told
// of the risks (Art. 49(1)(a)): the filing records when they accepted and the hash of the text shown.
import { createHash } from 'node:crypto'
import type { Language } from '../policy/schema.ts'
import { EEA_COUNTRIES } from '../policy/policy.ts'
import { AppError } from '../util/app-error.ts'

/**
 * Countries with an adequacy decision of the European Commission (Art. 45), from the Commission's
 * list "Adequacy decisions" (commission.europa.eu, data protection → international dimension):
 * Andorra, Argentina, Canada (commercial organisations), Faroe Islands, Guernsey, Israel, Isle of
 * Man, Japan, Jersey, New Zealand, Republic of Korea, Switzerland, United Kingdom, Uruguay. The
 * policy's own recipients carry their decision id and date (src/policy/schema.ts); this list is
 * only for a controller the person chose. The United States (EU-US Data Privacy Framework) covers
 * certified organisations only, which Pledge cannot check, so US is not covered here.
 */
export const ADEQUACY_COUNTRIES: ReadonlySet<string> = new Set(['AD', 'AR', 'CA', 'FO', 'GG', 'IL', 'IM', 'JP', 'JE', 'NZ', 'KR', 'CH', 'GB', 'UY'])

/** Two capital letters (ISO 3166-1 alpha-2 shape); the value itself is checked by the list above. */
const ALPHA2 = /^[A-Z]{2}$/

/** Normalises and checks a country code the person gave; throws a 400 with the reason. */
export function parsePushCountry(value: string | undefined): string {
  const c = (value ?? '').trim().toUpperCase()
  if (!c) throw new AppError(400, 'push_country_required', 'pushCountry (ISO 3166-1 alpha-2, the receiving controller\'s country) is required with pushTo')
  if (c.length !== 2 || !ALPHA2.test(c) || !isAssigned(c)) throw new AppError(400, 'invalid_push_country', 'pushCountry must be an ISO 3166-1 alpha-2 country code, such as BE or US')
  return c
}

/** Whether a push to this country needs no Art. 49 consent: EEA or an adequacy decision. */
export function pushCovered(country: string): boolean {
  return EEA_COUNTRIES.has(country) || ADEQUACY_COUNTRIES.has(country)
}

/** The risks the person is told of before a push to a country that is not covered (formal register). */
export const PUSH_RISKS_TEXT: Readonly<Record<Language, string>> = {
  en: 'The country of the controller you named has no adequacy decision of the European Commission, and no appropriate safeguards apply to this transfer. Your data may therefore not be protected there as they are in the European Union, and you may not be able to enforce your rights there. By ticking this box you explicitly consent to the transfer despite these risks (Article 49(1)(a) GDPR).',
  nl: 'Voor het land van de verwerkingsverantwoordelijke die u opgaf, bestaat geen adequaatheidsbesluit van de Europese Commissie, en voor deze doorgifte gelden geen passende waarborgen. Uw gegevens worden daar dus mogelijk niet beschermd zoals in de Europese Unie, en u kunt uw rechten daar mogelijk niet afdwingen. Door dit vakje aan te vinken, stemt u uitdrukkelijk in met de doorgifte ondanks deze risico\'s (artikel 49, lid 1, a), AVG).',
  fr: 'Le pays du responsable du traitement que vous avez indiqué ne fait l\'objet d\'aucune décision d\'adéquation de la Commission européenne, et aucune garantie appropriée ne s\'applique à ce transfert. Vos données pourraient donc ne pas y être protégées comme dans l\'Union européenne, et vous pourriez ne pas être en mesure d\'y faire valoir vos droits. En cochant cette case, vous consentez explicitement au transfert malgré ces risques (article 49, paragraphe 1, point a), du RGPD).',
}

/** The hash (sha256, hex) of the risks text in the language it was shown in, kept with the acceptance. */
export function pushRisksHash(lang: Language): string {
  return createHash('sha256').update(PUSH_RISKS_TEXT[lang]).digest('hex')
}

// ISO 3166-1 alpha-2 officially assigned codes.
const ASSIGNED = new Set(
  ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
    'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT ' +
    'JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ ' +
    'OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
    'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW').split(' '),
)
function isAssigned(c: string): boolean {
  return ASSIGNED.has(c)
}
