// Dictated messages (voice input, or typing the way one speaks) carry words that say nothing: 嗯, 呃, 那个,
// 就是, 然后, a leading 对. They sit between the words that matter, so every reader would have to skip them;
// they are dropped once, before any reader runs. A message that is only such a word (嗯, 对) is an answer
// and is read as one before this runs.

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
// check-in words before the message (早上好, 打卡✅, ok) are the same kind.
const GREETING = new RegExp(
  `^(?:(?:早上好|早安|上午好|中午好|下午好|晚上好|大家好|各位好|各位领导好|领导好|您好|你好|哈喽|(?:hello|hi|ok|okay)(?=${SEP}|$)|(?:打卡|签到)(?:[✅✔]|(?=${SEP}))|不好意思|抱歉|打扰(?:了|一下)?(?:您|你)?(?:了)?)${SEP}*[✅✔]?${SEP}*)+`,
  'i',
);
// "各位好，现将检查发现的问题报送如下：…": a clerk's covering line before the finding.
const COVERING = new RegExp(`^现(?:将|把).{0,24}?(?:报送|报告|上报|汇报|通报|反馈|报)如下${SEP}*`);
// "麻烦帮我登记一下", "请帮忙记录": asking the bot to record what was just said is what every message does.
const RECORD_REQUEST = new RegExp(
  `(?<=^|${SEP})(?:麻烦|请|劳驾)?(?:你|您)?(?:帮(?:我|忙)?)?(?:登记|记录|记|录入|录|提交|登)(?:一下|下)?(?:吧|哈|哦)?(?:谢谢|,谢谢)?(?=$|${SEP})`,
);
// Courtesy clauses at the end, in any order: …，麻烦登记，谢谢，辛苦了.
const TRAILING_COURTESY = new RegExp(
  `${SEP}+(?:谢谢|多谢|感谢|谢了|辛苦了?|麻烦了?|拜托了?|(?:麻烦|请|劳驾)(?:你|您)?(?:帮(?:我|忙)?)?(?:登记|记录|记|录入|录|提交|登)(?:一下|下)?|帮(?:我|忙)(?:登记|记录|记|录入|提交)(?:一下|下)?)(?:你|您|啦|了|哈|吧)?$`,
);
// Sentence-final particles of spoken chat (去过了哈, 正常滴, 催催哈): tone, not words.
const PARTICLE = new RegExp(`(?<=[\u4e00-\u9fff])(?:哈+|滴|呗|咯|喔|哟|嘞)(?=$|${SEP})`, 'g');

/** The message without its courtesy wrapper (greeting, apology, 麻烦登记, 谢谢), or itself when nothing is left. */
export function dropCourtesy(text: string): string {
  let out = text.replace(GREETING, '').replace(COVERING, '');
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(TRAILING_COURTESY, '');
  }
  out = out.replace(new RegExp(RECORD_REQUEST.source, 'g'), ' ').replace(PARTICLE, '');
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
