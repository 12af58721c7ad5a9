import type { ParsedMessage } from './intents.js';
import { givenNames, parseMessage } from './parse/index.js';
import { ABOUT_ENTERPRISE } from './parse/known-names.js';
import { normalise } from './parse/normalise.js';
import type { Turn } from './turn.js';

// The parser reads a message better when it knows the names of the sender's enterprises: a name is then
// found wherever the sentence puts it (parse/known-names.ts). They come from the scoped verb, as every
// read does, and are kept a minute per person: a worker sends a burst of messages on a round, and names
// change seldom. A name added within that minute is still found the old way (mentions.ts, enterprise.ts):
// kept names only add readings, they never take one away.
const KEPT_MS = 60_000;
const PEOPLE_KEPT = 5_000;
type Kept = { at: number; names: string[] };
const kept = new WeakMap<object, Map<number, Kept>>();

async function namesOf(t: Turn): Promise<string[]> {
  let byPerson = kept.get(t.deps);
  if (!byPerson) kept.set(t.deps, (byPerson = new Map()));
  const hit = byPerson.get(t.actor.personId);
  const at = t.now.getTime();
  if (hit && at - hit.at >= 0 && at - hit.at < KEPT_MS) return hit.names;
  // Parsed text is simplified and width-folded (parse/normalise.ts): the names are compared in that form.
  const { names } = await t.verbs.enterpriseNames();
  const forms = [...new Set(names.map((n) => normalise(n)).filter((n) => n.length >= 2))];
  if (byPerson.size >= PEOPLE_KEPT) byPerson.clear();
  byPerson.set(t.actor.personId, { at, names: forms });
  return forms;
}

/** The reading of a message, given the names of the enterprises in the sender's scope when it is about one. */
export async function readInScope(t: Turn, text: string): Promise<ParsedMessage> {
  const first = parseMessage(text, t.now);
  if (!ABOUT_ENTERPRISE.has(first.intent)) return first;
  let names: string[];
  try {
    names = await namesOf(t);
  } catch {
    // Names that cannot be read now are no reason to fail the message: the reading stands as it was.
    return first;
  }
  return names.length ? givenNames(text, first, t.now, names) : first;
}
