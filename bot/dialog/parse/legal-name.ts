// An enterprise's registered name, as clerks and forms write it: 常州永盛包装材料有限公司,
// 江苏华美化工股份有限公司常州分公司, 华美化工(常州)有限公司, 常州通达物流运输有限公司. The legal form at its end is
// the surest boundary a name has: whatever trade words sit inside it (物流运输), the name runs to 有限公司 (and
// to its branch), and the text after it is what was found there, glued on or not.

const LEGAL_FORM = '(?:股份有限公司|有限责任公司|有限公司|合伙企业|个人独资企业)';
// A branch or office after the legal form: 常州分公司, 横林分厂, 第二分公司.
const BRANCH = '(?:[\\u4e00-\\u9fff\\d]{1,8}?(?:分公司|分厂|办事处|经营部|门市部))?';
// Up to 30 characters before the legal form, brackets included ((常州), （江苏）); no separator inside a name.
const LEGAL_NAME = new RegExp(`^[\\u4e00-\\u9fffA-Za-z0-9()（）]{2,30}?${LEGAL_FORM}${BRANCH}`);

/**
 * A registered name anywhere in the text, starting at the text's start or after a pause: "市场监管检查：常州市永信电梯
 * 工程有限公司维保记录缺失…" names the company, not the department that checked it.
 */
export function findLegalName(text: string): { name: string; before: string; rest: string } | null {
  if (!/有限|合伙企业|独资企业/.test(text)) return null;
  const starts = /(?:^|[\s,;。、:])(?=\S)/g;
  for (let m = starts.exec(text); m; m = starts.exec(text)) {
    const at = m.index + m[0].length;
    const found = takeLegalName(text.slice(at));
    if (found) return { name: found.name, before: text.slice(0, at), rest: found.rest };
    if (starts.lastIndex === m.index) starts.lastIndex++;
  }
  return null;
}

/** The registered name at the start of text, and what follows it; null when text does not start with one. */
export function takeLegalName(text: string): { name: string; rest: string } | null {
  if (!/有限|合伙企业|独资企业/.test(text)) return null;
  const m = LEGAL_NAME.exec(text);
  if (!m) return null;
  // 有限公司 alone, or 本/该有限公司, names nobody.
  const name = m[0];
  if (/^(?:该|本|此|这家|那家)?(?:股份)?有限/.test(name)) return null;
  return { name, rest: text.slice(name.length).replace(/^的/, '') };
}
