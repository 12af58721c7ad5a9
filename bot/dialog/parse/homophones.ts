import { pinyin } from 'pinyin-pro';
import { loose as fuzzy, syllable } from './syllables.js';
import { COMPANY_SUFFIX } from './slots.js';

// Workers type with a pinyin IME and dictate with voice-to-text; both give the right sound and the wrong
// character: 整该 for 整改, 隐换 for 隐患, 安全出扣 for 安全出口, 代办 for 待办, 灭火气 for 灭火器. Every reader looks
// for the bot's own words, so a slip in one of them hides the whole message. The fix is general: a window of
// 2-4 characters whose toneless pinyin equals a word of the bot's vocabulary below, and which differs from it
// in exactly one character, is that word. Three guards keep real words and names as they were written:
//   - one character must already be right (消访 → 消防, never 小方 → 消防, a person);
//   - a window followed by a trade word or legal form is part of an enterprise name (正昌机械 stays);
//   - a written form that is itself a common word is left alone (COMMON), unless the word around it says the
//     domain sense (电线老话 → 电线老化, but 老话说得好 stays).

// The bot's vocabulary: command words, hazard words, check items, result and deadline words. Kept to words a
// reader looks for; a word here is only ever a target, never rewritten itself.
const LEXICON = [
  // commands and their objects
  '整改', '隐患', '巡查', '复查', '销号', '交办', '吹哨', '报到', '作废', '上报', '待办', '任务', '逾期', '排名', '统计',
  '重大隐患', '一般隐患', '整改完成', '已整改', '复查通过', '巡查完毕', '检查', '台账', '闭环', '限期整改', '督办',
  // hazard words and check items
  '安全出口', '疏散通道', '消防通道', '安全通道', '消防', '消防栓', '消火栓', '灭火器', '喷淋', '应急灯', '疏散指示',
  '配电箱', '配电房', '配电柜', '电线', '老化', '私拉乱接', '乱拉乱接', '漏电', '防爆', '粉尘', '除尘器', '危化品',
  '有限空间', '易燃', '过期', '堵塞', '占用', '锁闭', '堆放', '气瓶', '液化气', '叉车', '压力容器', '特种设备',
  '安全帽', '防护罩', '警示标志', '防爆灯', '动火', '焊接', '抽烟', '吸烟', '隐患点', '应急照明', '漏电保护', '易燃易爆',
  '危险化学品', '烟感', '护栏', '安全带', '劳保用品', '动火作业', '特种作业', '操作证', '上岗证', '应急预案',
  '消防演练', '警示标识', '杂物', '排查', '自查', '检查表', '整改通知', '整改期限', '复查合格', '隐患整改',
  // results and deadlines
  // 正常 and 马上 are left out: 正昌 and 马尚 are names, and a slip in them hides nothing a reader needs.
  '没问题', '无隐患', '未发现', '本周', '下周', '这周', '本月', '月底', '年底', '以内', '之内', '之前', '限期',
] as const;

// Written forms that are words in their own right, with the context that shows the slip anyway.
const COMMON: Readonly<Record<string, RegExp | null>> = {
  老话: /(?:线|缆|管|路|设备|插座|插头|皮|机器|设施)$/, // 电线老话 → 老化; 老话 (an old saying) otherwise
  代办: /(?:我的|查看?|看看?|看下|有什么|有啥|今天的?|哪些|几个|几条)$/, // 代办 (to act for) is a word; 我的代办 is 待办
  检察: null, // 检察院
  报道: null, // a news report
  交班: null, // a shift handover
  预期: null, // expected
  漏点: null, // a leak point on a pipe
  抽验: null, // sampling
  已然: null,
  台长: null,
  查车: null,
  银环: null,
  先期: null, // earlier
};

const SUFFIX_AFTER = new RegExp(`^${COMPANY_SUFFIX}`);
const SUFFIX_ANYWHERE = new RegExp(COMPANY_SUFFIX, 'g');


// The vocabulary by its sound: "zheng gai" → 整改 exactly; words of three or four characters by the loose sound
// too (two loose syllables match too many real words: 电箱 is no 电线). Built once, on the first message.
let bySound: Map<string, string> | null = null;
// The first syllables of the vocabulary: a position whose sound starts no word is passed at once.
const firstSounds = new Set<string>();
function lexicon(): Map<string, string> {
  if (bySound) return bySound;
  bySound = new Map();
  for (const word of LEXICON) {
    const sounds = [...word].map(syllable);
    firstSounds.add(sounds[0]);
    firstSounds.add(fuzzy(sounds[0]));
    bySound.set(sounds.join(' '), word);
    if (word.length >= 3) {
      const loose = `~${sounds.map(fuzzy).join(' ')}`;
      if (!bySound.has(loose)) bySound.set(loose, word);
    }
  }
  return bySound;
}
const LEXICON_SET = new Set<string>(LEXICON);
const LEXICON_FIRST = new Set<string>(LEXICON.map((w) => w[0]));

// One character wrong in a word of two or three; up to two in a word of four (the sound of four syllables is
// specific enough: 疏散知识 can only be 疏散指示).
function nearMiss(written: string, word: string): boolean {
  let diff = 0;
  for (let i = 0; i < word.length; i++) if (written[i] !== word[i]) diff++;
  return diff >= 1 && diff <= (word.length >= 4 ? 2 : 1);
}

// What may follow a word: nothing, a separator or digit, a particle or a verb of state (严重, 破损, 缺失), a weekday or a numeral
// (下州一前 is 下周一前), or another word of the vocabulary by its sound (本州逾其的 is 本周逾期的).
const WORD_END = /^(?:$|[^\u4e00-\u9fff]|[了的好完过掉啊吗呢吧没不已都还要是很太有在和与及等也就又被一二三四五六七八九十日天末严破坏脱失缺未无超漏堵锁])/;
let startSounds: Set<string> | null = null;
function endsWord(syl: readonly string[], chars: readonly string[], at: number): boolean {
  if (WORD_END.test(chars[at] ?? '')) return true;
  startSounds ??= new Set(LEXICON.map((w) => [...w.slice(0, 2)].map((c) => fuzzy(syllable(c))).join(' ')));
  return startSounds.has(syl.slice(at, at + 2).map(fuzzy).join(' '));
}
const PLACE_END = /[山林桥塘浦港湾溪庄园岗墩圩埠口头集坊店营堡湖河洲滩岭坝泾渡亭阳城陵村镇乡街巷路里埭舍圩荡区县市]/;
// When and who, said in front of a command word at the start of a message.
const TOLD_BEFORE = /^(?:我们?|俺)?(?:今天|今日|今儿|上午|下午|早上|中午|晚上|昨天|刚才|刚刚)?(?:我们?|俺)?(?:刚|又|也|再)?$/;
// The command words, which start a message before the enterprise they act on (巡插华美 正常 is 巡查华美).
const COMMAND_WORDS = new Set(['巡查', '复查', '上报', '销号', '交办', '吹哨', '作废', '整改', '报到', '排名', '统计', '督办']);

/** The message with same-sound slips in the bot's own words corrected (整该 → 整改). */
export function correctHomophones(text: string): string {
  const chars = [...text];
  if (chars.length < 2) return text;
  const sounds = lexicon();
  const syl = chars.map(syllable);
  let contextual: string[] | undefined;
  // Characters of a trade word (电子, 化工) belong to a name: no window may take one of them (东升电子查过了
  // holds zi cha, and is no 自查).
  let inName: boolean[] | null = null;
  const named = (from: number, to: number) => {
    if (!inName) {
      inName = new Array<boolean>(chars.length).fill(false);
      const flat = chars.join('');
      for (const m of flat.matchAll(SUFFIX_ANYWHERE)) {
        const start = [...flat.slice(0, m.index)].length;
        for (let k = start; k < start + [...m[0]].length; k++) inName[k] = true;
      }
    }
    for (let k = from; k < to; k++) if (inName[k]) return true;
    return false;
  };
  const loose = syl.map(fuzzy);
  let out = '';
  let i = 0;
  while (i < chars.length) {
    // A stutter of dictation (整整改好了, 巡巡查完了): a first character said twice before a vocabulary word.
    // 下下 is a word of its own (下下周一, 下下个月: the week or month after next), no stutter.
    if (chars[i] === chars[i + 1] && chars[i] !== '下' && LEXICON_FIRST.has(chars[i]) && startsWord(i + 1)) {
      i++;
      continue;
    }
    const len = syl[i] && (firstSounds.has(syl[i]) || firstSounds.has(loose[i])) ? slipAt(i) : 0;
    if (len) continue;
    out += chars[i];
    i++;
  }
  return out;

  function startsWord(at: number): boolean {
    for (let len = 2; len <= 4; len++) if (LEXICON_SET.has(chars.slice(at, at + len).join(''))) return true;
    return false;
  }

  // The length of the vocabulary word at i (a slip corrected into out, or a word written right copied), or 0.
  function slipAt(at: number): number {
    // Longest first: 安全出扣 is one slip in a four-character word, not 出扣 alone.
    for (let len = Math.min(4, chars.length - at); len >= 2; len--) {
      let exactKey = syl[at];
      let looseKey = `~${loose[at]}`;
      let complete = true;
      for (let k = at + 1; k < at + len; k++) {
        if (!syl[k]) complete = false;
        exactKey += ` ${syl[k]}`;
        looseKey += ` ${loose[k]}`;
      }
      if (!complete) continue;
      const exact = sounds.get(exactKey);
      const word = exact ?? (len >= 3 ? sounds.get(looseKey) : undefined);
      if (!word) continue;
      const written = chars.slice(at, at + len).join('');
      // A word of the vocabulary written right is kept whole: 配电箱 holds 电箱, which must not become 电线.
      if (written === word || LEXICON_SET.has(written)) {
        out += written;
        i += len;
        return len;
      }
      if (!nearMiss(written, word)) continue;
      const after = chars.slice(at + len, at + len + 6).join('');
      if (SUFFIX_AFTER.test(after) || named(at, at + len)) continue;
      // A window ending in a wrong place-name character (上堡, 下洲, 上岗镇) names a village, a road or a town.
      if (written[len - 1] !== word[len - 1] && PLACE_END.test(written[len - 1])) continue;
      // Two characters are easily a word boundary (路过戚墅堰 holds guo qi): a two-character slip must end where a
      // word ends (before a particle, a separator or another word of the vocabulary), or be a command word
      // starting the message; a common word whose context says the domain sense (电线老话严重) is vouched for.
      // A command word after when or who (今天巡茶永盛纺织, 我刚巡茶了华美) starts the message as much as one said first.
      const atStart = at === 0 || /[\s,;。、:!?~]/.test(chars[at - 1]) || (COMMAND_WORDS.has(word) && TOLD_BEFORE.test(out));
      if (len === 2 && !endsWord(syl, chars, at + 2) && !(atStart && COMMAND_WORDS.has(word))) continue;
      // A polyphone read by its default sound (刹 as cha) is checked against the sound in context (刹车 sha che).
      contextual ??= pinyin(text, { toneType: 'none', type: 'array' });
      if (contextual.length === chars.length) {
        const heard = contextual.slice(at, at + len);
        if (exact ? heard.join(' ') !== exactKey : `~${heard.map(fuzzy).join(' ')}` !== looseKey) continue;
      }
      if (written in COMMON) {
        const context = COMMON[written];
        if (!context || !context.test(out)) continue;
      }
      out += word;
      i += len;
      return len;
    }
    return 0;
  }
}

