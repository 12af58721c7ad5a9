// Look-alike slips in the words around a hazard code: the character next to the right one in the candidate
// list, or one that looks the same on a small screen (己/巳 for 已, 末 for 未, 夏 for 复). Same-sound slips are put
// right for the whole message (homophones.ts); these are put right only next to a code, where the words can
// only be the action words (已改好, 未整改, 复查), so 自己, 月末 and 夏天 are never touched.

// 己/巳 before a verb or result word is 已 (己改好了, 巳经整改); 自己, 知己, 利己 keep theirs.
const SELF = /(?<![自知利舍克异])[己巳](?=经|[改修换装清搬挪拆补配弄搞处整完复验通合销报发到按全都])/g;
// 末 after a negating adverb, or before a job word, is 未 (还末整改, 末通过); 月末, 周末, 年末, 期末 keep theirs.
const NOT_YET = /(?<=[还尚仍均并暂从])末|(?<![月周年期岁本季旬])末(?=整改|改|通过|合格|到位|完成|处理|落实|复查|验收|见|发现)/g;
// 夏查, 夏核 is 复查, 复核: 夏 sits next to 复 in the candidate list and looks alike.
const AGAIN = /夏(?=查|核|检|验)/g;

/** The words around a hazard code with look-alike slips in its action words put right. */
export function withoutCodeSlips(text: string): string {
  if (!/[己巳末夏]/.test(text)) return text;
  return text.replace(SELF, '已').replace(NOT_YET, '未').replace(AGAIN, '复');
}

// Northern words said next to a code, where they can only be the speaker or the check's verdict: 俺 (I), 中 / 中了
// as a word of its own (Henan: OK), 妥了 (done, fine), 木事 / 没事儿 (nothing wrong). "俺看过了 中了" is the visit
// and its verdict; 中午, 集中, 中间 keep their 中. (The whole-message dialect table is dialect.ts.)
const NORTH: readonly (readonly [RegExp, string])[] = [
  [/俺们/g, '我们'],
  [/俺(?=[\u4e00-\u9fff])/g, '我'],
  [/(?<=^|[\s,;。、:!?~])(?:中|妥)(?:了|啦)?(?=$|[\s,;。、:!?~])|(?<=^|[\s,;。、:!?~])妥(?:了|啦)(?=[\u4e00-\u9fff])/g, '可以了'],
  [/木(?:有)?事(?![故件情项])儿?|没事儿/g, '没事'],
  [/(?<=^|[\s,;。、:!?~])不中(?:了|啦)?(?=$|[\s,;。、:!?~])/g, '不行'],
  // 拾掇好了 (tidied up, fixed), 齐活了 (all done): the job said done.
  [/拾掇(?:好|完|利索)/g, '弄好'],
  [/齐活(?:儿)?(?:了|啦)?/g, '弄好了'],
];

/** The words around a hazard code with the northern words of the speaker and the verdict in standard form. */
export function northernWords(around: string): string {
  if (!/[俺中妥木]|事儿|拾掇|齐活/.test(around)) return around;
  return NORTH.reduce((t, [re, to]) => t.replace(re, to), around);
}
