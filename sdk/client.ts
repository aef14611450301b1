// The typed Pledge client: openapi-fetch over the types generated from Pledge's OpenAPI document
// (api-types.ts, by `npm run sdk`). Every path, query parameter, body and response is typed.
//
//   const pledge = createPledgeClient({ baseUrl: 'https://privacy.example.com', apiKey: process.env.PLEDGE_API_KEY! })
//   const { data, error } = await pledge.POST('/v1/subjects', {
//     params: { query: { purpose: 'customer_registration' } },
//     body: { type: 'customer', externalId: 'crm-42', data: { 'contact.email': 'ann@example.com' } },
//   })
import createClient, { type Client } from 'openapi-fetch'
import type { paths } from './api-types.ts'

export type { paths, components, operations } from './api-types.ts'

export interface PledgeClientOptions {
  /** Where Pledge runs, e.g. https://privacy.example.com (its PLEDGE_BASE_URL). */
  readonly baseUrl: string
  /** An API key made with `pledge apikey create`; sent as `Authorization: Bearer <key>`. */
  readonly apiKey: string
  /** Another fetch implementation (tests, proxies). */
  readonly fetch?: typeof globalThis.fetch
  /** Extra headers on every request (e.g. x-request-id). */
  readonly headers?: Readonly<Record<string, string>>
}

export type PledgeClient = Client<paths>

export function createPledgeClient(options: PledgeClientOptions): PledgeClient {
  if (!options.apiKey) throw new Error('createPledgeClient: apiKey is required (make one with `pledge apikey create`)')
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { ...options.headers, authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
}
