// Rows read by prepared statements (Database.query) mapped to the tables' TypeScript shapes, as drizzle
// would map them, so the hot paths that skip the query builder hand the rest of the code the same rows.
import { getTableColumns, type Column } from 'drizzle-orm';
import { articles, comments } from './schema.js';

/** Maps a row with column names (from `select *`, `returning *` or to_jsonb) to the table's TypeScript shape. */
export function createRowMapper<T>(columns: Record<string, Column>): (raw: Record<string, unknown>) => T {
  const entries = Object.entries(columns).map(([key, column]) => [key, column.name, column] as const);
  return (raw) => {
    const out: Record<string, unknown> = {};
    for (const [key, name, column] of entries) {
      const value = raw[name];
      // Timestamps arrive as Date (PGlite) or text (postgres.js under drizzle, and to_jsonb).
      out[key] = value === null || value === undefined ? null : value instanceof Date ? value : column.mapFromDriverValue(value);
    }
    return out as T;
  };
}

export const toArticleRow = createRowMapper<typeof articles.$inferSelect>(getTableColumns(articles));
export const toCommentRow = createRowMapper<typeof comments.$inferSelect>(getTableColumns(comments));
