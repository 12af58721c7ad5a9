// A message of several "label：value" lines, pasted from a template (企业：… / 结果：正常 / 隐患：… / 期限：…).
// Each value is read by its label; a label is never a name, and the lines themselves never become a
// description. Returns null when the message is not such a form.
import type { HazardLevel, ParsedMessage } from '../intents.js';
import { matchCommand } from './commands.js';
import { normalise } from './normalise.js';
import { freeText, takeDeadline, takeLevel } from './slots.js';
import { saysNormal, withoutVerdicts } from './report.js';
import { besideVerdict } from './beside-verdict.js';

type Field = 'inspector' | 'enterprise' | 'result' | 'hazard' | 'deadline' | 'action' | 'level' | 'note';

// Order matters: the first label that matches a line decides its field.
const LABELS: [Field, RegExp][] = [
  // 巡查单位 / 检查单位 / 检查人 name who inspected (a grid, a town office, a person), never the enterprise:
  // their lines are read and dropped. 被检查单位 is the one inspected.
  ['inspector', /^(?:巡查|检查|巡检|排查|走访)(?:单位|部门|人员?|组|网格|网格员|镇|街道)$|^(?:所属)?(?:网格|网格员|镇|街道|乡镇)$|^(?:填报|填表|记录|上报|报告)(?:人|单位|时间|日期)$|^(?:检查|巡查)?(?:时间|日期)$/],
  // "巡查记录：嘉诚 结果：正常": a heading that takes the name as its value.
  ['enterprise', /^(?:巡查|检查|被检查|被巡查|受检|隐患|所属)?(?:企业|单位|公司|厂家|厂)(?:名称|全称|简称)?$|^名称$|^(?:巡查记录|检查记录|巡查|检查|巡检)$/],
  // 处理意见：责令后天前拆除 gives the deadline; 处理意见：继续保持 gives none, and asks nothing.
  ['action', /^(?:处理|整改|处置)(?:意见|措施|要求|建议)$|^(?:意见|建议|要求)$/],
  ['result', /^(?:巡查|检查)?(?:结果|结论|情况)$/],
  ['hazard', /^(?:隐患|问题|存在问题|发现问题|存在隐患|发现隐患)(?:描述|内容|情况|说明)?$|^(?:描述|内容|情况说明|具体情况|具体问题)$/],
  ['deadline', /^(?:整改)?(?:期限|时限|限期|时间|完成时间|截止时间|截止日期|要求)$|^整改$/],
  ['level', /^(?:隐患)?(?:等级|级别)$/],
  ['note', /^(?:备注|说明|补充)$/],
];
const LINE = /^\s*([^:：\s]{1,8})\s*[:：]\s*(.*)$/;
const NORMAL = /^(?:正常|无异常|一切正常|良好|合格|无|没有问题|没问题|无问题|未发现问题|未发现隐患|无隐患|✅)$/;
const ISSUES = /^(?:发现问题|发现隐患|有问题|有隐患|存在问题|存在隐患|不正常|异常|不合格)$/;

// The same form typed on one line ("企业：华美 结果：正常"): split before each label that has a colon.
// "巡查记录：企业：嘉禾食品 …": a heading's colon may stand where the space would.
const INLINE_LABEL =
  /(?:\s|(?<=[:：】\]]))(?=(?:被|受)?(?:巡查|检查)?(?:企业|单位)(?:名称)?\s*[:：]|(?:检查|巡查)(?:人|情况)\s*[:：]|(?:处理|整改)(?:意见|要求)\s*[:：]|(?:巡查|检查)?结果\s*[:：]|(?:隐患|问题|存在问题)(?:描述|内容)?\s*[:：]|(?:整改)?(?:期限|时限)\s*[:：]|(?:隐患)?(?:等级|级别)\s*[:：]|备注\s*[:：])/;

export function parseForm(raw: string, now: Date): ParsedMessage | null {
  let lines = raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 1) {
    lines = lines[0].split(INLINE_LABEL).map((l) => l.trim()).filter(Boolean);
    // On one line only a message that starts as a form is one: "上报 华美 … 级别：重大" is a command
    // with a labelled level, read by the command's own rules.
    const first = lines[0] ?? '';
    const heading = matchCommand(normalise(first));
    if (!LINE.test(first) && !(heading && !heading.rest)) return null;
  }
  if (lines.length < 2) return null;
  const fields: Partial<Record<Field, string>> = {};
  const loose: string[] = [];
  let labelled = 0;
  for (const line of lines) {
    const m = LINE.exec(line);
    const field = m ? LABELS.find(([, re]) => re.test(normalise(m[1])))?.[0] : undefined;
    if (m && field) {
      labelled++;
      fields[field] = [fields[field], normalise(m[2])].filter(Boolean).join(' ');
    } else if (m && labelled > 0 && !matchCommand(normalise(line))) {
      // "地址：…", "联系人：…": a label this reader does not use. The line is left out: a missing
      // description is asked for, never made up from an address.
      continue;
    } else {
      loose.push(normalise(line));
    }
  }
  // Mostly labels, or at least the enterprise labelled (企业：华美 / then the problem in plain lines).
  if (labelled < 1 || (labelled < loose.length && fields.enterprise === undefined)) return null;
  // A heading line (上报 / 巡查记录) says which kind of form this is; other loose lines add to the hazard.
  const heading = loose.length ? matchCommand(loose[0]) : null;
  if (heading && !heading.rest) loose.shift();
  const patrol = heading?.command === 'patrol' || fields.result !== undefined;
  if (heading && !['patrol', 'report', 'major_report', 'general_report'].includes(heading.command)) return null;

  // The value of a deadline line is read as after its label (整改时限：24小时), where a bare span is a deadline.
  const fromDeadline = fields.deadline ? takeDeadline(`期限:${fields.deadline}`, now) : { rest: '' } as ReturnType<typeof takeDeadline>;
  // A deadline in the action line counts when the deadline line gave none; the action line's other words ask nothing.
  const fromAction = fields.deadline === undefined && fields.action ? takeDeadline(fields.action, now) : { rest: '' };
  const deadline = fromDeadline.deadline ?? fromAction.deadline;
  const issue = fromDeadline.issue ?? (deadline ? undefined : fromAction.issue);
  const deadlineIssue = issue ?? (!deadline && freeText(fromDeadline.rest) ? { reason: 'unclear' as const, text: fields.deadline! } : undefined);
  // "企业：华美 灭火器过期": a name has no spaces; what follows it on the line is the problem.
  const [name, ...afterName] = (fields.enterprise ?? '').split(' ');
  fields.enterprise = name;
  const hazardText = [fields.hazard, afterName.join(' '), ...loose].filter(Boolean).join(' ');
  const { level: saidLevel, rest: words } = takeLevel(hazardText);
  const level: HazardLevel | undefined = fields.level
    ? (/重大/.test(fields.level) ? 'major' : /一般|较大|较小|低/.test(fields.level) ? 'general' : undefined)
    : saidLevel ?? (heading?.command === 'major_report' ? 'major' : undefined);
  const enterprise = freeText(fields.enterprise ?? '');
  const description = freeText(words);
  const slots = { enterprise, level, deadline, deadlineIssue };
  if (!patrol) return { intent: 'report', ...slots, description };
  const result = fields.result ?? '';
  // 检查情况：设备运行正常，人员防护到位 — a verdict told in a sentence is as normal as 正常 alone.
  if (!description && (NORMAL.test(result) || saysNormal(result))) {
    // 结果：正常 备注：灭火器过期 — a note that tells a problem after all is the finding (or asked), never lost as a
    // note (beside-verdict.ts).
    const note = freeText(fields.note ?? '');
    const beside = note ? besideVerdict(withoutVerdicts(note), Boolean(deadline || deadlineIssue)) : 'note';
    if (beside === 'finding') return { intent: 'patrol', ...slots, result: 'issues', findings: note };
    if (beside === 'unsure') return { intent: 'patrol', ...slots, findings: note };
    return { intent: 'patrol', ...slots, result: 'normal', note };
  }
  if (description || ISSUES.test(result)) return { intent: 'patrol', ...slots, result: 'issues', findings: description };
  // 结果：配电箱未接地 — the result is the finding itself.
  const finding = freeText(result);
  return finding ? { intent: 'patrol', ...slots, result: 'issues', findings: finding } : { intent: 'patrol', ...slots };
}
