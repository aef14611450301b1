// Child process for the fail-closed crash test: opens the node and, until it is killed, either
// imports people in batches through the gate (`import`) or writes values for people in parallel
// (`writes`), printing "go" once it has started and "committed" after each batch or round. The
// test kills it with SIGKILL at a random moment after the first commit.
import { openNode, type NodeTarget } from './erasure-node.ts'
import { runtimeKey } from './actors.ts'

const target = JSON.parse(process.env.STORM_TARGET!) as NodeTarget
const mode = process.env.STORM_MODE as 'import' | 'writes'
const node = await openNode(target)
const gate = node.runtime.gate
const round = process.env.STORM_ROUND ?? '0'
if (mode === 'import') {
  const actor = gate.importActor('customer_registration')
  process.stdout.write('go\n')
  for (let batch = 0; ; batch++) {
    const rows = Array.from({ length: 500 }, (_, i) => ({ type: 'customer', externalId: `storm-${round}-${batch}-${i}`, data: { 'contact.name': `Storm ${batch} ${i}`, 'contact.email': `storm.${round}.${batch}.${i}@storm.example` }, source: 'crash test' }))
    await gate.createMany(actor, 'customer_registration', rows)
    process.stdout.write('committed\n')
  }
} else {
  const crm = await runtimeKey(node.runtime, 'storm', ['customer_registration', 'customer_service'])
  const people: string[] = []
  for (let i = 0; i < 20; i++) people.push((await gate.create(crm, 'customer_registration', { type: 'customer', data: { 'contact.name': `Writer ${round} ${i}` } })).id)
  process.stdout.write('go\n')
  for (let n = 0; ; n++) {
    await Promise.all(people.map((id, i) => gate.write(crm, 'customer_registration', id, { 'online.ip_address': `198.51.100.${(n + i) % 250}` })))
    process.stdout.write('committed\n')
  }
}
