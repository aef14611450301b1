// GET /.well-known/pledge-keys.json: the public halves of the audit signing key, one per master key
// version (current first), with which anyone verifies a deletion certificate
// (`pledge certificate verify FILE --keys pledge-keys.json`) or a signed audit head offline. Public:
// a public key reveals nothing.
import type { FastifyInstance } from 'fastify'
import type { Runtime } from '../../runtime.ts'
import { keysDocument } from '../../processors/certificate.ts'

export async function publicKeyRoutes(app: FastifyInstance, { runtime }: { runtime: Runtime }): Promise<void> {
  app.get(
    '/.well-known/pledge-keys.json',
    {
      schema: {
        tags: ['processors'],
        summary: 'The public keys that verify deletion certificates and signed audit heads (Ed25519, one per master key version)',
        response: {
          200: {
            type: 'object',
            required: ['format', 'keys'],
            properties: {
              format: { type: 'string', enum: ['pledge-keys-v1'] },
              keys: { type: 'array', items: { type: 'object', required: ['keyId', 'alg', 'use', 'spki'], properties: { keyId: { type: 'string' }, alg: { type: 'string' }, use: { type: 'string' }, spki: { type: 'string', description: 'SubjectPublicKeyInfo DER, base64' } } } },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      const ring = runtime.keys()
      reply.header('cache-control', 'public, max-age=300')
      return JSON.parse(keysDocument(ring.versions.map((v) => ring.get(v).auditSigningKeyPair().publicKey))) as unknown
    },
  )
}
