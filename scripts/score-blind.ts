// npx tsx scripts/score-blind.ts test/data/parser-corpus-blind-heldout.json [more.json]
// Scores the parser on corpora written blind (test/data/blind-score.ts says what is compared).
// KNOWN=1 gives the parser the enterprises' names, as the conversation gives it the sender's own.
// SHOW=1 prints the misses — never for the held-out file, or it stops being held out.
import { scoreBlind } from '../test/data/blind-score.js';

// A held-out file stays held out only while nobody reads its misses, so SHOW refuses one outright
// rather than trusting whoever runs the script to remember.
if (process.env.SHOW && process.argv.slice(2).some((file) => file.includes('heldout'))) {
  console.error('SHOW=1 is refused for held-out files: once their misses are read they are no longer blind.');
  process.exit(2);
}

for (const file of process.argv.slice(2)) {
  const s = scoreBlind(file, Boolean(process.env.KNOWN));
  const pct = (n: number) => `${n}/${s.total} (${((100 * n) / s.total).toFixed(1)}%)`;
  console.log(`${file}: intent ${pct(s.intents)}, intent + key slots ${pct(s.keys)}`);
  if (process.env.SHOW) console.log(s.misses.join('\n'));
}
