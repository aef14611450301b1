// Purposes every policy has without declaring them, and the purpose ids Pledge's own features use.
// The gate decides for the built-in ones itself (src/gate/request-grant.ts, src/gate/decide.ts).

/**
 * Answering data-subject requests (Art. 6(1)(c), the legal obligation of Art. 12-22). Staff roles
 * and API keys may hold it, which lets them handle requests; a use of a person's data under it is
 * allowed only through a grant bound to one verified request, one subject and one right.
 */
export const REQUEST_PURPOSE = 'data_subject_request'

/**
 * Telling people registered from another source who we are and where their data came from (Art. 14,
 * Art. 6(1)(c)). Only the declared system actor of the Art. 14 round holds it, for the e-mail
 * address and the recorded source; no key or staff role may.
 */
export const NOTICE_PURPOSE = 'art14_notice'

export const BUILTIN_PURPOSES: readonly string[] = [REQUEST_PURPOSE, NOTICE_PURPOSE]

/** The purpose Pledge's own newsletter form records consent for (declared in the policy). */
export const NEWSLETTER_PURPOSE = 'newsletter'

/** The purpose the website's contact form records messages under, unless the policy's contactForm names another. */
export const CONTACT_PURPOSE = 'contact_requests'
/** The subject type a contact-form sender is recorded as, unless the policy's contactForm names another. */
export const CONTACT_SUBJECT_TYPE = 'contact'

/** The purpose complaints are recorded under, unless the policy's complaints section names another. */
export const COMPLAINT_PURPOSE = 'complaints'
/** The subject type a complainant is recorded as, unless the policy's complaints section names another. */
export const COMPLAINANT_SUBJECT_TYPE = 'complainant'
