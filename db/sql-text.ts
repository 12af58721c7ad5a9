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
  private readonly chunks: SQLChunk[] = [];
  private text = '';

  /** SQL written by the caller (keywords, column lists, punctuation). Never user input. */
  raw(s: string): this {
    this.text += s;
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
    this.chunks.push(sql.raw(this.text), sql.param(v));
    this.text = '';
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

  toSQL(): SQL {
    return sql.join([...this.chunks, sql.raw(this.text)]);
  }
}
