import { sql, type Kysely } from 'kysely'

// Subjects, their encrypted personal data and keys, lifecycle events, objections, API keys,
// disclosures, the audit chain and import progress. Every personal-data table is keyed by
// subject_id first, so the schema can later be sharded by subject.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subject')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('external_id', 'text')
    .addColumn('source', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('restricted_at', 'timestamptz')
    .addColumn('restriction_ground', 'text')
    .addColumn('erased_at', 'timestamptz')
    .execute()
  await sql`create unique index subject_external_id on subject ((coalesce(tenant_id, '')), external_id) where external_id is not null`.execute(db)
  await sql`create index subject_tenant on subject (tenant_id) where tenant_id is not null`.execute(db)

  await db.schema
    .createTable('subject_key')
    .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subject.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ordinary', 'retention')`))
    .addColumn('key_version', 'integer', (c) => c.notNull())
    .addColumn('master_version', 'integer', (c) => c.notNull())
    .addColumn('wrapped', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('subject_key_pk', ['subject_id', 'kind'])
    .execute()
  await sql`create index subject_key_master_version on subject_key (master_version)`.execute(db)

  await db.schema
    .createTable('personal_data')
    .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subject.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('record_id', 'uuid', (c) => c.notNull())
    .addColumn('key_kind', 'text', (c) => c.notNull().defaultTo('ordinary'))
    .addColumn('key_version', 'integer', (c) => c.notNull())
    .addColumn('ciphertext', 'bytea', (c) => c.notNull())
    .addColumn('lookup', 'text')
    .addColumn('written_purpose', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('personal_data_pk', ['subject_id', 'category'])
    .execute()
  await sql`create index personal_data_lookup on personal_data (lookup) where lookup is not null`.execute(db)

  await db.schema
    .createTable('subject_event')
    .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subject.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subject_event_pk', ['subject_id', 'id'])
    .execute()
  await sql`create index subject_event_by_kind on subject_event (subject_id, event, occurred_at)`.execute(db)

  await db.schema
    .createTable('objection')
    .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subject.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'upheld', 'rejected')`))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .addPrimaryKeyConstraint('objection_pk', ['subject_id', 'purpose'])
    .execute()

  await db.schema
    .createTable('api_key')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('digest', 'bytea', (c) => c.notNull().unique())
    .addColumn('purposes', 'jsonb', (c) => c.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('recipient_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('disclosure')
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('categories', 'jsonb', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('disclosed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('disclosure_pk', ['subject_id', 'id'])
    .execute()

  // The hash chain. `at` is text: the hash covers the exact string.
  await db.schema
    .createTable('audit_entry')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('purpose', 'text')
    .addColumn('categories', 'jsonb', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('reason', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await sql`create index audit_entry_subject on audit_entry (subject_id, seq) where subject_id is not null`.execute(db)
  // One row: the chain head, locked by whoever appends, so several instances keep one chain.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db)
  await db.schema
    .createTable('audit_checkpoint')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('import_progress')
    .addColumn('import_id', 'text', (c) => c.primaryKey())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['import_progress', 'audit_checkpoint', 'audit_head', 'audit_entry', 'disclosure', 'api_key', 'objection', 'subject_event', 'personal_data', 'subject_key', 'subject']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
