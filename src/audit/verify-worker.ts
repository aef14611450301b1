// Worker thread of verifyAuditStore: checks pages (see verify-page.ts) in parallel with the
// database reads. Receives {id, text, anchors?}; answers {id, summary}.
import { parentPort, workerData } from 'node:worker_threads'
import { checkPage } from './verify-page.ts'

const anchors = new Map<number, string>((workerData as { anchors: [number, string][] }).anchors)
parentPort!.on('message', (m: { id: number; text: string }) => {
  parentPort!.postMessage({ id: m.id, summary: checkPage(m.text, anchors) })
})
