import { sql, type Kysely } from 'kysely'

// Erasure by crypto-shredding. What a legal duty still requires after erasure is recorded per
// category with the one purpose it stays restricted to and until when; a tombstone (subject id and
// time only) remembers every erasure, so a restored backup can be shredded again at start; legal
// holds keep named categories for the defence of legal claims until they are released.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retained_category')
    .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subject.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('legal_obligation', 'legal_claims')`))
    // null: kept until a legal hold is released (the release sets it).
    .addColumn('until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('retained_category_pk', ['subject_id', 'category', 'purpose'])
    .execute()
  await sql`create index retained_category_until on retained_category (until) where until is not null`.execute(db)

  // Finds erased subjects quickly (leftover purge at start, tombstone checks).
  await sql`create index subject_erased on subject (id) where erased_at is not null`.execute(db)

  // No foreign key: a tombstone must outlive the subject row it names.
  await db.schema
    .createTable('erasure_tombstone')
    .addColumn('subject_id', 'uuid', (c) => c.primaryKey())
    .addColumn('erased_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('legal_hold')
    .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subject.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('categories', 'jsonb', (c) => c.notNull())
    .addColumn('review_date', 'date', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('released_by', 'text')
    .addColumn('released_at', 'timestamptz')
    .addPrimaryKeyConstraint('legal_hold_pk', ['subject_id', 'id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists subject_erased`.execute(db)
  for (const t of ['legal_hold', 'erasure_tombstone', 'retained_category']) await db.schema.dropTable(t).ifExists().execute()
}
