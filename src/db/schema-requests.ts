// Tables owned by the requests room, as Kysely sees them (created by the matching migration).
import type { ColumnType } from 'kysely'

export type { ColumnType }

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RequestsTables {}
