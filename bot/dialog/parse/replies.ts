// Whole-message answers to a question the bot asked: a number, yes/no, or giving up.
import { chineseNumber } from '../../../lib/chinese-number.js';
import type { ParsedMessage } from '../intents.js';

const YES = new Set(['是', '是的', '对', '对的', '好', '好的', '确认', '确定', '嗯', '嗯嗯', '行', '可以', 'ok', 'y', 'yes', '同意', '要', '需要', '合并', '是滴', '对头', '中', '妥']);
const NO = new Set(['否', '不是', '不', '不对', '不用', '不要', '不需要', 'no', 'n', '没有', '不合并', '别', '不用了', '不行']);
const CANCEL = /^(?:取消|算了|不报了|撤回|退出|取消上报|取消操作|不弄了|不搞了)(?:吧|了|啦)?$/;
const HELP = /^(?:\?+|帮助|菜单|help|使用说明|怎么用|功能|功能列表|指令|命令|你好|您好|hi|hello|在吗|在不在|你会什么|能做什么|你能(?:干|做)(?:什么|啥|些什么)|你会(?:干|做)?(?:什么|啥)|(?:有|都有)(?:什么|啥|哪些)功能|能(?:干|帮我?(?:干|做)?)(?:什么|啥))[?]?$/i;
const CHOICE = /^(?:第|选|选择|选第)?\s*(\d{1,2}|[一二三四五六七八九十])\s*(?:个|号|项|条)?$/;

/** A reply that only makes sense as an answer (or a stand-alone word such as 帮助), else null. */
export function parseReply(text: string): ParsedMessage | null {
  const t = text.toLowerCase().replace(/(?:吧|呀|啊|哈|哦|了)$/, '') || text.toLowerCase();
  if (HELP.test(text)) return { intent: 'help' };
  if (CANCEL.test(text)) return { intent: 'cancel' };
  // A binding code read off a screen is often typed in two halves: "482 913".
  if (/^(?:\d{4}[\s-]?\d{6}|\d{3}\s?\d{3})$/.test(text)) return { intent: 'bind', code: text.replace(/[\s-]/, '') };
  const choice = CHOICE.exec(text);
  // A bare Chinese numeral (一, 二) reads as a choice only with 第/选 or 个: "二" alone is too ambiguous.
  if (choice && (/\d/.test(choice[1]) || text !== choice[1])) {
    const index = chineseNumber(choice[1]);
    if (index !== null && index >= 1) return { intent: 'choice', index };
  }
  if (YES.has(text.toLowerCase()) || YES.has(t)) return { intent: 'confirm', yes: true };
  if (NO.has(text.toLowerCase()) || NO.has(t)) return { intent: 'confirm', yes: false };
  return null;
}
