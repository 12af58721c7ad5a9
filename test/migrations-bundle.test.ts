import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledMigrationsSource, readMigrations } from '../db/migrations-source.js';
import { BUNDLED_MIGRATIONS } from '../db/migrations-bundle.js';
import { statementsOf } from '../db/migrate-on-first-use.js';

// The Worker applies the migrations bundled into it; a migration added without `npm run
// build:migrations` would be missing from every fresh Worker database.
describe('the migrations bundled into the Worker', () => {
  it('are exactly the committed ones (run `npm run build:migrations` after `drizzle-kit generate`)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../db/migrations-bundle.ts', import.meta.url)), 'utf8');
    expect(committed, 'db/migrations-bundle.ts is stale: npm run build:migrations').toBe(bundledMigrationsSource());
    expect(BUNDLED_MIGRATIONS).toEqual(readMigrations());
    // Every file yields statements, and no statement is only a comment or blank.
    for (const m of BUNDLED_MIGRATIONS) {
      expect(statementsOf(m).length, m.name).toBeGreaterThan(0);
      for (const s of statementsOf(m)) expect(s).toMatch(/\b(create|alter|insert|update|delete|drop)\b/i);
    }
  });
});
