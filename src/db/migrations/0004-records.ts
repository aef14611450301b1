import { sql, type Kysely } from 'kysely'

// A category may hold many records per subject (one per invoice, per login, ...), so a value is
// identified by subject, category and record, not by subject and category alone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table personal_data drop constraint personal_data_pk`.execute(db)
  await sql`alter table personal_data add constraint personal_data_pk primary key (subject_id, category, record_id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table personal_data drop constraint personal_data_pk`.execute(db)
  await sql`alter table personal_data add constraint personal_data_pk primary key (subject_id, category)`.execute(db)
}
