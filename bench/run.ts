// `npm run bench`: prints named figures (median of several runs) and ratios. BENCH_RUNS sets the
// number of runs, BENCH_ONLY=policy,reads picks sections.
import { benchPolicy, benchPointReads } from './foundation.ts'
import { benchGate } from './gate.ts'
import { benchAudit } from './audit.ts'
import { benchBanner } from './banner.ts'
import { benchImport } from './import.ts'
import { benchErasure } from './erasure.ts'
import { benchAccess } from './access.ts'
import { benchRequests } from './requests.ts'
import { benchRetention } from './retention.ts'
import { benchStaff } from './staff.ts'
import { benchConsole } from './console.ts'
import { benchNewsletter } from './newsletter.ts'
import { benchProfile } from './profile.ts'

const only = process.env.BENCH_ONLY?.split(',')
const sections: Record<string, () => Promise<void>> = {
  policy: benchPolicy,
  reads: benchPointReads,
  gate: benchGate,
  audit: benchAudit,
  banner: benchBanner,
  import: benchImport,
  erasure: benchErasure,
  access: benchAccess,
  requests: benchRequests,
  retention: benchRetention,
  staff: benchStaff,
  console: benchConsole,
  newsletter: benchNewsletter,
}
// Profiling is asked for by name only: it is not a figure.
if (only?.includes('profile')) sections.profile = benchProfile

console.log(`# Pledge bench — node ${process.version}, ${new Date().toISOString()}`)
for (const [name, run] of Object.entries(sections)) {
  if (only && !only.includes(name)) continue
  await run()
}
