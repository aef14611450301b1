// `pledge newsletter send` as an operation: it runs in the CLI process (over a Runtime built there)
// or inside the running server that holds the embedded database. Answers are JSON: counts and ids.
import { OperationError, type OperationContext, type OperationResult } from '../operation.ts'
import type { Runtime } from '../runtime.ts'
import { GateDenied } from '../gate/gate.ts'
import { CampaignError, type CampaignContents } from './campaign.ts'

type Args = Record<string, string | undefined>

function runtimeOf(ctx: OperationContext): Runtime {
  if (!ctx.runtime) throw new OperationError('this command needs a Runtime (it was called without one)')
  return ctx.runtime
}

export function parseRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d{1,4}$/.test(value)) throw new OperationError(`--rate must be a whole number of mails a second (1 to 1000), got "${value.slice(0, 16)}"`)
  return Number(value)
}

/** Runs a campaign (or its dry run); `onProgress` only in process. */
export async function runCampaign(runtime: Runtime, args: Args, onProgress?: (done: number, total: number) => void): Promise<string> {
  const purpose = args.purpose ?? ''
  let content: CampaignContents
  try {
    content = JSON.parse(args.content ?? '{}') as CampaignContents
  } catch {
    throw new OperationError('the campaign content could not be read')
  }
  try {
    const actor = runtime.gate.operatorActor(purpose)
    const input = { purpose, content, rate: parseRate(args.rate) }
    if (args.dryRun === 'true') return JSON.stringify({ dryRun: true, ...(await runtime.campaigns.dryRun(actor, input)) })
    const id = args.resume ?? (await runtime.campaigns.create(actor, input))
    return JSON.stringify(await runtime.campaigns.send(id, { ...(input.rate ? { rate: input.rate } : {}), ...(onProgress ? { onProgress } : {}) }))
  } catch (err) {
    if (err instanceof CampaignError || err instanceof GateDenied) throw new OperationError(err.message)
    throw err
  }
}

export const newsletterOperations: Record<string, (ctx: OperationContext, args: Args) => Promise<OperationResult>> = {
  async 'newsletter-send'(ctx, args) {
    return { output: await runCampaign(runtimeOf(ctx), args) }
  },
}
