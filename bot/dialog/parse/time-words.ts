// When something told happened, said in front of a visit or a finding (今天上午去了…, 刚才在…, 这周巡了…):
// the time of the telling, never a name nor a finding. One list for every reader (story, implicit, several,
// slots, clerk-lead, fillers, lines), so a word added here is read everywhere. Strings, to be put inside
// the readers' own patterns; the longer spellings first, so a shorter one never stops a match half-way.

/** A day: today, yesterday and their spoken forms. */
export const DAY_WORDS = '今天|今日|今儿个|今儿|今个|今早|昨天|昨儿个|昨儿|前天';
/** Just now, or a time within the day. */
export const HOUR_WORDS = '刚刚才|刚才|刚刚|刚|上午|下午|早上|中午|晚上|一早';
/** This week, said of what was done in it. */
export const WEEK_WORDS = '这周|本周|这礼拜|这星期|这个星期';

/** The time of what was told, both parts optional (今天, 下午, 今天上午, 这周, 刚刚): may match nothing. */
export const WHEN_TOLD = `(?:(?:${WEEK_WORDS}|${DAY_WORDS})?(?:${HOUR_WORDS})?)`;
