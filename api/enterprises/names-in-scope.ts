import { sql } from 'drizzle-orm';
import { enterprises } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { enterpriseScope } from '../core/scope.js';
import { enterprisesOfGrids } from './grid-candidates.js';
import { coreName } from './normalize-name.js';

// The words a sender's messages may use for the enterprises they look after: each one's name, short name,
// aliases and the name's core (常州华美化工有限公司 → 华美化工). The chat parser finds them where they stand
// in a sentence (bot/dialog/parse/known-names.ts) instead of guessing where a name usually stands.
// Bounded: a worker's grids (tens to a few hundred enterprises) and a town are read whole; a scope past
// NAMES_BOUND (a large district, 400,000 enterprises) gives no names, and `complete` says so: the
// conversation then falls back to looking names up one candidate at a time (bot/dialog/mentions.ts).
export const NAMES_BOUND = 3000;

export type NamesInScope = { names: string[]; complete: boolean };

type Named = { name: string; shortName: string | null; aliases: string[] };

export async function enterpriseNamesInScope(ctx: Ctx, bound = NAMES_BOUND): Promise<NamesInScope> {
  const rows: Named[] = ctx.actor.role === 'worker'
    ? await enterprisesOfGrids(ctx.db, ctx.actor.gridIds)
    : await ctx.db
      .select({ name: enterprises.name, shortName: enterprises.shortName, aliases: enterprises.aliases })
      .from(enterprises)
      .where(enterpriseScope(ctx.actor) ?? sql`1 = 1`)
      .limit(bound + 1);
  if (rows.length > bound) return { names: [], complete: false };
  const names = new Set<string>();
  for (const r of rows) {
    for (const n of [r.name, r.shortName ?? '', ...r.aliases, coreName(r.name)]) {
      const s = n.normalize('NFKC').trim();
      if (s.length >= 2) names.add(s);
    }
  }
  return { names: [...names], complete: true };
}
