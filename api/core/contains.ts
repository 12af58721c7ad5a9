import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** `column LIKE %text%` with the user's % and _ taken literally (SQLite LIKE has no default escape). */
export function contains(column: SQLWrapper, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return sql`${column} like ${pattern} escape '\\'`;
}
