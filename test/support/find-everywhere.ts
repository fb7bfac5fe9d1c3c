import pg from "pg";

/** Every text and JSON column of every table in the database, as `schema.table.column`, holding `needle` (case-insensitive). */
export async function findEverywhere(url: string, needles: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table_schema: string; table_name: string; column_name: string }>(
      `SELECT table_schema, table_name, column_name FROM information_schema.columns
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
         AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'character')`,
    );
    const found: string[] = [];
    for (const c of columns) {
      const column = `"${c.table_schema}"."${c.table_name}"."${c.column_name}"`;
      for (const needle of needles) {
        const { rows } = await client.query(
          `SELECT 1 FROM "${c.table_schema}"."${c.table_name}" WHERE strpos(lower("${c.column_name}"::text), lower($1)) > 0 LIMIT 1`,
          [needle],
        );
        if (rows.length) found.push(`${column} holds ${needle}`);
      }
    }
    return found;
  } finally {
    await client.end();
  }
}
