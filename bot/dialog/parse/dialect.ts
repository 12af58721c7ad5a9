// Workers in Changzhou dictate and type the way they speak: Wu (Changzhou, Shanghainese) and, among workers
// from the north, northern colloquial words. Every reader is written in standard Mandarin, so these forms are
// mapped to the standard word once, before any reader runs. Only words whose dialect sense is the only one a
// safety message can mean are listed; single characters with a standard sense too (伊, 个, 勿) are changed
// only in the contexts where they cannot be standard.

const CJK = '[\\u4e00-\\u9fff]';
const SEP = '(?=$|[\\s,;。、:!?~])';

type Rule = readonly [RegExp, string];

const RULES: readonly Rule[] = [
  // Days. 今朝/明朝/昨日 are Wu for today/tomorrow/yesterday; 明朝 as the dynasty never names a deadline here.
  [/今朝/g, '今天'],
  [/明朝/g, '明天'],
  [/昨日子|昨朝/g, '昨天'],
  [/前日子/g, '前天'],
  [/(?<!今|明)昨日/g, '昨天'],
  [/晏歇|晏点/g, '晚点'],
  [/后日(?!子)/g, '后天'],
  // "七天里弄好": Wu 里 after a span is the standard 内 (not 里面, "three days in the warehouse").
  [new RegExp(`((?:\\d{1,3}|[一二两三四五六七八九十半]{1,3})\\s*个?(?:天|日|周|星期|礼拜|月))里(?![面头边])`, 'g'), '$1内'],
  // People. 伊拉 (they) and 阿拉 (we); 伊 alone is he/she after a telling verb (叫伊搬走), never inside a name.
  [/伊拉|伊们/g, '他们'],
  [/阿拉(?=[\u4e00-\u9fff])/g, '我们'],
  [/(?<=[叫让请帮跟同和给要])伊(?![利拉斯朗犁兰甸])/g, '他'],
  [/(?<=^|[\s,;。、:!?~])伊(?=讲|说|答应|保证|已经|马上|讲好|弗|勿|今朝|明朝)/g, '他'],
  // 勿 before a verb of knowing or being able (勿晓得, 勿灵, 勿对) is Wu 不; 请勿 (a written prohibition) stays.
  [/(?<!请)勿(?=晓得|清楚|对|灵|会|是|曾|好|行|来|要紧)/g, '不'],
  // 弗来事 / 勿来事 (not OK, won't do) before 弗 becomes 不; 呒没 / 呒啥 are 没有 / 没啥 (呒 has no standard use).
  [/(?:弗|勿|不)来事/g, '不行'],
  [/呒没|呒得/g, '没有'],
  [/呒/g, '没'],
  // Negation: 弗/覅/勿要 are 不/不要 (弗 has no standard use in a message; 勿 alone stays, as in 请勿吸烟).
  [/覅|勿要/g, '不要'],
  [new RegExp(`弗(?=${CJK})`, 'g'), '不'],
  // Things and how. 事体 is 事情; 没事体/出事体 the set phrases; 哪能 is 怎么 (哪能办 = 怎么办).
  [/没得?事体/g, '没事'],
  [/事体/g, '事情'],
  [/哪能/g, '怎么'],
  [/没得(?=啥|什么|问题|事|隐患|毛病)/g, '没'],
  // 老好个 / 老危险个 / 蛮好个 / 交关好: Wu intensifiers, and 个 at the end of the clause where standard says 的.
  [new RegExp(`老(${CJK}{1,2})个${SEP}`, 'g'), '很$1'],
  // 交关 before an adjective is 很 (交关危险); before a noun, 很多 (交关纸箱, a lot of cartons).
  [/交关(?=多|少|好|危险|乱|脏|大|小|严重|差|吓人|险|难|重要|厉害|高|低|长|快|慢)/g, '很'],
  [/交关/g, '很多'],
  [new RegExp(`(?<=${CJK})(?<![一二两三四五六七八九十百千万几多余来数干这那哪每各整半某单有是了出个迭埃搿])个${SEP}`, 'g'), ''],
  // "三元彩印个情况": Wu 个 between a name and the thing asked about is the possessive 的.
  // After a verb (报个情况, 说个情况) 个 is the measure word and stays.
  [new RegExp(`(?<=${CJK})(?<![一二两三四五六七八九十几多这那哪每各整半某单百千万有是了出个报说查看问映讲交发记写填打迭埃搿])个(?=情况|记录|资料|台账|企业|厂|公司|单位|东西)`, 'g'), '的'],
  // "联创精密个YH…": 个 before a hazard code is the possessive too, and a code needs no 的.
  [new RegExp(`(?<=${CJK})(?<![一二两三四五六七八九十几这那哪每各整半某单有是了出个迭埃搿])个(?=\\s*YH)`, 'gi'), ' '],
  // More Wu: 侬 (you), 伐 at the end of a clause (the question particle 吗: 好了伐), 辰光 (time), 迭 (this),
  // 埃 (that), 物事 (things), 勒海 (at), 拨 before a person (by/to).
  [/侬/g, '你'],
  // A tag after the message (你晓得伐, 对伐, 好伐: "you know?", "right?") asks nothing and is dropped; after a verb
  // (去过了伐) 伐 asks, as 吗.
  [new RegExp(`(?:(?<=^|[\\s,;。、:!?~])(?:你|侬)?(?:晓得|知道|懂|对|好|是)|(?:你|侬)(?:晓得|知道|懂))伐(?=$|[\\s,;。、:!?~])`, 'g'), ''],
  [new RegExp(`(?<=${CJK})伐(?=$|[\\s,;。、:!?~])`, 'g'), '吗'],
  [/啥辰光/g, '什么时候'],
  [/辰光/g, '时候'],
  // 迭面/埃面/伊面 (this side, that side) and 迭搭/埃搭 (here, there); 这面墙 in standard text is left alone.
  [/迭面/g, '这边'],
  [/(?:埃|伊)面/g, '那边'],
  [/迭搭/g, '这里'],
  [/埃搭/g, '那里'],
  [/迭(?=个|只|家|趟|排)/g, '这'],
  [/埃(?=个|只|家)/g, '那'],
  [/物事/g, '东西'],
  [/等歇/g, '等会'],
  [/搭(?=我|你|他|伊|伊拉|他们)/g, '跟'],
  [/勒海/g, '在'],
  [/拨(?=伊|他|她|我|你|伊拉|他们)/g, '给'],
  // Changzhou/Suzhou 阿 before a verb asks yes or no: 阿是整改好了 (是不是), 阿有隐患 (有没有), 阿曾去过 (去过没有).
  [/阿是/g, '是不是'],
  [/阿有/g, '有没有'],
  [/阿要/g, '要不要'],
  [/阿曾/g, '有没有'],
  [/阿会/g, '会不会'],
  // Intensifiers and set words: 邪气 (very), 木佬佬 (a lot), 一眼眼 (a little), 清爽 (clean, cleared), 囥 (put, kept),
  // 搿 (this), 辣海 (at).
  [/邪气(?=[\u4e00-\u9fff])/g, '很'],
  [/木佬佬|木老老/g, '很多'],
  [/一眼眼/g, '一点点'],
  [/清爽/g, '干净'],
  [/囥/g, '放'],
  [/搿/g, '这'],
  [/辣海/g, '在'],
  // "个么": Wu for "so then", a filler.
  [/(?<=^|[\s,;。、:!?~])个么/g, ''],
  // Northern colloquial (northern Jiangsu, Anhui, Shandong, the north-east). 俺 / 俺们 is I / we, never in a name.
  [/俺们/g, '我们'],
  [/俺/g, '我'],
  // Days: 今儿 / 今个 (today), 明儿 / 明个 (tomorrow), 后儿 (the day after), 昨儿 / 昨个, 前儿; 个 / 儿个 after them too.
  [/大后儿(?:个)?/g, '大后天'],
  [/今儿(?:个)?|今个/g, '今天'],
  [/明儿(?:个)?|明个/g, '明天'],
  [/后儿(?:个)?/g, '后天'],
  [/昨儿(?:个)?|昨个/g, '昨天'],
  [/前儿(?:个)?(?=去|来|到|看|巡|查|报|说)/g, '前天'],
  // 立马 (at once) is 立即, the word every deadline reader knows; 立马就换 is 立即换.
  [/立马(?:就)?/g, '立即'],
  // 恁 / 忒 before a word of degree is 很 (恁危险, 忒多); 恁 before a noun (恁厂, 恁们) is you, and stays.
  [/[恁忒](?=危险|吓人|吓|悬|险|多|乱|脏|大|小|严重|差|破|旧|烂|厉害|高|低|窄|挤|满|厚|呛|臭|滑|黑|暗|近|不像话|不安全|离谱|邪乎|玄乎|马虎|随便)/g, '很'],
  // 拾掇 / 收拾掉 (put right, clear away) are the fix itself: 整改, as the deadline and fix readers know it.
  // 拾掇利索 / 拾掇好 is 整改好.
  [/拾掇(?:拾掇)?(?:利索|干净)/g, '整改好'],
  [/拾掇(?:拾掇)?/g, '整改'],
  [/收拾(?:掉|走)/g, '整改'],
  [/收拾(?:利索|好)(?=了|啦|$|[\s,;。、:!?~])/g, '整改好'],
  // 咋整 (what to do), 瞅 (look: 瞅了瞅, 瞅了一圈, 瞅着, 瞅一眼), 没毛病 / 没啥毛病 (nothing wrong), 整完 (finished the fix).
  [/咋整/g, '怎么办'],
  // A look told as done is the visit: said after the name (老孙家俺瞅了一圈，…, 华美瞅了一眼 没问题) it is 看过了, the
  // visit every reader knows; before the name (瞅了一眼老孙家) it is 看了 <name>.
  [new RegExp(`瞅(?:了瞅|了一眼|了一圈|了一下|了两眼|过了|过|了)(?=$|[\\s,;。、:!?~])`, 'g'), '看过了'],
  [/瞅(?:了瞅|了一眼|了一圈|了一下|了两眼|了)(?=[\u4e00-\u9fff])/g, '看了'],
  [/瞅瞅|瞅一瞅/g, '看看'],
  [/瞅(?=着|见|一眼|一下|一圈|过)/g, '看'],
  [/没(?:啥|什么)?毛病/g, '没问题'],
  // 咋 is 怎么 (咋样, 咋办, 咋弄, 咋回事) and 啥 is 什么 (啥时候, 啥情况). A complaint keeps its 咋: 咋没盖 (why is it not
  // covered), 咋又堵了, 咋说都不听 tell what is wrong and ask nothing, where 怎么 would read as a question.
  [/咋(?!没|不|又|还|就|老|总|能|敢|连|也|都|[\u4e00-\u9fff]{1,2}(?:都|也))/g, '怎么'],
  [/啥/g, '什么'],
  // 妥妥的 / 杠杠的 / 整挺好 (all fine) say the check found nothing; 杠杠 after a digit is a spoken dash, kept.
  [/妥妥(?:的|滴)/g, '没问题'],
  [/(?<![0-9零〇一二两三四五六七八九])杠杠(?:的|滴)/g, '没问题'],
  [/整(?:得|的)?挺好/g, '挺好'],
  // Northern 整好了 (fixed it) after a code or a hazard: the fix is done, as 整改好了.
  [/(?<![要去再先请得会能])整好(?=了|啦)/g, '整改好'],
  [/整完(?=了|啦)/g, '整改完'],
  [/(?<=整改|弄|搞|修)利索/g, '好'],
  // Internet and northern spellings: 木有 (没有), 神马 (什么), 肿么 (怎么), 嘎哈 (干啥), 贼 before an adjective (很).
  [/木有/g, '没有'],
  [/神马/g, '什么'],
  [/肿么/g, '怎么'],
  [/嘎哈|干哈/g, '干啥'],
  [/贼(?=危险|多|乱|脏|差|好|大|严重|吓人)/g, '很'],
  // Wu "巡好了 / 查好了 / 检查好了": V好 is V完 (finished), unless the verb is still to be done (要检查好).
  [/(?<![要去再先请得会能检巡])(巡查|巡检|检查|巡|查)好(?=了|啦|$|[\s,;。、:!?~]|[\u4e00-\u9fff]{2})/g, '$1完'],  // The terse written 已去 (as its own word, 华泰 已去 …) is the visit told: 去过了, as the visit readers know it.
  [/(?<=^|[\s,;。、:!?~])已经?去(?:过)?(?:了)?(?=$|[\s,;。、:!?~])/g, '去过了'],
];

// Characters or words at least one rule needs; a message with none of them skips the table.
const TRIGGER = /迭|伊面|妥妥|杠杠|挺好|整好|来事|呒|昨朝|日子|晏|阿|邪气|佬|老老|眼眼|清爽|囥|搿|辣海|等歇|伐|辰光|埃|搭|物事|勒海|拨|木有|神马|肿么|哈|贼|好|今朝|明朝|昨日|后日|里|伊|阿拉|覅|勿|弗|事体|哪能|没得|个|交关|咋|瞅|毛病|整完|利索|已经?去|俺|儿|今个|明个|昨个|立马|恁|忒|拾掇|收拾|啥/;

/** The message with dialect words replaced by their standard forms. */
export function standardDialect(text: string): string {
  if (!TRIGGER.test(text)) return text;
  let out = text;
  for (const [pattern, to] of RULES) out = out.replace(pattern, to);
  return out;
}
