// Chat in front of a message (好的, 哦对了, 那) answers the last message, not this one: no part of any reading.
// One-character words count only as their own word (好 华美…): 行车, 那边 and 好几个 start real sentences.
export const CHAT_LEAD = '(?:(?:好的|好吧|哦+对了|对了|ok)|(?:好|行|那|嗯+|哦+|噢|喔|诶|哎)(?=[\\s,;。、:!~]))[\\s,;。、:!~]*';
