/**
 * A chart is a pure function of its data: the same figures always give the same picture. One
 * echarts render costs 10-15 ms of CPU on the shared 2-core machine (setOption's layout, mostly;
 * BENCHMARKS.md), three per dashboard view, which alone was over half of the dashboard's 50 ms
 * budget. So renders are kept in a small map keyed by the exact input: a repeat view with unchanged
 * figures takes the picture from the map, and a changed figure is a new key, so the map can never
 * show an out-of-date chart; nothing needs invalidating. Bounded (least recently used goes first).
 * Keys must serialise the whole input (plain data: strings and numbers).
 */
const MAX_ENTRIES = 200;
const rendered = new Map<string, string>();

export function memoChart(key: string, render: () => string): string {
  const hit = rendered.get(key);
  if (hit !== undefined) {
    // Map order is insertion order: re-inserting marks it most recently used.
    rendered.delete(key);
    rendered.set(key, hit);
    return hit;
  }
  const svg = render();
  rendered.set(key, svg);
  if (rendered.size > MAX_ENTRIES) rendered.delete(rendered.keys().next().value!);
  return svg;
}

/** For the bench and tests: how many renders are kept, and forgetting them all. */
export const chartMemo = { size: () => rendered.size, clear: () => rendered.clear() };
