import { COMPANY_SUFFIX } from './slots.js';

// Young workers type the bot's words as pinyin initials and English shorthand: "xc hy物流 叉车无证 2w内zg",
// "ht check完了 ok", "我的todo", "yq的list发我下", "cx ht". Every reader looks for Chinese words, so each
// shorthand is written out here before any reader runs. Only whole Latin tokens are touched (a run of letters
// between non-letters, any case), so "hy物流" or "ht" (an enterprise by its initials, resolved by the dialog's
// pinyin match) stays as it was typed: an initial is expanded only when it is one of the bot's own words below.

// Pinyin initials of the bot's command words. Left out on purpose: initials that are vulgar in chat (sb, jb),
// and ones that are English in chat (pm: 3 PM, PM 2.5). zd is kept: 重大 is what it means in a hazard message,
// and a tag of level must not be lost.
const INITIALS: Readonly<Record<string, string>> = {
  xc: '巡查', zg: '整改', zd: '重大', yq: '逾期', cx: '查询', qy: '企业', fc: '复查', xh: '销号',
  tj: '统计', dbs: '待办', db: '待办', rw: '任务', wt: '问题', zc: '正常', wwt: '没问题',
};

// English shorthand ("xc done" is 巡查: done adds nothing a reader needs). "ok" is left as typed: the readers already take it as a pass or an all-well verdict.
// (yh is no shorthand here: it is how a hazard code is typed, YH 20261201-0002.)
const ENGLISH: Readonly<Record<string, string>> = {
  todo: '待办', todos: '待办', task: '任务', tasks: '任务', list: '清单', check: '检查', checked: '检查过了',
  done: '', good: '好', fine: '正常', report: '上报', help: '帮助', asap: '马上',
  pls: '', plz: '', please: '', thx: '', thanks: '', '3q': '', hi: '', hello: '',
  // "复查pass 👍", "刚才那个发错了 cancel": a review's verdict and the take-back, typed in English.
  pass: '通过', passed: '通过', cancel: '取消',
};
const ALL_GOOD = /\b(?:all|everything)\s+(?:good|ok|fine)\b|\bno\s+problem\b/gi;

// "3d内", "2w内", "10d前": a span typed with a unit letter. Only before a span word, so "3d打印" stays.
const SPAN = /(\d{1,3})\s*([dDwW])(?=\s*(?:内|以内|之内|前|之前)|\s|$)/g;

const TRADE_AFTER = new RegExp(`^${COMPANY_SUFFIX}`);
const TOKEN = /(?<![A-Za-z0-9])([A-Za-z]{2,6}|3q)(?![A-Za-z0-9])/g;

/** The message with the bot's words written out where they were typed as initials or English shorthand. */
export function expandAbbreviations(text: string): string {
  if (!/[A-Za-z]/.test(text)) return text;
  let out = text.replace(ALL_GOOD, ' 一切正常 ');
  out = out.replace(SPAN, (_m, n: string, unit: string) => `${n}${unit.toLowerCase() === 'd' ? '天' : '周'}`);
  out = out.replace(TOKEN, (token: string, _t: string, offset: number, whole: string) => {
    const lower = token.toLowerCase();
    // A Latin run glued to a trade word is an enterprise's initials (zg化工, xc物流): the name, not the word.
    if (TRADE_AFTER.test(whole.slice(offset + token.length))) return token;
    const word = INITIALS[lower] ?? ENGLISH[lower];
    // Glued to what was glued (立即zg → 立即整改, 我的todo → 我的待办); a dropped word leaves a space.
    return word === undefined ? token : word || ' ';
  });
  return out.replace(/\s+/g, ' ').trim();
}
