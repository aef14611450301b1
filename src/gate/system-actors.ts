// Pledge's own jobs act as declared system actors: each is listed here once, with the purposes and
// categories it may use, what else it may do, and why. A room asks the gate for one by name
// (`gate.systemActor('newsletter')`) and cannot pass purposes of its own, so no room can widen the
// actor it works as. The importer is the one actor whose purpose comes from outside (the command
// line): `importActor` checks it against the policy as a key's purposes are checked.
import type { Policy } from '../policy/policy.ts'
import { COMPLAINT_PURPOSE, CONTACT_PURPOSE, NEWSLETTER_PURPOSE, NOTICE_PURPOSE, REQUEST_PURPOSE, BUILTIN_PURPOSES } from '../policy/builtin.ts'
import { mintActor, type Actor, type Capability } from './actor.ts'

export interface SystemActorDeclaration {
  /** Why this actor exists, as the privacy team would read it. */
  readonly why: string
  /** The purposes it may use, from the policy in force. */
  readonly purposes: (policy: Policy) => readonly string[]
  /** Per purpose, the only categories it may use (absent: none are narrowed). */
  readonly categories?: (policy: Policy) => ReadonlyMap<string, readonly string[]>
  readonly capabilities?: readonly Capability[]
}

/** The purpose the contact form records messages under (the policy's contactForm.purpose, default contact_requests). */
export const contactPurposeOf = (policy: Policy): string => policy.document.contactForm?.purpose ?? CONTACT_PURPOSE

/** The purpose complaints are recorded under (the policy's complaints.purpose, default complaints). */
export const complaintPurposeOf = (policy: Policy): string => policy.document.complaints?.purpose ?? COMPLAINT_PURPOSE

const directMarketing = (policy: Policy) => policy.purposes.filter((p) => p.directMarketing).map((p) => p.id)

export const SYSTEM_ACTORS = {
  requests: {
    why: 'carries out verified data-subject requests; every use of a person\'s data is bound to one request, one subject and one right (request grants), and it writes to requesters and matches their verified address in every tenant',
    purposes: () => [REQUEST_PURPOSE],
    capabilities: ['requesters'],
  },
  'art14-notices': {
    why: 'sends the Art. 14 notice to people registered from another source: their e-mail address, the recorded source and the language to write in, nothing else',
    purposes: () => [NOTICE_PURPOSE],
    categories: () => new Map([[NOTICE_PURPOSE, ['contact.email']]]),
  },
  'policy-notices': {
    why: 'tells the people a material change of the privacy statement affects, before it takes effect (REQ-TR-04): their e-mail address and the language to write in, nothing else, under the notice purpose',
    purposes: () => [NOTICE_PURPOSE],
    categories: () => new Map([[NOTICE_PURPOSE, ['contact.email']]]),
  },
  'breach-notices': {
    why: 'sends the Art. 34 communication of a high-risk personal data breach to each affected person the privacy team selected (REQ-BR-04): their e-mail address and the language to write in, nothing else, under the notice purpose',
    purposes: () => [NOTICE_PURPOSE],
    categories: () => new Map([[NOTICE_PURPOSE, ['contact.email']]]),
  },
  newsletter: {
    why: 'the double opt-in of Pledge\'s own newsletter form: opens the address waiting for confirmation, creates the subscriber or finds them, records their consent',
    purposes: (policy) => (policy.purpose(NEWSLETTER_PURPOSE) ? [NEWSLETTER_PURPOSE] : []),
    categories: () => new Map([[NEWSLETTER_PURPOSE, ['contact.email']]]),
    capabilities: ['subscriptions'],
  },
  contact: {
    why: 'records a message sent through the website\'s contact form as a new contact subject under the contact purpose, mails the sender an acknowledgement (never the message) and, once the sender confirmed the address, finds the controller\'s person it belongs to so the message can be linked; it never writes into that person',
    purposes: (policy) => {
      const id = contactPurposeOf(policy)
      return policy.purpose(id) ? [id] : []
    },
    capabilities: ['contact_form'],
  },
  complaints: {
    why: 'records a complaint filed in the privacy center as a new complainant subject under the complaints purpose, and reads back only the complainant\'s e-mail address and name to mail them the code, the acknowledgement and the outcome (never what they wrote)',
    purposes: (policy) => {
      const id = complaintPurposeOf(policy)
      return policy.purpose(id) ? [id] : []
    },
  },
  unsubscribe: {
    why: 'carries out a one-click unsubscribe the person made: withdraws consent, upholds the objection to direct marketing, suppresses the address; reads no data',
    purposes: () => [],
    capabilities: ['unsubscribe'],
  },
  mailer: {
    why: 'sends direct-marketing mail: the e-mail address only, under a direct-marketing purpose, when the gate lets that purpose reach the person',
    purposes: directMarketing,
    categories: (policy) => new Map(directMarketing(policy).map((p) => [p, ['contact.email']])),
  },
  retention: {
    why: 'the retention sweep: deletes, irreversibly anonymises or moves under the retention key what no purpose needs any more, and erases people nothing but a legal duty needs; reads no value except to count it when anonymising',
    purposes: () => [],
    capabilities: ['retention'],
  },
  'end-of-contract': {
    why: 'carries out a customer\'s end-of-contract instruction (Art. 28(3)(g), REQ-PR-04): returns every person of that one tenant (an export) and/or erases them by crypto-shredding, keeping tombstones and what a legal duty still needs; never a person of another tenant or of the controller',
    purposes: () => [],
    capabilities: ['end_of_contract'],
  },
  notifications: {
    why: 'tells customers and recipients of routed requests and of Art. 19 changes, by mail at the mailbox they registered when they have no webhook; ids only in the mail',
    purposes: () => [],
    capabilities: ['party_mailboxes'],
  },
} as const satisfies Record<string, SystemActorDeclaration>

export type SystemActorName = keyof typeof SYSTEM_ACTORS

/** The declared system actor, with its purposes as the policy in force gives them. */
export function declaredSystemActor(policy: Policy, name: SystemActorName): Actor {
  const d: SystemActorDeclaration = SYSTEM_ACTORS[name]
  return mintActor({
    kind: 'system',
    id: `system:${name}`,
    name: `Pledge (${name})`,
    purposes: d.purposes(policy),
    ...(d.categories ? { categories: d.categories(policy) } : {}),
    ...(d.capabilities ? { capabilities: d.capabilities } : {}),
  })
}

export class ImportPurposeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportPurposeError'
  }
}

/**
 * The importer's actor for the purpose named on its command line, checked against the policy like a
 * key's: a purpose the policy declares, of the controller's own processing, never a built-in one.
 */
export function importActor(policy: Policy, purposeId: string): Actor {
  if (BUILTIN_PURPOSES.includes(purposeId)) throw new ImportPurposeError(`${purposeId} is built in and creates nobody: import under a purpose of the policy (${policy.purposes.map((p) => p.id).join(', ')})`)
  const purpose = policy.purpose(purposeId)
  if (!purpose) throw new ImportPurposeError(`the policy has no purpose "${purposeId}"; it has ${policy.purposes.map((p) => p.id).join(', ')}`)
  if (purpose.role === 'processor') throw new ImportPurposeError(`${purposeId} is processing on behalf of a customer: a customer registers its own people with its key`)
  return mintActor({ kind: 'system', id: 'system:import', name: 'Pledge (import)', purposes: [purposeId] })
}

/**
 * The operator's actor at the command line for one purpose (`pledge subjects event … --purpose`),
 * checked like the importer's: a purpose the policy declares, of the controller's own processing.
 */
export function operatorActor(policy: Policy, purposeId: string): Actor {
  const purpose = policy.purpose(purposeId)
  if (!purpose || BUILTIN_PURPOSES.includes(purposeId)) throw new ImportPurposeError(`--purpose must be a purpose of the policy (${policy.purposes.map((p) => p.id).join(', ')}), got "${purposeId.slice(0, 64)}"`)
  if (purpose.role === 'processor') throw new ImportPurposeError(`${purposeId} is processing on behalf of a customer: the customer records its people's events with its key`)
  return mintActor({ kind: 'system', id: 'system:cli', name: 'Pledge (command line)', purposes: [purposeId] })
}
