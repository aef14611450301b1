// Purposes every policy has without declaring them. The one today: answering data-subject requests
// (Art. 6(1)(c), the legal obligation of Art. 12-22). Staff roles and API keys may name it; the gate
// decides for it in src/gate/request-purpose.ts.
export const REQUEST_PURPOSE = 'data_subject_request'
