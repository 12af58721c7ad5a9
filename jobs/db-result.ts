/**
 * Rows changed by a `db.run()`: libsql reports `rowsAffected`, D1 `meta.changes`. The jobs run on
 * both (Node and the Worker), so they read it through here.
 */
export function affected(result: unknown): number {
  const r = result as { rowsAffected?: number; meta?: { changes?: number } };
  return Number(r.rowsAffected ?? r.meta?.changes ?? 0);
}
