// The processor and transfer register over the API (REQ-PRC-02, REQ-TF-01), for a signed-in staff
// member: the DPO and staff administrators read it, the DPO enters and changes it (rules in
// src/staff/permissions.ts). Every change is audited by the register (ids and codes).
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { staffOf } from '../auth.ts'
import { S } from '../limits.ts'
import { requireContractEnder, requireProcessorEditor, requireProcessorReader } from '../../staff/permissions.ts'
import { join } from 'node:path'
import { runEndOfContract } from '../../processors/end-of-contract.ts'
import { endOfContractDeps } from '../../processors/processor-operations.ts'
import { noticeView, registerView } from '../../processors/view.ts'

const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 422: { $ref: 'Error#' } }
const security = [{ staffSession: [] }]
const tags = ['processors']
const Country = { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' } as const
const Day = { type: 'string', maxLength: 10, description: 'YYYY-MM-DD' } as const
const Text = (maxLength: number, description?: string) => ({ type: 'string', maxLength, ...(description ? { description } : {}) }) as const

const Mechanism = {
  type: 'object',
  required: ['country', 'kind'],
  additionalProperties: false,
  description: 'one per location outside the EEA: an adequacy decision (id and date), or SCCs (module, signature date, transfer impact assessment date)',
  properties: {
    country: Country,
    kind: { type: 'string', enum: ['adequacy', 'scc'] },
    decisionId: Text(200, 'adequacy: the Commission decision, e.g. (EU) 2023/1795'),
    decisionDate: Day,
    sccModule: { type: 'integer', minimum: 1, maximum: 4 },
    signedOn: Day,
    tiaOn: Day,
  },
} as const

const Entry = {
  type: 'object',
  required: ['legalName'],
  additionalProperties: false,
  properties: {
    legalName: Text(200),
    address: Text(400),
    contact: Text(200),
    dpo: Text(200),
    processingLocations: { type: 'array', maxItems: 20, items: Country },
    supportLocations: { type: 'array', maxItems: 20, items: Country },
    dpa: {
      type: ['object', 'null'],
      required: ['version', 'signedOn'],
      additionalProperties: false,
      description: 'the data processing agreement (Art. 28(3)); processors and sub-processors need one that is in force',
      properties: {
        version: Text(80),
        signedOn: Day,
        endsOn: { type: ['string', 'null'], maxLength: 10 },
        terms: { type: 'object', additionalProperties: false, description: 'Art. 28(3)(a)–(h), ticked', properties: Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((t) => [t, { type: 'boolean' }])) },
      },
    },
    subProcessors: { type: 'array', maxItems: 50, items: { type: 'object', required: ['name', 'country'], additionalProperties: false, properties: { name: Text(200), country: Country, service: Text(200) } } },
    assurance: Text(1000, 'assurance evidence: certification, audit report (a reference)'),
    reviewOn: { type: ['string', 'null'], maxLength: 10 },
    mechanisms: { type: 'array', maxItems: 20, items: Mechanism },
    example: { type: 'boolean' },
  },
} as const

const View = {
  type: 'object',
  properties: {
    recipientId: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['processor', 'sub_processor', 'third_party', 'public_authority'] },
    country: { type: 'string' },
    service: { type: 'object', additionalProperties: { type: 'string' } },
    purposes: { type: 'array', items: { type: 'string' } },
    categories: { type: 'array', items: { type: 'string' } },
    entry: { anyOf: [Entry, { type: 'null' }] },
    gaps: { type: 'array', items: { type: 'string' }, description: 'what the gate misses: dpa_missing, dpa_not_yet_in_force, dpa_ended, mechanism_missing:<country>' },
    covered: { type: 'boolean', description: 'the gate lets disclosures to this recipient through' },
    missingTerms: { type: 'array', items: { type: 'string' }, description: 'Art. 28(3) points the recorded DPA does not tick' },
    updatedAt: { type: ['string', 'null'] },
    updatedBy: { type: ['string', 'null'] },
  },
} as const

const Notice = { type: 'object', properties: { id: { type: 'string' }, recipientId: { type: 'string' }, event: { type: 'string' }, missing: { type: 'array', items: { type: 'string' } }, sentAt: { type: 'string' } } } as const
const Params = { type: 'object', required: ['recipientId'], properties: { recipientId: S.policyId('a recipient id of the policy') } } as const

export async function processorRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  const register = runtime.processors

  app.get('/v1/processors', { schema: { tags, summary: 'The processor and transfer register: every recipient of the policy, its DPA, mechanisms and what the gate misses (DPO, staff administrators)', security, response: { 200: { type: 'object', properties: { processors: { type: 'array', items: View }, uncoveredNotices: { type: 'array', items: Notice } } }, ...errors } } }, async (request) => {
    requireProcessorReader(staffOf(request).party)
    const policy = runtime.policy()
    return { processors: register.list().map((row) => registerView(policy, row)), uncoveredNotices: (await register.uncoveredNotices()).map(noticeView) }
  })

  app.get<{ Params: { recipientId: string } }>(
    '/v1/processors/:recipientId',
    { schema: { tags, summary: 'One recipient\'s register row, with the legally required notices that went to it uncovered', security, params: Params, response: { 200: { type: 'object', properties: { processor: View, uncoveredNotices: { type: 'array', items: Notice } } }, ...errors } } },
    async (request) => {
      requireProcessorReader(staffOf(request).party)
      const row = register.row(request.params.recipientId)
      return { processor: registerView(runtime.policy(), row), uncoveredNotices: (await register.uncoveredNotices(row.recipient.id)).map(noticeView) }
    },
  )

  app.put<{ Params: { recipientId: string }; Body: unknown }>(
    '/v1/processors/:recipientId',
    { schema: { tags, summary: 'Enter or replace a recipient\'s register row (the DPO; audited). The gate reads it at once on this instance', security, params: Params, body: Entry, response: { 200: { type: 'object', properties: { processor: View } }, ...errors } } },
    async (request) => {
      const me = staffOf(request)
      requireProcessorEditor(me.party)
      const row = await register.set(me.party.id, request.params.recipientId, request.body)
      return { processor: registerView(runtime.policy(), row) }
    },
  )

  app.delete<{ Params: { recipientId: string } }>(
    '/v1/processors/:recipientId',
    { schema: { tags, summary: 'Remove a recipient\'s register row (the DPO; audited): a processor is refused from then on', security, params: Params, response: { 204: { type: 'null' }, ...errors } } },
    async (request, reply) => {
      const me = staffOf(request)
      requireProcessorEditor(me.party)
      await register.remove(me.party.id, request.params.recipientId)
      return reply.code(204).send()
    },
  )

  app.post<{ Body: { tenantId: string; return?: boolean; delete?: boolean } }>(
    '/v1/processors/end-of-contract',
    {
      schema: {
        tags,
        summary: 'End of a customer\'s contract (Art. 28(3)(g), REQ-PR-04): return its people\'s data (a ZIP in the data directory, contract-returns/) and/or delete them, then a signed deletion certificate (the DPO; audited per person; resumable: post it again)',
        security,
        body: {
          type: 'object',
          required: ['tenantId'],
          additionalProperties: false,
          properties: { tenantId: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$' }, return: { type: 'boolean', default: false }, delete: { type: 'boolean', default: false } },
        },
        response: {
          200: {
            type: 'object',
            required: ['runId', 'resumed', 'certificate'],
            properties: {
              runId: { type: 'string' },
              resumed: { type: 'boolean' },
              exportFile: { type: 'string', description: 'the return ZIP, on the server (data directory, contract-returns/)' },
              certificate: { type: 'object', additionalProperties: true, description: 'the signed deletion certificate (format pledge-deletion-certificate-v1): verify it with `pledge certificate verify` and /.well-known/pledge-keys.json' },
            },
          },
          409: { $ref: 'Error#' },
          ...errors,
        },
      },
    },
    async (request) => {
      const me = staffOf(request)
      requireContractEnder(me.party)
      const result = await runEndOfContract(endOfContractDeps(runtime), {
        tenantId: request.body.tenantId,
        returnDir: request.body.return ? join(runtime.config.dataDir, 'contract-returns') : undefined,
        delete: request.body.delete === true,
        startedBy: me.party.id,
      })
      return { runId: result.runId, resumed: result.resumed, ...(result.exportFile ? { exportFile: result.exportFile } : {}), certificate: result.certificate }
    },
  )
}
