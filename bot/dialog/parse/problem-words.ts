// The words that say something is wrong, shared by the story reader and the patrol verdict.
// A message with one of these words is a hazard (or a patrol with findings).
// 关不上 / 锁不住 / 不关 / 不出水: a device that does not do its job; 敞着: left open.
// 不系 / 没穿 / 不戴: protective gear not worn; 不响 / 不报警: an alarm that stays silent. 宿舍在仓库楼上 / 住在车间: people
// living where goods are stored or made (the 三合一 hazard told without its name). 不锈钢 is a trade (华泰不锈钢),
// no rust. 少 only with what is short (少一个, 少了两只, 少了): 多少, 至少, 不少, 减少 and 少量 tell no shortage.
export const PROBLEM =
  /(?<![多至不减很最稀缺])少(?:了|[一二两三四五六七八九十几\d]+\s*(?:个|只|具|瓶|块|根|套|处|台|盏|条|张|副|份|组|把|样))|(?:关|锁|盖|合|扣|拧|插|系)不(?:上|紧|严|住|牢)|(?<![要得让叫])不(?:关门|关|上锁|盖|接地|防爆|出水|出气|启动|运行|制冷|排风|抽风)(?![系心注])|敞着|敞开着|大开着|宿舍(?:在|设在|建在)(?:仓库|车间|厂房|生产)|(?:宿舍|住人)(?:和|跟|与)(?:仓库|车间|厂房)(?:是)?(?:在)?(?:同一|一)(?:栋|幢|个)|(?:住|睡)在(?:仓库|车间|厂房)|不系|没系|未系|不穿|没穿|未穿|不戴|不响|没响|不报警|不按规定|不按要求|过期|不起作用|不管用|不转|不动了|不开|烟头|一地|满地|到处都是|松了|掉了|着火|起火|火灾|爆炸|中毒|触电|伤人|戴手套|放一起|放在一起|混在一起|一起存放|有人|粉尘|吃饭|睡觉|住人|住宿|做饭|生火|打牌|喝酒|玩手机|脱岗|离岗|擅自|私自|随意|随便|露天|混放|混存|混堆|短路|漏电|火花|气味|味道|不通|不畅|狭窄|不够|过低|过高|太近|太多|太高|太低|太乱|无标识|无警示|无防|没人|无人|拆了|拆除|关闭|关掉|封堵|封死|锁死|腐蚀|开裂|不清|模糊|看不清|失效|过了|到期|放在|放了|放着|摆着|摆放|不灵|不能用|用不了|不工作|倾斜|积水|没水|危险|压住|压着|充电|抽烟|吸烟|明火|动火|违章|无防护|没防护|没戴|未戴|乱放|乱堆|停放|占道|渗|滴|冒|烧|焦|变形|裂|塌|歪|堵|杂物|未|没有?|坏|破|漏|隐患|缺|失效|老化|锁|占用|乱|违规|不合格|超过|超期|超载|超员|超高|超速|超量|超标|超压|超温|超限|超负荷|超出|裸露|松动|脱落|积|私拉|私接|不亮|不足|无证|失灵|堆|挡|遮|损|(?<!不)锈|断|倒塌|泄|太大|不好|不够|不全|不到位|不规范|露在|脏|满|过载|发热|冒烟|异味|异响/;

// Trade words and names that hold a problem's character: 不锈钢, 锁业 (a lock maker), and 满 as names use it
// (福满楼, 满园春, 金满堂); 满 after a verb of filling (堆满, 塞满) or before 地 stays a problem.
const NAME_SAFE = /不锈钢|防锈|锁(?=业|具|厂)|(?<![堆装塞放摆占挤落积])满(?![地了])/g;

/** Whether a phrase taken for a name tells a problem instead (消防通道堵, not 福满楼 or 恒安锁业). */
export const problemInName = (name: string): boolean => PROBLEM.test(name.replace(NAME_SAFE, ''));
