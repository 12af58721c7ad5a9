import type { Grid } from '../client/types.js';
import type { Turn } from './turn.js';

/**
 * The grids a place may name: a worker's own and a town admin's town's (the list verb's scope; a
 * few hundred at most). A district's are too many to list per message, so its places are towns.
 */
export const gridsToName = (t: Turn): Promise<Grid[]> =>
  t.actor.role === 'worker' || t.actor.role === 'town_admin' ? t.verbs.grids() : Promise.resolve([]);

/** How a grid is called: its name (崔桥村网格), its village (崔桥村), its name without 网格. */
export const gridNames = (g: Pick<Grid, 'name' | 'village'>): string[] =>
  [g.name, g.village ?? '', g.name.replace(/网格$/, '')].filter((n) => n.length >= 2);
