import type { Rng } from './random.js';

// Name parts for plausible, fictional Chinese place, person and company names.
const PLACE_A = '东西南北上下前后新老大小高青金银石龙凤白黄红长永安太平和兴华庆丰盛三双马杨柳梅竹松'.split('');
const PLACE_B = '山林桥塘浦港湾溪庄园岗墩圩埠口头集坊店营堡湖河洲滩岭坝泾渡亭阳城陵'.split('');
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌辉鹏飞玲燕萍宇浩凯鑫晨阳欣怡婷雪琳海波峰亮林彬俊宏健永春梅兰新明玉珍丹晓'.split('');
const BRAND_CHARS = [...new Set('华美金鼎恒通宏达新源永盛鑫隆天成瑞丰博远正泰世中联嘉禾宝力德信佳豪航凯东方明汇富康安润发长城海亿科伦万和利民协顺昌腾飞唐同兴光欣荣众诚宇旭日业骏晟祥锦')];
const INDUSTRIES: readonly (readonly [string, string])[] = [
  ['化工', '化学原料和化学制品制造业'], ['机械', '通用设备制造业'], ['纺织', '纺织业'], ['电子', '计算机、通信和其他电子设备制造业'],
  ['五金', '金属制品业'], ['塑业', '橡胶和塑料制品业'], ['新材料', '非金属矿物制品业'], ['精密机械', '专用设备制造业'],
  ['服饰', '纺织服装、服饰业'], ['食品', '食品制造业'], ['建材', '非金属矿物制品业'], ['印染', '纺织业'],
  ['包装', '造纸和纸制品业'], ['木业', '木材加工和木制品业'], ['家具', '家具制造业'], ['涂料', '化学原料和化学制品制造业'],
  ['铸造', '金属制品业'], ['汽车配件', '汽车制造业'], ['电器', '电气机械和器材制造业'], ['物流', '仓储业'],
  ['模具', '专用设备制造业'], ['不锈钢', '金属制品业'], ['印务', '印刷和记录媒介复制业'], ['医药', '医药制造业'],
];
const FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '科技有限公司', '制造有限公司'];
const ROADS = '人民 建设 工业 兴业 创业 长江 黄河 发展 振兴 科技 新民 和平 友谊 迎宾 环城'.split(' ');

/** Distinct names built from two part lists: index i maps to a unique pair, then a suffix. */
function pairName(i: number, a: readonly string[], b: readonly string[]): string {
  return a[i % a.length] + b[Math.floor(i / a.length) % b.length];
}

export const townName = (i: number) => pairName(i * 7 + 3, PLACE_A, PLACE_B) + (i % 5 === 4 ? '街道' : '镇');
/** Village k of a town; distinct within a town for k < |A|·|B| because the step is coprime to it. */
export function villageName(townIndex: number, k: number): string {
  const j = (k * 13 + townIndex * 31) % (PLACE_A.length * PLACE_B.length);
  return pairName(j, PLACE_A, PLACE_B) + (k % 3 === 2 ? '社区' : '村');
}

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : '');
}

/** Mobile numbers unique by index (13x/15x/18x prefixes, 8 digits from the index). */
export function phoneFor(i: number): string {
  const prefix = ['138', '139', '150', '151', '158', '180', '187', '189'][i % 8];
  return prefix + String(10_000_000 + Math.floor(i / 8) * 7 % 90_000_000).padStart(8, '0');
}

export type CompanyName = { name: string; shortName: string; aliases: string[]; industry: string };

/** Company names like 常州华美化工有限公司 → short name 华美化工, alias 华美. */
export function companyName(rng: Rng, region: string): CompanyName {
  const brand = rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS);
  const [word, industry] = rng.pick(INDUSTRIES);
  const prefix = rng.chance(0.6) ? region : '';
  return { name: `${prefix}${brand}${word}${rng.pick(FORMS)}`, shortName: brand + word, aliases: [brand], industry };
}

export function address(rng: Rng, town: string, village: string): string {
  return `${town}${village}${rng.pick(ROADS)}路${rng.int(1, 999)}号`;
}

// GB 32100-2015 unified social credit code: 17 characters plus a mod-31 check character.
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid-looking, unique credit code for enterprise index i (91 = company, 3201xx = Nanjing area). */
export function creditCode(i: number, areaCode: string): string {
  let body = '';
  for (let n = i, k = 0; k < 9; k++, n = Math.floor(n / 31)) body = CODE_CHARS[n % 31] + body;
  const first17 = `91${areaCode}${body}`;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += CODE_CHARS.indexOf(first17[k]) * CODE_WEIGHTS[k];
  return first17 + CODE_CHARS[(31 - (sum % 31)) % 31];
}
