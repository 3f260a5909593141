import type { Queryable } from '@cruddur/profile/db';

/** The tables, columns, constraints and indexes of the public schema, without the migrator's own tables. */
export async function schemaSnapshot(db: Queryable) {
  const own = "NOT LIKE 'schema_migrations%'";
  const columns = await db.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default, collation_name
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name ${own}
      ORDER BY table_name, column_name`,
  );
  const constraints = await db.query(
    `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text ${own}
      ORDER BY 1, 2`,
  );
  const indexes = await db.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename ${own} ORDER BY 1`,
  );
  return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows };
}

/** The column names of a table, sorted. */
export async function columnsOf(db: Queryable, table: string): Promise<string[]> {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY 1`,
    [table],
  );
  return rows.map((row) => row.column_name);
}
