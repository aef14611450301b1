import { sql, type Kysely } from 'kysely'

// Staff accounts (REQ-SEC-01, REQ-SEC-03, REQ-SEC-07). People log in to the console; services keep
// their API keys. Every secret is kept as a digest (setup links, sessions, recovery codes) or a
// PHC string (passwords) or sealed under the master key (TOTP secrets).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_account')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // Lower-cased: the login name. An employee's work address, not a data subject's.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'active', 'disabled')`))
    .addColumn('password_hash', 'text')
    .addColumn('totp_sealed', 'bytea')
    // The last TOTP time step accepted: a code is good once.
    .addColumn('totp_last_step', 'integer')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('disabled_by', 'text')
    .execute()

  // A role is held once granted and, when it opens personal data, approved by a second party.
  await db.schema
    .createTable('staff_role')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('staff_account.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addPrimaryKeyConstraint('staff_role_pk', ['account_id', 'role'])
    .execute()

  // One-time setup links: the first account's (account_id null until used), a new person's, a
  // second-factor reset. At most one first-run link is valid at a time, across instances.
  await db.schema
    .createTable('staff_setup_token')
    .addColumn('digest', 'bytea', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.references('staff_account.id').onDelete('cascade'))
    .addColumn('first_run', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()
  await sql`create unique index staff_setup_token_one_first_run on staff_setup_token (first_run) where first_run and used_at is null`.execute(db)

  await db.schema
    .createTable('staff_recovery_code')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('staff_account.id').onDelete('cascade'))
    .addColumn('digest', 'bytea', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('staff_recovery_code_pk', ['account_id', 'digest'])
    .execute()

  await db.schema
    .createTable('staff_session')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('digest', 'bytea', (c) => c.notNull().unique())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('staff_account.id').onDelete('cascade'))
    .addColumn('csrf', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'text')
    .execute()
  await db.schema.createIndex('staff_session_account').on('staff_session').column('account_id').execute()

  // REQ-SEC-07: the date each person signed their confidentiality undertaking.
  await db.schema
    .createTable('staff_undertaking')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('staff_account.id').onDelete('cascade'))
    .addColumn('signed_on', 'date', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute()

  // REQ-SEC-01: the DPO's quarterly confirmation of who holds which role.
  await db.schema
    .createTable('staff_recertification')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('confirmed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.notNull())
    .addColumn('assignments', 'jsonb', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['staff_recertification', 'staff_undertaking', 'staff_session', 'staff_recovery_code', 'staff_setup_token', 'staff_role', 'staff_account']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
