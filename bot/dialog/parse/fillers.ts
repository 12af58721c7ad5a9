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
