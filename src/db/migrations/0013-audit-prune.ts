import { sql, type Kysely } from 'kysely'

// The audit log is pruned from its start (REQ-RT-05): one row records where the chain now starts —
// the signed checkpoint it is anchored in (copied whole, so it verifies without the checkpoint
// table), when it was pruned and by which audit.prune entry. Seq 0: never pruned, the chain starts
// at the genesis. Entries below `seq` that are still there (a prune killed half-way) are not part
// of the chain; the next prune deletes them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_start')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text')
    .addColumn('checkpoint_at', 'text')
    .addColumn('key_id', 'text')
    .addColumn('signature', 'text')
    .addColumn('pruned_at', 'timestamptz')
    .addColumn('entry_seq', 'bigint')
    .execute()
  await sql`insert into audit_start (id, seq) values (1, 0)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_start').ifExists().execute()
}
