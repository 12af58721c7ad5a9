// tsx scripts/bench/long-tasks.ts PROFILE.cpuprofile [--gaps gaps.json] [--over 30] [--top 8]
// Reads a V8 CPU profile (node --cpu-prof, e.g. bench:mixed --cpu-prof DIR) and lists what ran in
// each stall of the event loop longer than --over ms, with the functions that took most of it
// (self time, and our own code inclusive). A total CPU profile says where the time went; the
// event loop's maximum delay is about the longest single stall, which is what this prints.
// Stalls come from --gaps (a 1 ms ticker's gaps recorded by the bench server, in µs of the same
// monotonic clock as the profile); without it, stretches of samples with no idle sample between
// them (under load those join many short tasks, so prefer --gaps).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type Frame = { functionName: string; url: string; lineNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({ allowPositionals: true, options: { over: { type: 'string', default: '30' }, top: { type: 'string', default: '8' }, gaps: { type: 'string' } } });
const overMs = Number(values.over);
const top = Number(values.top);
const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const IDLE = new Set(['(idle)']);
const label = (f: Frame) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules\/|wt\/[^/]+\/)/, '$1')}:${f.lineNumber + 1}`;
const ours = (f: Frame) => f.url.includes('/work/') && !f.url.includes('node_modules');

// Sample i was taken at times[i]; it stands for the time until the next sample.
const times: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) times.push((t += d));

type Stretch = { start: number; end: number; samples: number[] };
const stretches: Stretch[] = [];
let current: Stretch | null = null;
for (let i = 0; i < profile.samples.length; i++) {
  const idle = IDLE.has(byId.get(profile.samples[i])!.callFrame.functionName);
  const end = times[i + 1] ?? profile.endTime;
  if (idle) {
    if (current) stretches.push(current);
    current = null;
  } else if (current) {
    current.end = end;
    current.samples.push(i);
  } else {
    current = { start: times[i], end, samples: [i] };
  }
}
if (current) stretches.push(current);
if (values.gaps) {
  // Each recorded gap, with the samples taken inside it.
  stretches.length = 0;
  const gaps = JSON.parse(readFileSync(values.gaps, 'utf8')) as { start: number; end: number }[];
  let i = 0;
  for (const g of gaps) {
    while (i < times.length && times[i] < g.start) i++;
    const samples: number[] = [];
    for (let j = i; j < times.length && times[j] <= g.end; j++) samples.push(j);
    stretches.push({ start: g.start, end: g.end, samples });
  }
}

const long = stretches.filter((s) => (s.end - s.start) / 1000 > overMs).sort((a, b) => b.end - b.start - (a.end - a.start));
console.log(`${positionals[0]}: ${stretches.length} busy stretches, ${long.length} over ${overMs} ms; longest ${long[0] ? ((long[0].end - long[0].start) / 1000).toFixed(1) : '-'} ms`);
for (const s of long.slice(0, 20)) {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const i of s.samples) {
    const ms = ((times[i + 1] ?? profile.endTime) - times[i]) / 1000;
    const leaf = byId.get(profile.samples[i])!;
    self.set(label(leaf.callFrame), (self.get(label(leaf.callFrame)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!ours(f) || seen.has(label(f))) continue;
      seen.add(label(f));
      inclusive.set(label(f), (inclusive.get(label(f)) ?? 0) + ms);
    }
  }
  const fmt = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `      ${v.toFixed(1).padStart(6)} ms  ${k}`).join('\n');
  console.log(`\n  ${((s.end - s.start) / 1000).toFixed(1)} ms at +${((s.start - profile.startTime) / 1e6).toFixed(2)} s\n    self:\n${fmt(self)}\n    our code (inclusive):\n${fmt(inclusive)}`);
}
