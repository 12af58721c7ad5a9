// parseMessage: chat text → ParsedMessage. Pure and total: any string in, a ParsedMessage out, never a throw.
import type { ParsedMessage } from '../intents.js';
import { findHazardCode } from './codes.js';
import { matchCommand, type Command } from './commands.js';
import { parseAssign, parseCodeOnly, parseRectify, parseReview, parseVoid, parseWhistle } from './hazard-actions.js';
import { normalise, type NormaliseOptions } from './normalise.js';
import { parseQuery, parseOverdue, parseRanking, parseStats } from './queries.js';
import { parseReply } from './replies.js';
import { parsePatrol, parseReport } from './report.js';
import { parseImplicit, parseOnSite } from './implicit.js';
import { parseForm } from './form.js';
import { parseBotQuestion, parseHowTo, withoutMetaAsk } from './questions.js';
import { parseOwnQuestion } from './own-questions.js';
import { parseCodeSentence } from './code-sentence.js';
import { readSurface } from './surface.js';
import { withoutOtherBusiness } from './other-business.js';
import { layOutLines } from './lines.js';
import { LANDMARK } from './landmarks.js';
import { parseClerkLead } from './clerk-lead.js';
import { parseSeveralPatrol } from './several.js';
import { severalCodes } from './several-codes.js';
import { ABOUT_ENTERPRISE, withKnownName } from './known-names.js';
import { selfCorrected } from './self-correction.js';
import { nicknamesIn } from './nicknames.js';
import { COMPANY_SUFFIX } from './slots.js';
import { plainVerdicts } from './verdicts.js';
import { withoutTownFirst } from './story.js';
import { withNameEdgesTrimmed } from './name-edges.js';
import { twoThings } from './two-things.js';
import { withoutEarlierAside } from './earlier-aside.js';

export { normalise } from './normalise.js';
export { findHazardCode } from './codes.js';

const REPORTING = new Set<Command>(['report', 'major_report', 'general_report', 'patrol']);
const READS = new Set<Command>(['tasks', 'stats', 'overdue', 'ranking', 'help']);
const LOOK_VERB = /^看/;
const LOOKED_AT = new Set<string>(['tasks', 'due_patrols', 'my_enterprises', 'stats', 'overdue', 'ranking', 'major', 'help', 'query_enterprise']);

// Nobody types a 2,000-character command; parsing a huge paste only costs time.
const MAX_PARSED_CHARS = 2000;

function byCommand(command: Command, rest: string, text: string, now: Date, word = ''): ParsedMessage {
  switch (command) {
    case 'help': return { intent: 'help' };
    case 'cancel': return { intent: 'cancel' };
    case 'login': return { intent: 'login' };
    case 'bind': {
      // 10 digits (api/people/binding-code-format.ts); 6 is the old format, refused by the verb.
      const m = /^(\d{10}|\d{6})$/.exec(rest.replace(/[\s-]+/g, ''));
      return m ? { intent: 'bind', code: m[1] } : { intent: 'unknown', text };
    }
    // "巡查 横山桥镇 华冠电器 正常": a town said before the name is where the enterprise is, never its name.
    case 'report': return parseReport(withoutTownFirst(rest), now);
    case 'general_report': return parseReport(withoutTownFirst(rest), now, 'general');
    case 'major_report':
      // "重大隐患" alone (or with a place or 清单) asks for the list; with a description it reports one.
      // "重大隐患还有几个没销号": a question about them is the list too.
      return !rest || /^(?:[\u4e00-\u9fff]{0,10}(?:镇|街道|乡|全区))?\s*(?:清单|列表|有哪些|哪些|情况|统计)?$/.test(rest) || /几个|几条|多少|哪些|哪几|有没有|吗|呢|\?|清单|列表|情况|进展|进度/.test(rest)
        ? { intent: 'major' }
        : parseReport(withoutTownFirst(rest), now, 'major');
    case 'patrol': return parsePatrol(withoutTownFirst(rest), now);
    case 'rectify': return parseRectify(rest);
    case 'review': return parseReview(rest, now);
    case 'tasks': return { intent: 'tasks' };
    case 'query': {
      // "看下我的待办事项", "查一下横林镇统计": a look verb in front of another read command is that command.
      const inner = matchCommand(rest);
      if (inner && READS.has(inner.command)) return byCommand(inner.command, inner.rest, text, now);
      // "帮我看下今天有啥要做的": after a look verb, a question in plain words is asked as itself.
      if (LOOK_VERB.test(word)) {
        const asked = parseImplicit(rest, now);
        if (asked && LOOKED_AT.has(asked.intent)) return asked;
      }
      return parseQuery(rest, text);
    }
    case 'stats': return parseStats(rest);
    case 'overdue': return parseOverdue(rest);
    case 'ranking': return parseRanking(rest);
    case 'assign': return parseAssign(rest, now);
    case 'whistle': return parseWhistle(rest);
    case 'acknowledge': return parseCodeOnly('acknowledge', rest);
    case 'close': return parseCodeOnly('close', rest);
    case 'void': return parseVoid(rest);
  }
}

/** Drops undefined slots so results compare and serialise cleanly. */
function compact(m: ParsedMessage): ParsedMessage {
  const out = Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as ParsedMessage;
  // The readings an ambiguous message offers are stored in a draft and compared in tests like any other.
  return out.intent === 'ambiguous' ? { ...out, options: out.options.map(compact) } : out;
}

/**
 * Reads one chat message. Order matters: whole-message answers (2, 是的, 取消) first, then a leading command
 * word, then the few command-less phrasings with one clear reading; everything else is 'unknown'.
 * botNames (optional) strips "@安全助手" even when the sender typed no space after it.
 */
export function parseMessage(input: string, now: Date, options: ParseOptions = {}): ParsedMessage {
  const read = nicknamed(input, selfCorrected(landmarkNoSubject(readMessage(input, now, options)), now), now, options);
  return options.names?.length ? givenNames(input, read, now, options.names, options) : read;
}

/**
 * "俺瞅了一圈做电缆的那家…", "老王家又去了一趟…": an enterprise called by its boss or product (nicknames.ts) is
 * read as a name the sender's scope holds: wherever it stands, and without the words a reader glued to it.
 */
function nicknamed(input: string, read: ParsedMessage, now: Date, options: NormaliseOptions): ParsedMessage {
  if (typeof input !== 'string' || input.length > MAX_PARSED_CHARS || !ABOUT_ENTERPRISE.has(read.intent)) return read;
  const text = normalise(input, options);
  const nicknames = nicknamesIn(text);
  if (!nicknames.length) return read;
  // A name the reading found that shares nothing with the nickname (村口那家做塑料的，就是鑫盛塑业) is the name said
  // after the epithet: it stands. One the reader cut from the nickname's words (一圈做电缆, 老王家又) is read again.
  // A part of the nickname read as the name (做轴承的 of 做轴承的那家咋样了) is the whole nickname.
  const widened = widen(read, nicknames);
  const found = namedIn(widened);
  if (found.some((e) => nicknames.includes(e))) return widened;
  if (found.length && !found.some((e) => nicknames.some((n) => overlaps(e, n)))) return read;
  // Put first, the name leaves the narrator's 我 in front of the visit it told (我看了一圈做电缆的那家 → 做电缆的那家 看了一圈).
  const reread = (t: string) => selfCorrected(landmarkNoSubject(readMessage(t.replace(NARRATOR_AFTER_NAME, ' '), now, options)), now);
  // Read again as if nothing had been found: the enterprise read holds the nickname's words but is not the nickname
  // (一眼老孙家, 老王家又), so it is no reading to keep when the nickname put first reads.
  const again = withKnownName(text, { intent: 'unknown', text }, nicknames, reread);
  return again.intent === 'unknown' ? read : widen(again, nicknames);
}

function widen(m: ParsedMessage, nicknames: readonly string[]): ParsedMessage {
  const whole = (e: string) => (e.length >= 2 && nicknames.find((n) => n !== e && n.includes(e))) || e;
  if (m.intent === 'ambiguous') return { ...m, ...(m.name ? { name: whole(m.name) } : {}), options: m.options.map((o) => widen(o, nicknames)) };
  return 'enterprise' in m && typeof m.enterprise === 'string' ? ({ ...m, enterprise: whole(m.enterprise) } as ParsedMessage) : m;
}
const overlaps = (a: string, b: string) => [...a].some((_, i) => i + 2 <= a.length && b.includes(a.slice(i, i + 2)));
const namedIn = (m: ParsedMessage): string[] =>
  m.intent === 'ambiguous' ? m.options.flatMap(namedIn) : 'enterprise' in m && typeof m.enterprise === 'string' ? [m.enterprise] : [];
const NARRATOR_AFTER_NAME = /(?<=^\S+) (?:我们?|俺们?)(?=刚|又|也|去|到|看|瞅|瞧|转|巡|查)/;

/**
 * A reading made without names (parseMessage), given the names of the sender's scope afterwards: the
 * same as parseMessage with `names`, without reading the message twice when the first reading holds.
 */
export function givenNames(input: string, read: ParsedMessage, now: Date, names: readonly string[], options: NormaliseOptions = {}): ParsedMessage {
  // A name of the sender's scope is found where it stands; see known-names.ts.
  // A paste past what is parsed at all (MAX_PARSED_CHARS) is no sentence to find a name in.
  if (typeof input !== 'string' || input.length > MAX_PARSED_CHARS) return read;
  const text = normalise(input, options);
  return withKnownName(text, read, names, (t) => selfCorrected(landmarkNoSubject(readMessage(t, now, options)), now));
}

export type ParseOptions = NormaliseOptions & {
  /** The names (full, short, aliases) of the enterprises the sender looks after, when the caller knows them. */
  names?: readonly string[];
};

// "恒达隔壁那家小厂 消防通道堵了", "恒达对面的仓库…", "听恒达老板说 隔壁新博的仓库…": a name said as a landmark
// is not where the hazard is. Taken as the enterprise, the fuzzy match would file the hazard at 恒达; without it
// the dialog asks which enterprise, and the words stay in the description. (Hearsay alone is no landmark:
// 听说华美仓库有人抽烟 is about 华美.)
// The words tell of a neighbour's place: it, not the name said first, is where the hazard is (…隔壁远帆包装的仓库…).
// 旁边 alone is how objects are placed (消防通道旁边堆了杂物), so only 隔壁/对面 with a place after them count.
const NEIGHBOUR = new RegExp(`^(?:在)?(?:隔壁|旁边|对面|斜对面)|(?:隔壁|对面|斜对面)(?:的|那家|那个)?(?:[\\u4e00-\\u9fffA-Za-z0-9]{2,8}?${COMPANY_SUFFIX}|厂|公司|作坊|小厂)`);

function landmarkNoSubject(m: ParsedMessage): ParsedMessage {
  if (m.intent === 'ambiguous') return { ...m, options: m.options.map(landmarkNoSubject) };
  if ((m.intent !== 'report' && m.intent !== 'patrol') || !m.enterprise) return m;
  const told = m.intent === 'report' ? m.description : m.findings ?? m.note;
  if (!LANDMARK.test(m.enterprise) && !NEIGHBOUR.test(told ?? '')) return m;
  const words = (w: string | undefined) => [m.enterprise, w].filter(Boolean).join(' ');
  return m.intent === 'report'
    ? compact({ ...m, enterprise: undefined, description: words(m.description) })
    : compact({ ...m, enterprise: undefined, ...(m.findings !== undefined || m.result === 'issues' ? { findings: words(m.findings) } : { note: words(m.note) }) });
}

function readMessage(input: string, now: Date, options: NormaliseOptions): ParsedMessage {
  const given = typeof input === 'string' ? input : '';
  // "转自领导：亚泰建材是什么情况": a forwarded message is read as what was forwarded.
  const raw = given.length <= MAX_PARSED_CHARS ? withoutChatLines(given.replace(FORWARDED, '') || given) : given;
  const quoted = raw.length <= MAX_PARSED_CHARS ? QUOTE.exec(raw) : null;
  // A name read without the list may hold the sentence's edge words (天马纺织去, 华美了) or be none (我这边).
  if (quoted) return withNameEdgesTrimmed(answerToQuote(quoted[1] ?? quoted[2] ?? quoted[3], quoted[4], now, options));
  return withNameEdgesTrimmed(parseOne(raw, now, options));
}

// "转自领导：", "转发：", "来自站长群：", "回复 李主任：" in front of a forwarded message or a reply.
const FORWARDED = /^\s*(?:(?:转自|转发自?|来自|转)\s*[^\s:：]{0,10}|回复\s*[^\s:：]{1,8})[:：]\s*(?=\S)/;
// A first line that is only a greeting, an acknowledgement or who the sender is (各位领导好 / 收到 / 我是横林镇网格员小李):
// the message is the lines after it.
const CHAT_LINE = /^\s*(?:(?:各位)?(?:领导|同事|同志)?(?:们)?(?:好|早)|大家好|您好|你好|[\u4e00-\u9fff]{1,3}(?:站长|主任|所长|科长|队长|书记|镇长|老师|经理)(?:好|早|您好)|早上好|上午好|下午好|晚上好|早安|收到|好的|嗯嗯?|我是[^\n]{1,16}?(?:网格员|网格长|安监员|专管员|站长|主任)[^\n]{0,6}?)[\s,，。.!！~]*$/;

function withoutChatLines(text: string): string {
  const lines = text.split(/\r?\n/);
  let first = 0;
  while (first < lines.length - 1 && CHAT_LINE.test(lines[first])) first++;
  return first ? lines.slice(first).join('\n') : text;
}
// A quoted line, then the answer to it: "> 李站长：佳和今天去了吗\n去了，正常", "「王站长：华美去了没」去了 正常".
// Brackets quote a speaker's line (「王站长：…」); a bracketed name alone (“佳禾纺织” 巡查完) is no quote.
// Several quoted lines (> …\n> …) are one quote: the first holds the question, the rest its context.
const QUOTE = /^\s*(?:[>＞]\s*([^\n]+)\n(?:\s*[>＞][^\n]*\n)*|「([^」:：]{1,10}[:：][^」]+)」|“([^”:：]{1,10}[:：][^”]+)”)\s*([\s\S]*\S[\s\S]*)$/;

/**
 * The answer to a quoted line is the message; the quote only supplies what the answer leaves out (去了，正常 says
 * which enterprise only through 佳和今天去了吗). The answer is read alone first, then after the question it answers.
 */
function answerToQuote(quote: string, quotedAnswer: string, now: Date, options: NormaliseOptions): ParsedMessage {
  // WeChat puts a dashed line between the quote and the reply; an answer to the bot's own question (2, 是的)
  // stays that answer, whatever the quote names.
  const answer = quotedAnswer.replace(/^\s*[-—–](?:\s*[-—–])+\s*(?:\n|$)/, '');
  const reply = parseReply(normalise(answer, options));
  if (reply) return reply;
  const alone = parseOne(answer, now, options);
  if (names(alone)) return alone;
  const asked = quote.replace(/^[^:：]{1,10}[:：]\s*/, '').replace(/(?:吗|呢|没有?|么|不)?[?？。!！\s]*$/, '');
  // "去了，正常" answering "…去了吗": the echoed verb (or a yes) is said once.
  const echoed = /(?:去|看|查|巡|巡查|检查|到)(?:过)?了?$/.test(asked) ? answer.replace(/^\s*(?:是的|对|嗯|去了|去过了?|看过了?|看了|巡查了|巡过了|查过了|查了|检查了|到了)[\s,，。]*/, '') : answer;
  // An answer that only echoes the question (去过了 to …去过没) says the question's words, once.
  const together = parseOne(echoed ? `${asked}，${echoed}` : `${asked}了`, now, options);
  if (names(together)) return together;
  // "「张主任：恒泰五金那个配电箱怎么样了」配电箱没接地 三天内整改": the report answers about the enterprise quoted.
  const quotedName = QUOTED_NAME.exec(asked)?.[1];
  if (!quotedName) return alone;
  if (alone.intent === 'report' || alone.intent === 'patrol') return { ...alone, enterprise: quotedName };
  const named = alone.intent === 'unknown' ? parseOne(`${quotedName} ${answer}`, now, options) : alone;
  return named.intent === 'report' || named.intent === 'patrol' ? named : alone;
}

const QUOTED_NAME = new RegExp(`^((?:[\\u4e00-\\u9fffA-Za-z0-9()]{2,12}?${COMPANY_SUFFIX})|[\\u4e00-\\u9fffA-Za-z0-9()]{2,30}?有限公司)`);

const names = (m: ParsedMessage): boolean =>
  ('enterprise' in m && Boolean(m.enterprise)) || ('code' in m && Boolean(m.code)) || ('enterprises' in m && Boolean(m.enterprises?.length)) ||
  (m.intent === 'ambiguous' && m.options.some(names));

function parseOne(given: string, now: Date, options: NormaliseOptions): ParsedMessage {
  // Fragments sent a line at a time are laid out (a retracted line dropped, the name put first).
  const raw = layOutLines(given);
  // A pasted template (企业：… / 结果：…) is read line by line, before the lines are joined. Labels in brackets
  // (【企业】华星电子【问题】…) are the same template: each bracket starts a "label：value" line.
  const brackets = raw.length <= MAX_PARSED_CHARS ? raw.match(/【[^】\s]{1,8}】/g)?.length ?? 0 : 0;
  // A template has a handful of fields; hundreds of brackets are no form worth reading line by line.
  const labelled = brackets >= 2 && brackets <= 20
    ? parseForm(raw.replace(/【([^】\s]{1,8})】\s*/g, '\n$1：').trim(), now) : null;
  const form = labelled ?? (raw.length <= MAX_PARSED_CHARS && /\n|[:：]/.test(raw) ? parseForm(raw, now) : null);
  if (form) return compact(form);
  const text = normalise(raw.length > MAX_PARSED_CHARS * 2 ? raw.slice(0, MAX_PARSED_CHARS * 2) : raw, options);
  if (!text || text.length > MAX_PARSED_CHARS) return { intent: 'unknown', text: text.slice(0, MAX_PARSED_CHARS) };
  const reply = parseReply(text);
  if (reply) return reply;
  // The surface (slips, dialect, courtesy, layout) is put right before any reader runs; see surface.ts. A verdict
  // said in slang (木事, 中了, 齐活, 666) is then written as the verdict the readers know; see verdicts.ts.
  // Several codes in one message: one reading per code, none dropped (several-codes.ts).
  return readSurface(text, (words) => {
    const plain = plainVerdicts(words);
    const read = severalCodes(parseWords(plain, now, text), plain, (w) => parseWords(w, now, text));
    // A remark on earlier hazards before a new finding (华美那几条还没改，今天又看到…) is read without it.
    const aside = read.intent === 'unknown' || read.intent === 'report' || read.intent === 'patrol'
      ? withoutEarlierAside(plain, (w) => parseWords(w, now, text)) : null;
    return compact(aside ?? read);
  });
}


/** The readings of a message once whole-message answers are ruled out and spoken fillers are gone. */
// What a message without its ask-whether-right clauses may be read as: something told, never a question.
const TOLD = new Set<string>(['report', 'patrol', 'ambiguous']);

function parseWords(text: string, now: Date, said: string): ParsedMessage {
  // "…灭火器过期了，请问这样报可以吗": read what was told; the worker's doubt is no part of it.
  const meta = withoutMetaAsk(text);
  if (meta) {
    const told = readWords(meta.text, now, said);
    const named = told.intent === 'ambiguous' ? told.options.some((o) => 'enterprise' in o && o.enterprise) : 'enterprise' in told && told.enterprise;
    if (TOLD.has(told.intent) && named) {
      // "是不是要报重大隐患": the sender proposes major; the reply quotes why, so 改成一般 stays one word away.
      if (meta.major && (told.intent === 'report' || told.intent === 'patrol') && told.level !== 'major') {
        return { ...told, level: 'major', levelReason: meta.major };
      }
      return told;
    }
  }
  // "今天上午村里开低保评议会，开完我顺路到…转了一圈，…": village business before the visit is no part of it.
  const aside = withoutOtherBusiness(text);
  if (aside && aside.length < text.length) {
    const told = parseWords(aside, now, said);
    const named = told.intent === 'ambiguous' ? told.options.some((o) => 'enterprise' in o && o.enterprise) : 'enterprise' in told && told.enterprise;
    if (TOLD.has(told.intent) && named) return told;
  }
  // "永盛纺织巡查没问题 顺便说一下隔壁的金鹰五金消防通道堵了": two things joined by 顺便 / 另外 / 对了 (two-things.ts).
  const two = /顺便|另外|还有|对了|再就是/.test(text) ? twoThings(text, (w) => readWords(w, now, said)) : null;
  if (two) return two;
  return twoEnterprises(readWords(text, now, said), text, now, said);
}

// "华美化工 正常 恒泰五金 灭火器过期": two enterprises, each with its own words. Read as one, the second
// enterprise's hazard would be written against the first; each part is read alone and the sender picks.
const SECOND_NAME = new RegExp(`(?<=[\\s,;。、:])([\\u4e00-\\u9fffA-Za-z0-9()]{2,12}?${COMPANY_SUFFIX})(?=([\\s,;。、:])?)`, 'g');

function twoEnterprises(read: ParsedMessage, text: string, now: Date, said: string): ParsedMessage {
  if ((read.intent !== 'report' && read.intent !== 'patrol') || !read.enterprise) return read;
  const words = read.intent === 'report' ? read.description : read.findings ?? read.note;
  if (!words) return read;
  for (const m of text.matchAll(SECOND_NAME)) {
    const name = m[1];
    if (name === read.enterprise || read.enterprise.includes(name) || !words.includes(name)) continue;
    const first = readWords(text.slice(0, m.index).replace(/[\s,;。、:]+$/, ''), now, said);
    const second = readWords(text.slice(m.index), now, said);
    const told = (p: ParsedMessage, e: string) => (p.intent === 'report' || p.intent === 'patrol') && p.enterprise === e;
    // The first part must say something of its own (a finding or a verdict); the second name stands as its own
    // word, or follows a finished patrol (华美化工去过了正常，恒泰五金通道堵了), never a trade word inside a finding.
    const complete = (first.intent === 'report' && Boolean(first.description)) || (first.intent === 'patrol' && Boolean(first.result));
    const standalone = m[2] !== undefined || (first.intent === 'patrol' && Boolean(first.result));
    if (complete && standalone && told(first, read.enterprise) && told(second, name)) return { intent: 'ambiguous', options: [first, second] };
  }
  return read;
}

function readWords(text: string, now: Date, said: string): ParsedMessage {
  // "隐患怎么报" starts with a command word but asks how to use it.
  // "我现在在华美这边 怎么弄": asking what to do at a named site is no how-to; it asks which of the two.
  const howTo = parseOnSite(text) ?? parseHowTo(text) ?? parseBotQuestion(text);
  if (howTo) return howTo;
  // "我巡查了几家", "我报的那几条改了没有": a worker's question about their own work, before a command word
  // inside it (巡查, 报) is taken for a patrol or a report.
  const own = parseOwnQuestion(text);
  if (own) return compact(own);
  // "现报告一处安全隐患：…", "经检查，…": a clerk's formal opening before the finding.
  const clerk = parseClerkLead(text, now);
  if (clerk) return clerk;
  // "华美塑料 恒泰 都看过了 没问题": several enterprises visited, all well.
  const several = parseSeveralPatrol(text);
  if (several) return several;
  const cmd = matchCommand(text);
  // "上报 YH… 又堵了", "巡查 YH…": a report or patrol is about an enterprise, so a hazard code in it means
  // an action on that hazard; the code's sentence does it or asks which.
  const code = cmd && REPORTING.has(cmd.command) ? findHazardCode(cmd.rest) : null;
  if (cmd && code) return compact(parseCodeSentence(cmd.rest, code, now));
  if (cmd) return compact(byCommand(cmd.command, cmd.rest, text, now, cmd.word));
  const implicit = parseImplicit(text, now);
  if (implicit) return compact(implicit);
  // A code with nothing recognisable around it ("YH20261122-0007 怎么样了") asks about that hazard.
  const bare = findHazardCode(text);
  return bare ? { intent: 'query_hazard', code: bare.code } : { intent: 'unknown', text: said };
}
