import * as OpenCC from 'opencc-js/t2cn';
import { looseCodes, spokenCodes } from './codes.js';
import { parseReply } from './replies.js';

// Workers on Taiwan/Hong Kong IMEs or a traditional-set phone type 上報 華美; every rule below is written in
// simplified characters. OpenCC's character-and-phrase tables (t → cn) are the maintained way to convert;
// text already simplified passes through unchanged (~10 µs a message).
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
// Only CJK text can need converting; ASCII-only messages (codes, digits, "ok") skip the converter.
const CJK = /[\u3400-\u9fff]/;

/** Traditional characters to simplified (華美 → 华美), leaving everything else as it is. */
export function simplified(text: string): string {
  return CJK.test(text) ? toSimplified(text) : text;
}

// Chat text arrives full of noise: full-width letters from Chinese IMEs, the @mention DingTalk leaves as a
// leading space, WeChat's [捂脸] codes, emoji, zero-width joiners. Everything downstream sees this cleaned form.

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufe00-\ufe0f]/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// ✅/✔/❌/✖ are kept: they answer 复查 (passed / failed); free-text slots drop them later.
export const MARKS = /[✅✔❌✖❎]/gu;
const EMOJI = /(?![✅✔❌✖❎])[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u20e3]/gu;
// WeChat/DingTalk emoticon codes such as [微笑] [捂脸] [OK] [强]. A fixed list, so "[重大]" typed as a tag survives.
const EMOTICON = new RegExp(
  `\\[(?:${[
    '微笑', '撇嘴', '色', '发呆', '得意', '流泪', '害羞', '闭嘴', '睡', '大哭', '尴尬', '发怒', '调皮', '呲牙', '惊讶',
    '难过', '酷', '冷汗', '抓狂', '吐', '偷笑', '愉快', '白眼', '傲慢', '困', '惊恐', '流汗', '憨笑', '悠闲', '奋斗',
    '咒骂', '疑问', '嘘', '晕', '衰', '再见', '擦汗', '抠鼻', '鼓掌', '坏笑', '哈欠', '鄙视', '委屈', '快哭了', '阴险',
    '亲亲', '可怜', '玫瑰', '凋谢', '爱心', '心碎', '强', '弱', '握手', '胜利', '抱拳', '拳头', '爱你', 'OK', 'NO',
    '捂脸', '奸笑', '机智', '皱眉', '耶', '吃瓜', '加油', '汗', '天啊', '社会社会', '旺柴', '好的', '打脸', '哇',
    '翻白眼', '666', '让我看看', '叹气', '苦涩', '裂开', '合十', '可爱', '笑脸', '大笑', '赞', '送花', '钱', '红包',
  ].join('|')})\\]`,
  'gi',
);
// Markdown emphasis means nothing in a chat command and would hide words such as **重大**.
const MARKDOWN_EMPHASIS = /\*\*|__|~~/g;
const TRAILING_PUNCT = /[\s.。!?~…,;、·]/;
/** Separators between the parts of a command (after NFKC: ，→, ；→; ：→:). */
export const SEPARATOR = /[\s,;。、:]+/;

// A trailing @name of four or more characters (a person's name has two or three; a title, 王站长, names a person too).
const TRAILING_ENTERPRISE = /^([^@\s].*?[^\s@])\s*@([\u4e00-\u9fff]{4,20})[\s。.!]*$/;
const PERSON = /(?:站长|科长|主任|局长|所长|书记|队长|组长|老师|经理|总|工|师傅|同志|网格员|员)$/;

export type NormaliseOptions = {
  /** Names the bot is @-mentioned by; removed wherever they appear, even without a following space. */
  botNames?: readonly string[];
};

export function normalise(input: string, options: NormaliseOptions = {}): string {
  let text = simplified(String(input ?? '').normalize('NFKC'));
  text = text.replace(INVISIBLE, '').replace(CONTROL, ' ').replace(EMOJI, ' ').replace(EMOTICON, ' ').replace(MARKDOWN_EMPHASIS, ' ');
  for (const name of options.botNames ?? []) {
    if (name) text = text.split(`@${name.normalize('NFKC')}`).join(' ');
  }
  text = looseCodes(spokenCodes(text.replace(/\s+/g, ' ').trim()));
  // "喷漆房防爆灯坏1个@江南涂装": an @ at the very end naming an enterprise (not a person: 李四, 王站长) says where the
  // rest was found; it is put first, where every reader looks for the enterprise.
  text = text.replace(TRAILING_ENTERPRISE, (whole, before: string, name: string) =>
    /YH\s*\d/i.test(before) || PERSON.test(name) ? whole : `${name} ${before}`,
  );
  // Leading mentions address the bot (or someone in the group); mentions later in the text name a person.
  text = text.replace(/^(?:@[^\s@]+\s*)+/, '').replace(/@(?=[^\s@])/g, '');
  // Quotation marks around a name (巡查完 “佳禾纺织” …) are punctuation, not part of it.
  text = text.replace(/【|】/g, ' ').replace(/[“”„‟「」『』]/g, '').replace(/\s+/g, ' ').trim();
  const stripped = trimEndWhile(text, TRAILING_PUNCT);
  // A lone "?" is the help command, not trailing noise.
  return stripped || text.replace(/\s+/g, '');
}

/**
 * Drops trailing characters matching a one-character class. A regex like /[,;]+$/ rescans the run from every
 * start position, which is quadratic on a pasted wall of commas.
 */
export function trimEndWhile(text: string, oneChar: RegExp): string {
  let end = text.length;
  while (end > 0 && oneChar.test(text[end - 1])) end--;
  return text.slice(0, end);
}

/** Restores Chinese punctuation inside free text (descriptions, reasons) that NFKC turned half-width. */
export function chinesePunctuation(text: string): string {
  const map: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？' };
  return text.replace(/(?<=[\u4e00-\u9fff])[,;:!?]|[,;:!?](?=[\u4e00-\u9fff])/g, (c) => map[c]);
}

/** Trims separators at both ends, collapses runs of them, and restores Chinese punctuation. */
export function tidy(text: string): string {
  const t = text
    .replace(/\(\s*\)|\[\s*\]/g, ' ')
    .replace(/\s*([,;。、:])\s*/g, '$1')
    .replace(/([,;。、:\s])[,;。、:\s]+/g, '$1')
    .replace(/^[,;。、:\s]+/, '');
  return chinesePunctuation(trimEndWhile(t.replace(MARKS, ' '), /[,;。、:\s.!?~…]/).replace(/\s+/g, ' ').trim());
}
