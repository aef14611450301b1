// Child process for the erasure crash test: opens the node, says "erasing", erases one subject and
// says "erased". The test kills it with SIGKILL at a random moment in between.
import { openNode, type NodeTarget } from './erasure-node.ts'

const target = JSON.parse(process.env.ERASURE_TARGET!) as NodeTarget
const subjectId = process.env.ERASURE_SUBJECT!
const requestId = process.env.ERASURE_REQUEST!
const node = await openNode(target)
process.stdout.write('erasing\n')
await node.runtime.gate.erase(node.runtime.gate.systemActor('requests'), requestId, subjectId)
process.stdout.write('erased\n')
await node.close()
