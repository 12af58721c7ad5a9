// Enterprises called the way neighbours call them: by the boss (老孙家, 老周家的厂, 开木材厂的老刘) or by what
// they make (做轴承的那家, 做电缆的那个厂, 搞喷涂的老板). No register holds these words, so no reader could find
// them by a trade word at the end; they are taken whole as the enterprise, and the dialog then finds the
// enterprise among the sender's or asks which one is meant.

// The common surnames (the hundred most frequent): 老 + surname + 家 is somebody's place, 老板家 or 老厂家 is not.
const SURNAME =
  '[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常葛殷倪季俞]';
// 家具 / 家纺 / 家电 / 家居 after 老X make a trade name (老孙家具厂), not the boss's place.
const NOT_HOME = '(?!具|纺|电|政|居|装|园|族|禽|私|用|乡|属|长|人)';
// 老孙家, 老周家的厂, 老刘那个厂, 老王的厂.
const BOSS = `老${SURNAME}(?:家${NOT_HOME}(?:的?(?:厂|公司|作坊|小厂)(?![房区里内]))?|的?(?:那个)?(?:厂|小厂|作坊|公司)(?![房区里内]))`;
// What is made or run: one to six characters, never 活 / 事 / 饭 (干活的, 做事的, 做饭的 are people) nor a
// verb's ending (做好的, 弄完的).
const PRODUCT = '(?![活事饭好完了过得到成错对])[\\u4e00-\\u9fff]{1,6}?(?:厂|店|作坊|公司)?';
// Which of them: 那家 (厂), 那个厂, 这家; or its boss (老板, 老刘, 刘老板, 刘总). Who drives something (开叉车的老王)
// is a worker, not a boss.
const WHICH = `(?:那家|这家)(?:厂|公司|作坊|店|小厂)?|[那这]个(?:厂|公司|作坊|小厂)|[那这]厂`;
const BOSS_OF = `(?:[那这]个)?老板(?:家)?|老${SURNAME}(?:家${NOT_HOME})?|${SURNAME}(?:老板|总)`;
const MAKES = '(?:做|开|搞|生产|干|弄|卖|造|加工)';
// 做轴承的那家, 开木材厂的老刘; or the other way round, 那家做塑料的 (厂).
// Where it stands may come first (村口那家做塑料的): it is part of what the neighbours call it.
const PLACE = '(?:村口|村头|路口|路边|桥头|河边|街口|东头|西头)?';
const BY_PRODUCT = `${MAKES}${PRODUCT}的(?:${WHICH})|${MAKES}${PRODUCT}(?<!车)的(?:${BOSS_OF})|${PLACE}(?:那家|这家)${MAKES}${PRODUCT}的(?:厂|公司|作坊|小厂)?`;

/** An enterprise called by its boss or its product, anywhere in a message. */
export const NICKNAME = new RegExp(`${BY_PRODUCT}|${BOSS}`);
// At the start of a message the product may stand with 那个 alone (做轴承的那个 热处理炉…): the one that makes it.
const LEADING = new RegExp(`^(?:${BY_PRODUCT}|${MAKES}${PRODUCT}的[那这]个(?![月人时])|${BOSS})`);

/** The nickname a message starts with, and the words after it (their 的 / 那边 / 里 left out), or null. */
export function leadingNickname(text: string): { name: string; rest: string } | null {
  const m = LEADING.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).replace(/^(?:的|里|那边|这边|那里|这里|那儿|那块儿|这块儿|那块|这块|那嘎达|厂里|那个(?![月周星礼季])|这个(?![月周星礼季])|了(?=$|[\s,;。、:!?~]))+/, '');
  return { name: m[0], rest };
}

/** Every nickname the message holds, longest first. */
export function nicknamesIn(text: string): string[] {
  const found = new Set<string>();
  const all = new RegExp(NICKNAME.source, 'g');
  for (let m = all.exec(text); m; m = all.exec(text)) found.add(m[0]);
  return [...found].sort((a, b) => b.length - a.length);
}

const TRADE = new RegExp(`${MAKES}(${PRODUCT})的`);

/**
 * What a product nickname says the enterprise makes (做电缆的那家 → 电缆, 开木材厂的老刘 → 木材), for the dialog to
 * look for among the sender's enterprises; null for a boss's name (老孙家), which no register field holds.
 */
export function nicknameTrade(name: string): string | null {
  if (!NICKNAME.test(name) && !LEADING.test(name)) return null;
  const trade = TRADE.exec(name)?.[1]?.replace(/(?:厂|店|作坊|公司)$/, '');
  return trade && trade.length >= 2 ? trade : null;
}
