// npm run build:migrations (also run by db:generate and wrangler's [build]): wraps the committed
// migrations as a TS module, so the Worker, which has no file system, can apply them on first use
// (db/migrate-on-first-use.ts). test/migrations-bundle.test.ts fails when the module is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledMigrationsSource } from '../db/migrations-source.js';

const out = fileURLToPath(new URL('../db/migrations-bundle.ts', import.meta.url));
writeFileSync(out, bundledMigrationsSource());
console.log(`已写入 ${out}`);
