// Every migration, listed in code rather than globbed from disk, so a bundled build still finds them.
import type { Migration, MigrationProvider } from 'kysely'
import * as m0001 from './0001-foundation.ts'
import * as m0002 from './0002-vault-gate-audit.ts'
import * as m0003 from './0003-consent.ts'
import * as m0004 from './0004-records.ts'
import * as m0005 from './0005-jobs.ts'
import * as m0006 from './0006-erasure.ts'
import * as m0007 from './0007-requests.ts'
import * as m0008 from './0008-api-key-scopes.ts'
import * as m0009 from './0009-sealed-hold-reasons.ts'
import * as m0010 from './0010-code-resends.ts'
import * as m0011 from './0011-audit-seq.ts'
import * as m0012 from './0012-retention.ts'
import * as m0013 from './0013-audit-prune.ts'
import * as m0014 from './0014-staff.ts'
import * as m0015 from './0015-subject-language.ts'
import * as m0016 from './0016-policy-notices.ts'
import * as m0017 from './0017-api-key-last-used.ts'
import * as m0018 from './0018-contact-messages.ts'
import * as m0019 from './0019-newsletter-campaigns.ts'
import * as m0020 from './0020-processor-register.ts'
import * as m0021 from './0021-subprocessor-notice.ts'
import * as m0022 from './0022-contract-runs.ts'
import * as m0023 from './0023-push-risks.ts'
import * as m0024 from './0024-breach-register.ts'
import * as m0026 from './0026-complaints.ts'
import * as m0028 from './0028-dpia-register.ts'
import * as m0030 from './0030-subject-state-function.ts'

export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-vault-gate-audit': m0002,
  '0003-consent': m0003,
  '0004-records': m0004,
  '0005-jobs': m0005,
  '0006-erasure': m0006,
  '0007-requests': m0007,
  '0008-api-key-scopes': m0008,
  '0009-sealed-hold-reasons': m0009,
  '0010-code-resends': m0010,
  '0011-audit-seq': m0011,
  '0012-retention': m0012,
  '0013-audit-prune': m0013,
  '0014-staff': m0014,
  '0015-subject-language': m0015,
  '0016-policy-notices': m0016,
  '0017-api-key-last-used': m0017,
  '0018-contact-messages': m0018,
  '0019-newsletter-campaigns': m0019,
  '0020-processor-register': m0020,
  '0021-subprocessor-notice': m0021,
  '0022-contract-runs': m0022,
  '0023-push-risks': m0023,
  '0024-breach-register': m0024,
  '0026-complaints': m0026,
  '0028-dpia-register': m0028,
  '0030-subject-state-function': m0030,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
