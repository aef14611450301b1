import { sql, type Kysely } from 'kysely'

// Material-change notices (REQ-TR-04): one row per statement version and person it affects, ids
// only (never the address: the sender reads it through the gate when it writes). A version's
// notification_status gains 'incomplete': every notice settled, some failed or had no address.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policy_notice')
    .addColumn('version', 'integer', (c) => c.notNull().references('policy_version.version'))
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed', 'no_contact')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('settled_at', 'timestamptz')
    .addPrimaryKeyConstraint('policy_notice_pk', ['version', 'subject_id'])
    .execute()
  await sql`create index policy_notice_pending on policy_notice (version) where status = 'pending'`.execute(db)
  await sql`alter table policy_version drop constraint if exists policy_version_notification_status_check`.execute(db)
  await sql`alter table policy_version add constraint policy_version_notification_status_check check (notification_status in ('none', 'pending', 'sent', 'incomplete'))`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('policy_notice').execute()
  await sql`alter table policy_version drop constraint if exists policy_version_notification_status_check`.execute(db)
  await sql`alter table policy_version add constraint policy_version_notification_status_check check (notification_status in ('none', 'pending', 'sent'))`.execute(db)
}
