// Dictated messages (voice input, or typing the way one speaks) carry words that say nothing: 嗯, 呃, 那个,
// 就是, 然后, a leading 对. They sit between the words that matter, so every reader would have to skip them;
// they are dropped once, before any reader runs. A message that is only such a word (嗯, 对) is an answer
// and is read as one before this runs.
import { WHEN_TOLD } from './time-words.js';

const SEP = '[\\s,;。、:!~]';
// A filler said as its own word, anywhere.
const STANDALONE = new RegExp(`(?<=^|${SEP})(?:嗯+|呃+|额+|唔+|那个|这个|就是说?|然后(?:呢)?|那么|反正)(?=$|${SEP})`, 'g');
// 对 / 哦 / 啊 at the start of a dictation answer the last thing said, not this message.
const LEADING = new RegExp(`^(?:(?:对|对对|是|哦+|啊|噢|诶|哎|喂)${SEP}+)+`);
// "那个通达运输", "嗯那个恒泰纺织": the demonstrative a speaker says before a name while thinking of it.
// After a motion or object verb too (我到那个森泰地板去了). 那个月 / 那个人 / 那个时候 are real words, so a time or person word after it keeps it.
const GLUED = new RegExp(`(?<=^|${SEP}|[到去在给跟对把找])(?:嗯+|呃+)?(?:那个|这个)(?![月人时候地方星礼季周天年里边])(?=[\\u4e00-\\u9fffA-Za-z0-9]{2})`, 'g');
// "嗯嗯 …", "嗯那个…": a hum glued to the front of the first word.
const HUM = /^(?:嗯+|呃+|额+)(?=[\u4e00-\u9fff])/;

// "天宇纺机 负责人是谁 谢谢": thanks after the words are courtesy; alone (谢谢) they are the whole message.
const THANKS = new RegExp(`${SEP}+(?:谢谢|多谢|感谢|谢了|辛苦了?|麻烦了?|拜托了?)(?:你|您|啦|了)?$`);

// First-day workers and clerks wrap a report in courtesy: 您好，不好意思打扰了，…，麻烦帮我登记一下，谢谢，辛苦了.
// The wrapper says nothing the readers need, and a leading 您好 would be taken for the enterprise. Greetings and
// check-in words before the message (早上好, 打卡✅) are the same kind (a leading ok is not: before a told visit it
// is the verdict, ok 天宇电器 刚走, and the readers take it so); before a hazard code 签到 may be a
// department reporting at it (报到), so it stays for the code readers.
const GREETING = new RegExp(
  `^(?:(?:早上好|早安|上午好|中午好|下午好|晚上好|大家好|各位好|各位领导好|领导好|您好|你好|哈喽|(?:hello|hi)(?=${SEP}|$)|(?:打卡|签到)(?![\\s\\S]*YH\\s*\\d)(?:[✅✔]|(?=${SEP}))|不好意思|抱歉|打扰(?:了|一下)?(?:您|你)?(?:了)?|(?:谢谢|多谢|辛苦了|麻烦了|麻烦您了|麻烦你了)(?=(?:哈|啊|呀|哦|啦)?${SEP}))(?:哈|啊|呀|哦|啦)?${SEP}*[✅✔]?${SEP}*)+`,
  'i',
);
// "李站长，华美去过了": a person addressed at the start (a title after a surname) is not what the message names.
// One character before the title, the surname (老/小 may precede it): "去了科长" is no one addressed.
const VOCATIVE = new RegExp(`^(?:(?:老|小)?[\u4e00-\u9fff](?:站长|科长|主任|局长|所长|书记|队长|组长|老师|经理|总|领导)|领导|各位领导|各位)${SEP}+`);
// "麻烦问一下长江建材是哪个网格的": an asking formula is 请问 said politely; the question readers know 请问.
const ASKING = /^(?:麻烦|我想|想)?(?:请问一下|请问下|问一下|问下|请教一下|请教下|打听一下|咨询一下|咨询下)/;
// "想跟您反映一下，…", "向您汇报一下：…": announcing a report before making it.
const ANNOUNCING = new RegExp(`^(?:我)?(?:想|要|来)?(?:跟|和|向|给)?(?:您|你|领导|大家)?(?:反映|汇报|报告|说|讲|报)(?:一下|下|个)(?:情况|问题|事)?${SEP}+`);
// "各位好，现将检查发现的问题报送如下：…": a clerk's covering line before the finding.
const COVERING = new RegExp(`^现(?:将|把).{0,24}?(?:报送|报告|上报|汇报|通报|反馈|报)如下${SEP}*`);
// "麻烦帮我登记一下", "请帮忙记录": asking the bot to record what was just said is what every message does;
// so is "再报一条" / "这个也报上" / "单独报一个" said beside a new finding (the finding is the report).
const RECORD_REQUEST = new RegExp(
  `(?<=^|${SEP})(?:(?:麻烦|请|劳驾|辛苦)?(?:你|您)?(?:帮(?:我|忙)?)?(?:登记|记录|记|录入|录|提交|登)(?:一下|下)?|(?:再|另|另外|单独|这个也|这条也|也)(?:给我)?(?:报|上报|记|登记)(?:一条|一个|一下|上)?)(?:吧|哈|哦)?(?:谢谢|,谢谢)?(?=$|${SEP})`,
);
// Courtesy clauses at the end, in any order: …，麻烦登记，谢谢，辛苦了; a clerk's 特此报告 / 请审阅 too.
const TRAILING_COURTESY = new RegExp(
  `[\\s,;。、:!~?]+(?:(?:以上)?(?:情况)?(?:特此)?(?:报告|汇报)?(?:请|望|烦请)(?:领导)?(?:审阅|审核|查收|知悉|批示|阅示)|特此报告|特此汇报|(?:这事|这个事|这个|这条)?(?:得|要|你|给我|帮我|帮忙)?(?:给)?(?:记上|记下来|记一笔)|谢谢|多谢|感谢|谢了|辛苦了?|麻烦了?|拜托了?|(?:麻烦|请|劳驾)(?:你|您)?(?:帮(?:我|忙)?)?(?:登记|记录|记|录入|录|提交|登)(?:一下|下)?|帮(?:我|忙)(?:登记|记录|记|录入|提交)(?:一下|下)?)(?:你|您|啦|了|哈|吧)?$`,
);
// "…，我下午开会要用", "…？我们去之前想了解下", "…，我去催催": an aside at the end saying why the worker asks or what
// they will do next. It is no part of the request, and a reader would take its verbs (去, 了解) for the message's.
const TRAILING_ASIDE = new RegExp(
  `[\\s,;。、:!~?]+(?:${[
    '(?:我|我们)?(?:去之前|去前|过去之前|先)?(?:想|要|好)?(?:先)?(?:了解|熟悉|知道|摸)(?:一下|下)(?:情况|底)?(?:再去|再过去|心里有数)?',
    '(?:我|我们)?(?:今天|明天|下午|上午|晚上|等会|等下|待会|周一)?(?:开会|汇报|写材料|写报告|做材料|做报表|交材料)(?:要用|用|需要|用的)',
    '(?:我|我们)(?:去|好|再|来)(?:催催|催一下|催下|跟进一下|跟进|督促一下|盯一下|盯着)',
  ].join('|')})(?:哈|吧|啊|呀)?$`,
);
// "我今天去同创汽配巡查，…", "我在瑞丰包装发现…": the narrator's 我 before where they went says nothing (every
// message is the sender's) and hides the place verb the readers start from; so does "第一次" (今天第一次去).
// Only in a narration: a first clause asking something (我在哪个网格, 我去过哪几家) keeps its subject.
const NARRATOR = new RegExp(`^(?:我们?|本人)(?=${WHEN_TOLD}(?:第一次|又|也|再)?(?:去了?|到了?|在|来了?|路过|巡|检查))`);
const FIRST_TIME = /第一次(?=去|到|来|巡)/;
const ASKS = /哪|几|多少|什么|啥|吗|\?|谁|有没有/;

// "…锁牢了，出事情怎么办，七天内弄好", "地上全是木屑 着火咋办", "没围堰，漏了咋弄": a rhetorical question in a report says how dangerous
// the finding is; it asks nothing, and its 怎么办 would make the message a question.
const RHETORICAL = new RegExp(
  `(?<=${SEP})(?:那|这)?(?:万一|要是|真要|如果)?(?:出了?事(?:情|故|体)?|着火了?|起火了?|失火了?|爆炸了?|炸了|出了?问题|烧起来了?|伤到人|砸到人|伤着人|砸着人|电着人|烫着人|漏了|泄漏了|漏出来了?|塌了|倒了|掉下来了?)(?:了)?(?:那|可)?(?:怎么办|咋办|哪能办|怎么弄|咋弄|怎么整|咋整|怎么搞|咋搞|谁负责|谁担责|谁来负责|不得了|就完了|麻烦就大了)(?:啊|呀|哦|哟)?(?=$|${SEP})`,
  'g',
);

// Sentence-final particles of spoken chat (去过了哈, 正常滴, 催催哈, 取消掉吧): tone, not words. 吧 only after two
// characters or more, so a lone 好吧 (an answer) is read whole before this runs and 吧 inside a word stays.
// (?<!哈): a run of 哈 is tried from its first character only, or a wall of them costs quadratic time.
const PARTICLE = new RegExp(`(?<=[\u4e00-\u9fff])(?<!哈)(?:哈+|滴|呗|咯|喔|哟|嘞)(?=$|${SEP})|(?<=[\u4e00-\u9fff]{2})吧(?=$|${SEP})`, 'g');
// "取消掉", "撤回掉": 掉 after an undoing verb adds nothing (清掉, 拆掉 are things done and stay; 删掉 and 作废掉
// are words the code readers know as they are).
const UNDO_DONE = /(取消|撤回|撤销)掉/g;

/** Whether a word is a greeting or apology (您好, 不好意思): never an enterprise. */
export function isCourtesy(word: string): boolean {
  return GREETING.test(word) && !word.replace(GREETING, '');
}

/** The message without its courtesy wrapper (greeting, apology, 麻烦登记, 谢谢), or itself when nothing is left. */
export function dropCourtesy(text: string): string {
  let out = text.replace(GREETING, '').replace(VOCATIVE, '').replace(COVERING, '').replace(ANNOUNCING, '').replace(ASKING, '请问');
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(TRAILING_COURTESY, '').replace(TRAILING_ASIDE, '');
  }
  out = out.replace(new RegExp(RECORD_REQUEST.source, 'g'), ' ').replace(PARTICLE, '').replace(UNDO_DONE, '$1').replace(RHETORICAL, ' ');
  if (NARRATOR.test(out) && !ASKS.test(out.split(/[,;。!?]/)[0])) out = out.replace(NARRATOR, '').replace(FIRST_TIME, '');
  out = out.replace(/\s+/g, ' ').replace(/^[\s,;。、:!~]+|[\s,;。、:!~]+$/g, '').trim();
  return out || text;
}

/** The message without its spoken fillers, or the message itself when nothing else would be left. */
export function dropFillers(text: string): string {
  if (!/[嗯呃额唔那这就然对是哦啊噢诶哎喂反谢辛麻拜感多]/.test(text)) return text;
  const out = text
    .replace(THANKS, '')
    .replace(LEADING, '')
    .replace(HUM, '')
    .replace(STANDALONE, ' ')
    .replace(GLUED, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;。、:!~]+|[\s,;。、:!~]+$/g, '')
    .trim();
  return out || text;
}
