import { sql, type SQL, type SQLChunk } from 'drizzle-orm';

/**
 * Builds one SQL statement as literal text plus bound parameters, for hot paths where drizzle's
 * builders cost more than the database: a 32-row hazard insert took ~70 µs per row to build with
 * the insert builder and ~18 µs with `sql` templates (every interpolation is a chunk walked through
 * drizzle's type checks), against ~1 µs here. Only checked integers and identifier-like constants
 * are written as literals; every other value is a bound parameter, so nothing a user typed is ever
 * part of the SQL text. Integers as literals also keep them INTEGER: libsql binds JS numbers as REAL.
 */
export class SqlText {
  // texts.length === values.length + 1: text, value, text, value, …, text.
  private readonly texts: string[] = [''];
  private readonly values: (string | number)[] = [];

  /** Bound parameters so far (D1 accepts at most 100 per statement). */
  get paramCount(): number {
    return this.values.length;
  }

  /** SQL written by the caller (keywords, column lists, punctuation). Never user input. */
  raw(s: string): this {
    this.texts[this.texts.length - 1] += s;
    return this;
  }

  /** An integer (ids, epoch milliseconds) as a literal; null as NULL. */
  int(n: number | null | undefined): this {
    if (n == null) return this.raw('null');
    if (!Number.isSafeInteger(n)) throw new TypeError(`SqlText.int: not an integer: ${n}`);
    return this.raw(String(n));
  }

  /** Integers separated by commas, for an IN list (at least one, or the SQL is invalid). */
  ints(ns: number[]): this {
    return this.list(ns, ', ', (n) => this.int(n));
  }

  /** A constant from the code's own vocabulary (a status, a level, a yyyymmdd day) as a quoted literal. */
  word(s: string | null | undefined): this {
    if (s == null) return this.raw('null');
    if (!/^[A-Za-z0-9_]+$/.test(s)) throw new TypeError(`SqlText.word: not a plain word: ${s}`);
    return this.raw(`'${s}'`);
  }

  /** Any other value (text, reals) as a bound parameter; null as NULL. */
  param(v: string | number | null | undefined): this {
    if (v == null) return this.raw('null');
    this.values.push(v);
    this.texts.push('');
    return this;
  }

  /** Appends `parts` with `separator` between them, each written by `write`. */
  list<T>(parts: T[], separator: string, write: (part: T, index: number) => void): this {
    parts.forEach((part, i) => {
      if (i > 0) this.raw(separator);
      write(part, i);
    });
    return this;
  }

  /** Appends another statement fragment, text and parameters. */
  append(other: SqlText): this {
    this.raw(other.texts[0]);
    other.values.forEach((v, i) => this.param(v).raw(other.texts[i + 1]));
    return this;
  }

  toSQL(): SQL {
    const chunks: SQLChunk[] = [];
    this.values.forEach((v, i) => chunks.push(sql.raw(this.texts[i]), sql.param(v)));
    chunks.push(sql.raw(this.texts[this.texts.length - 1]));
    return sql.join(chunks);
  }
}

// D1 binds at most 100 parameters per statement (libsql tens of thousands); rows are packed under it.
export const MAX_BOUND_PARAMS = 100;

/**
 * `head row, row, … tail` statements, each with at most MAX_BOUND_PARAMS parameters (a single row
 * over the limit still gets a statement of its own, and the database says no).
 */
export function packRows(head: string, rows: SqlText[], tail = ''): SqlText[] {
  const out: SqlText[] = [];
  let current: SqlText | null = null;
  for (const row of rows) {
    if (current && current.paramCount + row.paramCount > MAX_BOUND_PARAMS) {
      out.push(current.raw(tail));
      current = null;
    }
    current = current ? current.raw(', ') : new SqlText().raw(head);
    current.append(row);
  }
  if (current) out.push(current.raw(tail));
  return out;
}
