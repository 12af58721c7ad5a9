// Chat in front of a message (好的, 哦对了, 那) answers the last message, not this one: no part of any reading.
// One-character words count only as their own word (好 华美…): 行车, 那边 and 好几个 start real sentences.
// A reply to the last message (收到, 明白, 知道了, 了解, 好嘞) counts only as its own word too (收到整改通知书 is told),
// and never before a hazard's code: 收到 YH… acknowledges that hazard (code-sentence.ts).
const REPLY = '(?:收到|明白了?|知道了|了解了?|好嘞|好滴)(?=[\\s,;。、:!~])(?![\\s,;。、:!~]*YH\\d)';
export const CHAT_LEAD = `(?:(?:好的|好吧|哦+对了|对了|ok)|${REPLY}|(?:好|行|那|嗯+|哦+|噢|喔|诶|哎)(?=[\\s,;。、:!~]))[\\s,;。、:!~]*`;
