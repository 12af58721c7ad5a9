
export type SqlValue = string | number | null;
/** A libsql client or an open transaction (the pool rolls back a BEGIN issued outside one). */
export type SqlExec = { executeMultiple(sql: string): Promise<unknown> };

// Literal multi-row INSERTs run through executeMultiple: SQLite parses ~500-row VALUES lists faster
// than the client can bind the same values one by one as arguments, which dominates at 10M rows.
function literal(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
  return `'${v.replaceAll("'", "''")}'`;
}

/**
 * Buffers rows for one table and writes them as multi-row INSERT statements. `add` is synchronous
 * and says when the buffer is full; the caller then awaits `flush`, which keeps the generator loops
 * free of a promise per row.
 */
export class BulkInsert {
  private rows: string[] = [];
  private statements: string[] = [];
  private pending = 0;
  count = 0;

  constructor(
    private readonly exec: SqlExec,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly onWritten: (rows: number) => void = () => {},
    private readonly rowsPerStatement = 500,
    private readonly statementsPerCall = 20,
  ) {}

  /** Queues one row; returns true when the caller should `await flush()`. */
  add(values: readonly SqlValue[]): boolean {
    this.rows.push(`(${values.map(literal).join(',')})`);
    this.count++;
    this.pending++;
    if (this.rows.length >= this.rowsPerStatement) this.cut();
    return this.statements.length >= this.statementsPerCall;
  }

  private cut() {
    if (this.rows.length === 0) return;
    this.statements.push(`INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${this.rows.join(',')};`);
    this.rows = [];
  }

  async flush(): Promise<void> {
    this.cut();
    if (this.statements.length === 0) return;
    const sql = this.statements.join('\n');
    const written = this.pending;
    this.statements = [];
    this.pending = 0;
    await this.exec.executeMultiple(sql);
    this.onWritten(written);
  }
}
