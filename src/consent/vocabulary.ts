// How a consent was given or withdrawn, as closed lists: a consent record keeps these codes, never
// free text from a caller (a phone number typed into "channel" would outlive the person's erasure).

/** Where the person gave or withdrew consent. */
export const CONSENT_CHANNELS = ['web', 'web_form', 'mobile_app', 'email', 'phone', 'paper', 'in_person', 'api', 'import', 'list_unsubscribe', 'privacy_center'] as const
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number]

/** The affirmative act (or the act of withdrawal). */
export const CONSENT_ACTS = [
  'checkbox_ticked',
  'button_clicked',
  'double_opt_in_confirmed',
  'signed',
  'spoken',
  'email_reply',
  'preference_center',
  'withdrawal_requested',
  'unsubscribe_button',
  'one_click',
  'request',
] as const
export type ConsentAct = (typeof CONSENT_ACTS)[number]

export function isConsentChannel(value: string): value is ConsentChannel {
  return (CONSENT_CHANNELS as readonly string[]).includes(value)
}

export function isConsentAct(value: string): value is ConsentAct {
  return (CONSENT_ACTS as readonly string[]).includes(value)
}
