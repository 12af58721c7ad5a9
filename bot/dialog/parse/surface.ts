// The surface of a message: what must be put right before any reader runs, so the readers (written for
// standard Mandarin typed plainly) apply to what workers really send. Each step is one kind of noise:
// layout (slashes, spaced-out characters, a clause said twice), dialect words, same-sound slips in the bot's
// own words, look-alike slips of handwriting, courtesy wrappers and spoken fillers. Pure and cheap (a few µs a message).
import { standardDialect } from './dialect.js';
import type { ParsedMessage } from '../intents.js';
import { dropCourtesy, dropFillers, isCourtesy } from './fillers.js';
import { parseReply } from './replies.js';
import { correctHomophones } from './homophones.js';
import { correctLookalikes } from './lookalikes.js';
import { expandAbbreviations } from './abbreviations.js';
import { NORMAL_TOKEN } from './report.js';

const CJK = '[\\u4e00-\\u9fff]';

// "立信/除尘器不开/木粉一地/重大": a slash or bar between words separates fields; between digits it is a date (12/8).
const FIELD_BAR = /(?<!\d)\s*[/|\\｜]+\s*|\s*[/|\\｜]+\s*(?!\d)/g;
// "这 周 还 要 巡 查 哪 几 家": one character a word, three or more in a row, is one phrase typed with spaces.
const SPACED = new RegExp(`(?<=^|\\s)${CJK}(?: ${CJK}(?=\\s|$)){2,}`, 'g');
// "锁牢了，锁牢了", "晒 晒", "不弄了不弄了": a word or clause said twice in a row, as dictation does.
const REPEATED = /([\u4e00-\u9fff]{2,8}|[\u4e00-\u9fff])(?:[\s,]*\1)+(?=$|[\s,;。、:!?~])/g;
// Glued, only three characters or more: 有没有没整改 holds 有没 twice and is no repeat.
const REPEATED_GLUED = /([\u4e00-\u9fff]{3,6})\1+/g;

// Bullets, arrows and tag marks (• ▪ ★ → #隐患上报#) lay a message out; they separate, they never name.
const LAYOUT_MARKS = /[•●▪■□◆◇★☆→←⇒➡▶►》《〉〈#＃]+|-{0,1}>+|(?<=[\u4e00-\u9fff\s])(?:h{3,}|hhh+|\^_\^|T_T|QAQ|orz)(?=$|[\s,;。、:!?~]|[\u4e00-\u9fff])/gi;

// Dashes, plus signs and ellipses between words (金鹰电器——灭火器过期, 华美+通道堵, 灭火器过期...三天内) separate;
// a dash between digits is a code or a date (YH20261122-0007, 12-8) and stays.
const DASH = /\s*(?:[-—–－~]{1,3}|\+)\s*/g;
const ELLIPSIS = /\.{2,}|…+|。{2,}/g;
// "1、金鹰电器 灭火器过期 2、三天内整改", "①…②…", "(1)…": numbering of a typed list, not a number in the message.
const NUMBERING = /(?<=^|[\s,;。])(?:\d{1,2}|[一二三四五六七八九十]{1,2})(?:、|\.(?!\d)|\)|）)\s*(?=[^\d\s])|(?<=^|[\s,;。])\(\d{1,2}\)\s*|[①②③④⑤⑥⑦⑧⑨⑩]/g;

function layout(text: string): string {
  let out = text;
  if (/[-—–－~+]/.test(out)) out = out.replace(DASH, (m, at: number) => (/\d/.test(out[at - 1] ?? '') && /\d/.test(out[at + m.length] ?? '') ? m : ' ')).trim();
  if (/\.\.|…|。。/.test(out)) out = out.replace(ELLIPSIS, ',');
  if (/[、.)）①-⑩]/.test(out)) out = out.replace(NUMBERING, ' ');
  if (/[•●▪■□◆◇★☆→←⇒➡▶►》《〉〈#＃>^]|hhh|T_T|QAQ|orz/i.test(out)) out = out.replace(LAYOUT_MARKS, ' ').replace(/\s+/g, ' ').trim();
  if (/[/|\\｜]/.test(out)) out = out.replace(FIELD_BAR, (m) => (/\d/.test(m) ? m : ' '));
  if (/ \S /.test(out)) out = out.replace(SPACED, (run) => run.replace(/ /g, ''));
  return out;
}

// Dictation repeats are looked for in messages of chat length: on a long paste the backreferences would cost
// quadratic time for nothing.
const REPEAT_SCAN_MAX = 300;

function collapseRepeats(text: string): string {
  if (text.length > REPEAT_SCAN_MAX) return text;
  // A single character twice (看看, 谢谢) is a word; only a repeat separated by a space or comma is dictation.
  return text
    .replace(REPEATED, (whole, unit: string) => (unit.length === 1 && !/[\s,]/.test(whole) ? whole : unit))
    .replace(REPEATED_GLUED, '$1');
}

// "裕隆 正常 没问题", "恒泰 一切正常 没毛病": the verdict of all well said twice in other words, as people
// do to be sure. It is one verdict; the readers of a name and its verdict take the first.
const VERDICT_HINT = /正常|问题|毛病|好|ok|合格|异常|隐患/i;
function verdictOnce(text: string): string {
  if (!VERDICT_HINT.test(text)) return text;
  const parts = text.split(/([\s,;。、:!~]+)/);
  let out = parts[0];
  let lastNormal = NORMAL_TOKEN.test(parts[0]);
  for (let i = 1; i < parts.length; i += 2) {
    const word = parts[i + 1] ?? '';
    const normal = word !== '' && NORMAL_TOKEN.test(word);
    if (normal && lastNormal) continue;
    out += parts[i] + word;
    lastNormal = normal;
  }
  return out;
}

const FORMAL_MAJOR = /重大(?:生产安全事故|安全事故|事故)隐患/g;

/** The message as the readers expect it: layout, dialect, slips, courtesy and fillers put right. */
export function surface(text: string): string {
  // Look-alike slips first: a word put right by its shape (夏查 → 复查) is then a word the sound step knows.
  // 重大事故隐患 (and 重大生产安全事故隐患) is the regulations' full name of the bot's 重大隐患: said so, every reader
  // (the list of majors, the level) knows it.
  const plain = collapseRepeats(correctHomophones(standardDialect(correctLookalikes(expandAbbreviations(layout(text))))).replace(FORMAL_MAJOR, '重大隐患'));
  return verdictOnce(dropFillers(dropCourtesy(plain)));
}

// "三元彩印的情况 帮我查查看", "金达纺织最近的巡查记录给我看一下": the request said after what it is about (topic
// first, as people speak). The readers start from the verb, so the request is put first. Tried only when the
// message as said reads as nothing.
const POSTPOSED_REQUEST = /^(.{2,40}?)[\s,;。、:!~]*((?:麻烦)?(?:你)?(?:帮我|给我|帮忙|替我)?(?:查|看|瞧|调|拉|发|翻)(?:查看|看看|一下|一查|下|查|看|出来)(?:给我|我)?(?:看看|看一下|看下|看)?)(?:吧|哈|呗|好吗|行吗|谢谢)?$/;

/** Other word orders of the message to try when it reads as nothing. */
export function reordered(text: string): string[] {
  const m = POSTPOSED_REQUEST.exec(text);
  // The request in the one form every reader knows: 查一下 for looking something up, 看一下 for being shown it.
  return m ? [`${/[查调翻拉]/.test(m[2]) ? '查一下' : '看一下'} ${m[1].replace(/[\s,;。、:!~]+$/, '')}`] : [];
}

/**
 * Reads a normalised message through its surface: `read` is the readers (parseWords). The surface-corrected
 * words are read (a question whether the message is right is dropped by the readers, questions.ts); a rewrite never
 * costs a reading: when the corrected words read as nothing, the words as written (fillers dropped) and the
 * other word orders are tried, and the first reading that names no greeting (nor a dialect word) as an enterprise is kept.
 */
export function readSurface(text: string, read: (words: string) => ParsedMessage): ParsedMessage {
  const words = surface(text);
  // "取消取消", "好的 谢谢": once the surface is put right the message may be a whole-message answer.
  const answer = words !== text ? parseReply(words) : null;
  if (answer) return answer;
  const first = read(words);
  if (first.intent !== 'unknown') return first;
  for (const other of [dropFillers(text), ...reordered(words)]) {
    if (other === words) continue;
    const again = read(other);
    const named = 'enterprise' in again ? again.enterprise : undefined;
    // A name holding a dialect word (俺们网格, 华美俺) is the dialect the surface put right, read as a name.
    if (again.intent !== 'unknown' && !(named && (isCourtesy(named) || standardDialect(named) !== named))) return again;
  }
  return first;
}
