import { CHAT_LEAD } from './chat-lead.js';
import { LEADING_PATROL_KIND } from './patrol-kinds.js';
import { PROBLEM } from './problem-words.js';

// The command words a message may start with. Longer words win (上报隐患 before 上报, 整改完成 before 整改).

export type Command =
  | 'help' | 'bind' | 'report' | 'major_report' | 'general_report' | 'patrol' | 'rectify' | 'review' | 'tasks'
  | 'query' | 'stats' | 'overdue' | 'ranking' | 'assign' | 'whistle' | 'acknowledge' | 'close' | 'void' | 'cancel' | 'login';

const WORDS: Record<Command, string[]> = {
  help: ['说明书', '帮助', '菜单', 'help', '使用说明', '使用方法', '使用帮助', '操作说明', '用法', '怎么用', '功能列表', '指令', '命令'],
  bind: ['绑定账号', '绑定码', '绑定'],
  report: ['上保隐患', '上保', '上抱', '报个隐患', '报一个隐患', '报条隐患', '报一条隐患', '报个问题', '上报一个隐患', '上报个隐患', '上报一个', '登记个隐患', '上报隐患', '隐患上报', '发现隐患', '报隐患', '报告隐患', '新增隐患', '登记隐患', '隐患登记', '报下隐患', '报个', '报下', '登记一下', '登记下', '登记个', '登记', '反映个问题', '反映一下', '上报', '报告', '隐患', '报一下'],
  major_report: ['重大隐患上报', '上报重大隐患', '报重大隐患', '重大事故隐患', '重大隐患'],
  general_report: ['一般隐患上报', '上报一般隐患', '一般隐患'],
  patrol: ['回头看', '巡察', '已巡查', '已检查', '已巡检', '已走访', '巡查记录', '日常巡查', '巡查', '巡检', '检查', '走访'],
  rectify: ['整改完成', '整改完毕', '已完成整改', '完成整改', '整改好了', '已整改', '整改反馈', '整改'],
  review: ['复查', '验收', '复核'],
  tasks: ['我的任务', '我的待办', '待办事项', '待办任务', '今日任务', '今天任务', '待办', '任务', '我的工作', '有啥任务', '有什么任务'],
  query: ['查询一下', '查一下', '查询', '查看', '查查', '查下', '查', '看一下', '看下', '看看'],
  stats: ['数据统计', '统计数据', '统计一下', '统计', '汇总'],
  overdue: ['逾期隐患', '逾期任务', '逾期清单', '逾期', '超期'],
  ranking: ['考核排名', '排名', '排行', '考核'],
  assign: ['交办'],
  whistle: ['吹哨'],
  acknowledge: ['已报到', '报到', '签收'],
  close: ['销号', '闭环'],
  void: ['作废'],
  // 不算了 ("never mind", often said twice: 不算了不算了，我发错了) is 算了 with its negation, the same withdrawal.
  cancel: ['取消', '不算了', '算了', '不报了', '撤回'],
  login: ['登录', '登陆', '登入', '打开页面', '打开网页版', '打开网页', '网页版', '电脑版', '打开后台', '进入系统'],
};

const TABLE = Object.entries(WORDS)
  .flatMap(([command, words]) => words.map((word) => ({ command: command as Command, word: word.toLowerCase() })))
  .sort((a, b) => b.word.length - a.word.length);

// People write "请帮我上报…", "我要查询…", "好的 那我报一下…"; the politeness and the chat before it
// (好的, 哦对了, 那我) are not part of the command.
const POLITE = new RegExp(`^(?:${CHAT_LEAD})*(?:请|麻烦|帮我|帮忙|给我|我要|我想|我来|我需要|需要|那我|我)*\\s*`, 'i');
// 报 alone is a command only as its own word (报 华美…); 报到, 报表, 报警 are other words.
const LONE_REPORT = /^报(?:[\s:,]+|(?=[一二两三四五六七八九十]?个|一下))/;

// "陈姐我这边好了。顺便 @安全助手 巡查 远航纺织 …", "收到收到! 另外 上报 华美…": a chat sentence to the group,
// then the command to the bot. The chat part ends on a sentence mark or is joined by 顺便 / 对了 / 另外 / 还有; the
// command word stands as its own word after it. A chat part that tells a problem is no chat.
const AFTER_CHAT = /^([^\n]{1,24}?)(?:[。!?~]+\s*(?:顺便|顺带|对了|另外|还有)?|[\s,。]+(?:顺便|顺带|对了|另外|还有))[\s,:]*(?=\S)/;

// The earlier problems said first as put right, a sentence of their own and more said after it (not a question).
const RETURN_VISIT = /^(?:上次|上回|之前|以前|原来|先前)(?:的|提的|查的|发现的|报的)?(?:问题|隐患)(?:都|均|全部?|已经?)*(?:整改|改|处理|解决|消除)(?:好|完|到位)?了[\s,;。、:!]+(?=[^\s,;。、:!])(?!.*(?:吗|呢|没有|[?？])[\s。!]*$)/;

/** The command at the start of a normalised message and the text after it (colon/space stripped). */
export function matchCommand(text: string): { command: Command; word: string; rest: string } | null {
  const first = matchLeading(text);
  if (first) return first;
  // "上次的隐患都整改了 灭火器过期": a return visit (回头看) told by its verdict on the earlier problems, then what it
  // found; the verdict is the patrol's own words, so it stays in the rest.
  if (RETURN_VISIT.test(text) && !/YH\s*\d/i.test(text)) return { command: 'patrol', word: '', rest: text };
  const chat = AFTER_CHAT.exec(text);
  if (!chat || PROBLEM.test(chat[1])) return null;
  const after = matchLeading(text.slice(chat[0].length));
  // The command word must stand alone (巡查 远航纺织), so a sentence that merely goes on (…顺便巡查了一下) is no command.
  const tail = text.slice(chat[0].length);
  return after && tail.toLowerCase().startsWith(after.word) && /^[\s:]/.test(tail.slice(after.word.length)) ? after : null;
}

function matchLeading(text: string): { command: Command; word: string; rest: string } | null {
  // "记录一下巡查 恒达物流…": writing it down is what a patrol command does.
  // "例行检查 裕丰化纤 …", "网格巡查 新宇包装 …": the kind of visit is no part of the command or its object.
  const polite = text.replace(POLITE, '').replace(/^(?:记录|记|登记)(?:一下|下)?(?=巡查|检查|巡检|走访)/, '');
  for (const candidate of [text, polite, polite.replace(LEADING_PATROL_KIND, '')]) {
    if (!candidate) continue;
    const lone = LONE_REPORT.exec(candidate);
    if (lone) return { command: 'report', word: '报', rest: candidate.slice(lone[0].length).replace(/^(?:一下|个)\s*/, '') };
    const lower = candidate.toLowerCase();
    for (const { command, word } of TABLE) {
      if (!lower.startsWith(word)) continue;
      const rest = candidate.slice(word.length);
      // "查华美" is a command but "help" must not swallow "helper"-like latin words.
      if (/^[a-z]/i.test(word) && /^[a-z]/i.test(rest)) continue;
      // "巡查了华美", "检查一下华美": aspect words between the verb and its object.
      // "巡查完 佳禾纺织": 完 / 完了 / 完毕 after a patrol verb says it is done.
      const aspect = command === 'patrol' ? /^(?:完了|完毕|完|过了|了一下|一下|了)\s*/ : /^(?:了一下|一下|了)\s*/;
      // "巡查好佳美纸业…", "检查好了 华美": 好 glued to a patrol verb says the visit is done.
      const done = command === 'patrol' && /^(?:巡查|检查|巡检)$/.test(word) ? /^好了?\s*/ : /^$/;
      return { command, word, rest: rest.replace(done, '').replace(/^[\s:,;。、]+/, '').replace(aspect, '') };
    }
  }
  return null;
}
