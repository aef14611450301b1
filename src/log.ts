// One logger for the server and the CLI. It logs identifiers, never personal data: bodies are not
// logged, and headers that carry secrets are redacted.
import pino, { type Logger } from 'pino'

export type { Logger }

export function createLogger(options: { level?: string; destination?: number } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.PLEDGE_LOG_LEVEL ?? 'info',
      base: { service: 'pledge' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-admin-token"]',
          'res.headers["set-cookie"]',
          '*.email',
          '*.phone',
          '*.password',
          '*.token',
          '*.data',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Only method, route and id: a query string may one day hold something personal.
        req: (req: { method?: string; url?: string; id?: string }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0] }),
      },
    },
    pino.destination({ fd: options.destination ?? 2, sync: false }),
  )
}
