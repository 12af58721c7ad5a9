// A village cadre's message often opens on other business before the visit it records:
//   今天上午村里开低保评议会，开完我顺路到<厂>转了一圈，…      拆迁那边忙完了，下午去看了看<厂>，…
//   上午在村里调解纠纷，下午去了<厂>，…                        低保的材料我送到镇上，顺便说一下，<厂>那边看过了，…
//   <a house that is no enterprise>我也去看了，不是厂，…另外<厂>这周巡过了，正常的
// The leading clauses name no enterprise and tell no finding; the message is what follows from the clause
// where the visit starts (or from 另外 / 顺便说一下). The caller keeps the shorter reading only when it names an
// enterprise, so a message that is all village business is read whole.
import { PROBLEM } from './problem-words.js';
import { COMPANY_SUFFIX } from './slots.js';
import { WHEN_TOLD } from './time-words.js';

// What ends the other business before the visit: 开完 / 忙完了 / 结束后 / 回来路上, 然后, and the narrator's 顺路.
const AFTER_OTHER = `(?:(?:[\\u4e00-\\u9fff]{1,3}?(?:完|罢)|散会|散了会|结束|下班)(?:了)?(?:以后|之后|后)?|然后|回来(?:的)?(?:路上|时候)?|之后)?`;
// A clause that starts the visit: (then) (I) (when) (on the way) went to / got to / looked at.
const VISIT_START = new RegExp(
  `^${AFTER_OTHER}(?:我|我们)?${WHEN_TOLD}(?:我|我们)?(?:又|也|就|顺路|顺便|顺道|抽空|再)*(?:去看了看|去看了|去了|去|到了|到|走到|跑到|跑了|看了看|转到|路过|经过)(?=\\S{2})`,
);
// What follows the name in the visit clause: 里 / 那边, and 转了一圈 / 看了看.
const VISIT_END = /(?:里|那边|那里|这边)?(?:转了一圈|转了转|转了一下|看了看|看了一下|看了下|看了|查了一下|检查了一下|检查了)?$/;
// A clause that turns to the next matter: 另外, 顺便说一下, 对了, 还有就是.
const TURN = /^(?:另外|顺便说一下|顺便说下|顺便讲一下|顺便提一下|对了|还有就是|还有个事|再就是)[\s,;。、:]*/;
// An enterprise named before: a name ending like one (华美化工), not a phrase (低保的材料, 不是厂).
const NAMED = new RegExp(`[^\\s,;。?!的是不没这那个里]{2,8}${COMPANY_SUFFIX}|YH\\s*\\d`, 'i');

/** The message from the visit on, when it opens on other business; null otherwise. */
export function withoutOtherBusiness(text: string): string | null {
  if (!/[,;。?!]/.test(text)) return null;
  const parts = text.split(/([,;。?!]+)/);
  for (let i = 2; i < parts.length; i += 2) {
    const clause = parts[i].trim();
    if (!clause) continue;
    const turn = TURN.exec(clause);
    if (!turn && !VISIT_START.test(clause)) continue;
    const before = parts.slice(0, i).join('');
    // The leading clauses are other business only when they name no enterprise and tell nothing wrong; after
    // 另外 the matter before is set aside whatever it was, unless it named an enterprise.
    if (NAMED.test(before) || (!turn && PROBLEM.test(before))) return null;
    const after = parts.slice(i + 1).join('');
    if (turn) {
      const rest = `${clause.slice(turn[0].length)}${after}`.replace(/^[\s,;。?!]+/, '').trim();
      return rest || null;
    }
    // The visit clause in the words every visit reader knows: 去了<name>, then what was found.
    const start = VISIT_START.exec(clause);
    const name = clause.slice(start ? start[0].length : 0).replace(VISIT_END, '');
    // Walking by (走到, 路过) is no visit: what was seen there is told as seen at the place.
    const passing = start && /走到|路过|经过/.test(start[0]);
    return name.length >= 2 ? `${passing ? '在' : '去了'}${name}${after || ''}` : null;
  }
  return null;
}
