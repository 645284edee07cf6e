import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from "kysely";

// The only dialect switch migrations need: how an auto-increment primary key is spelled.
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

export const zero = sql`0`;
export const one = sql`1`;
