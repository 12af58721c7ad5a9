import type { EnterpriseClass, RiskColor } from '../db/schema/index.js';

// The demo district (SPEC §8): the pilot towns of 常州经开区 with fictional enterprises and people.
export const DEMO_DISTRICT = '常州经开区';

export type DemoGrid = { village: string; worker: string; enterprises: string[] };
export type DemoTown = { name: string; admin: string; grids: DemoGrid[] };

/** Enterprise line: full name | short name | aliases (comma) | class | colour | industry. */
export const DEMO_TOWNS: DemoTown[] = [
  {
    name: '横林镇', admin: '顾志明', grids: [
      { village: '崔桥村', worker: '王建国', enterprises: [
        '常州华美化工有限公司|华美|华美化工|key|orange|化工',
        '常州崔桥精密机械有限公司|崔桥精机|崔桥机械|above|yellow|机械制造',
        '常州恒达纺织有限公司|恒达|恒达纺织|below|blue|纺织',
        '常州新博五金制品厂|新博|新博五金|below|blue|五金',
        '常州瑞丰包装材料有限公司|瑞丰|瑞丰包装|below|yellow|包装',
      ] },
      { village: '横林村', worker: '李秀英', enterprises: [
        '常州金鼎地板有限公司|金鼎|金鼎地板|above|yellow|木地板',
        '常州横林木业有限公司|横林木业|横木|below|blue|木业',
        '常州宏图涂料有限公司|宏图|宏图涂料|key|red|涂料',
        '常州欣荣服饰有限公司|欣荣|欣荣服饰|below|blue|服装',
        '常州佳禾食品有限公司|佳禾|佳禾食品|below|blue|食品',
      ] },
      { village: '新东村', worker: '张伟', enterprises: [
        '常州永盛铝业有限公司|永盛|永盛铝业|key|orange|铝制品',
        '常州东方电器有限公司|东方电器|东方|above|yellow|电器',
        '常州新东塑业有限公司|新东塑业|新东|below|blue|塑料制品',
        '常州天成印务有限公司|天成|天成印务|below|blue|印刷',
        '常州博远物流有限公司|博远|博远物流|above|blue|物流仓储',
      ] },
      { village: '余巷村', worker: '刘芳', enterprises: [
        '常州余巷铸造有限公司|余巷铸造|余巷|above|orange|铸造',
        '常州正和模具有限公司|正和|正和模具|below|yellow|模具',
        '常州富康家具有限公司|富康|富康家具|below|blue|家具',
        '常州联诚不锈钢有限公司|联诚|联诚不锈钢|below|blue|金属制品',
        '常州汇通建材有限公司|汇通|汇通建材|below|yellow|建材',
      ] },
    ],
  },
  {
    name: '横山桥镇', admin: '蒋丽华', grids: [
      { village: '芙蓉村', worker: '陈静', enterprises: [
        '常州芙蓉化学有限公司|芙蓉化学|芙蓉|key|orange|化工',
        '常州嘉信电子有限公司|嘉信|嘉信电子|above|blue|电子',
        '常州宝力轴承有限公司|宝力|宝力轴承|above|yellow|轴承',
        '常州顺昌纸业有限公司|顺昌|顺昌纸业|below|blue|造纸',
        '常州明辉照明有限公司|明辉|明辉照明|below|blue|照明电器',
      ] },
      { village: '五一村', worker: '杨磊', enterprises: [
        '常州五一冶金设备有限公司|五一冶金|五一|above|yellow|冶金设备',
        '常州鑫隆印染有限公司|鑫隆|鑫隆印染|key|yellow|印染',
        '常州德信汽车配件有限公司|德信|德信汽配|above|blue|汽车配件',
        '常州利民粮油有限公司|利民|利民粮油|below|blue|粮油加工',
        '常州万和五金厂|万和|万和五金|below|blue|五金',
      ] },
      { village: '新安社区', worker: '赵丽', enterprises: [
        '常州新安酒店管理有限公司|新安酒店|新安|below|yellow|住宿餐饮',
        '常州佳乐超市有限公司|佳乐|佳乐超市|below|yellow|商超',
        '常州凯达电梯工程有限公司|凯达|凯达电梯|above|yellow|电梯安装',
        '常州兴旺纺织品有限公司|兴旺|兴旺纺织|below|blue|纺织',
        '常州安泰燃气有限公司|安泰燃气|安泰|key|red|燃气',
      ] },
      { village: '横山桥社区', worker: '黄强', enterprises: [
        '常州横山桥建筑工程有限公司|横建|横山桥建筑|above|yellow|建筑施工',
        '常州龙腾机械有限公司|龙腾|龙腾机械|below|blue|机械制造',
        '常州亿达塑胶有限公司|亿达|亿达塑胶|below|blue|塑料制品',
        '常州美达化纤有限公司|美达|美达化纤|above|yellow|化纤',
        '常州金桥仓储有限公司|金桥|金桥仓储|below|blue|物流仓储',
      ] },
    ],
  },
  {
    name: '遥观镇', admin: '钱文斌', grids: [
      { village: '剑湖村', worker: '周敏', enterprises: [
        '常州剑湖石化有限公司|剑湖石化|剑湖|key|orange|危险化学品',
        '常州同兴电机有限公司|同兴|同兴电机|above|blue|电机',
        '常州海川电缆有限公司|海川|海川电缆|above|yellow|电线电缆',
        '常州光明粉末涂装有限公司|光明涂装|光明|above|orange|粉末涂装',
        '常州锦程服装有限公司|锦程|锦程服装|below|blue|服装',
      ] },
      { village: '塘桥村', worker: '吴军', enterprises: [
        '常州塘桥铸件有限公司|塘桥铸件|塘桥|above|yellow|铸造',
        '常州腾飞车辆部件有限公司|腾飞|腾飞部件|above|blue|汽车配件',
        '常州恒通物流有限公司|恒通|恒通物流|below|blue|物流仓储',
        '常州协和医疗器械有限公司|协和|协和医疗|below|blue|医疗器械',
        '常州众诚五金有限公司|众诚|众诚五金|below|blue|五金',
      ] },
      { village: '今创社区', worker: '徐燕', enterprises: [
        '常州今和轨道交通配件有限公司|今和|今和轨交|key|yellow|轨道交通配件',
        '常州旭日电子科技有限公司|旭日|旭日电子|above|blue|电子',
        '常州晨光木制品有限公司|晨光|晨光木业|below|yellow|木制品',
        '常州新源环保科技有限公司|新源|新源环保|below|blue|环保设备',
        '常州骏马机电有限公司|骏马|骏马机电|below|blue|机电',
      ] },
      { village: '勤新村', worker: '孙涛', enterprises: [
        '常州勤新化工助剂有限公司|勤新化工|勤新|key|yellow|化工',
        '常州长青纺机有限公司|长青|长青纺机|above|blue|纺织机械',
        '常州润发饲料有限公司|润发|润发饲料|below|blue|饲料',
        '常州华东钢结构有限公司|华东钢构|华东|above|yellow|钢结构',
        '常州祥和塑料制品有限公司|祥和|祥和塑料|below|blue|塑料制品',
      ] },
    ],
  },
];

export const DEMO_DISTRICT_ADMIN = '沈国平';

/**
 * Departments (SPEC §1) with the words people use for them in chat, each one's liaison, and the
 * industries it supervises (told when such an enterprise's risk colour changes).
 */
export const DEMO_DEPARTMENTS = [
  { name: '区消防救援大队', keywords: ['消防'], user: '朱海峰', industries: [] as string[] },
  { name: '区住建局', keywords: ['住建'], user: '许晓东', industries: ['钢结构'] },
  { name: '区市场监管局', keywords: ['市监', '特种设备'], user: '何丽萍', industries: ['食品', '粮油加工', '饲料'] },
];

export type DemoEnterprise = { name: string; shortName: string; aliases: string[]; class: EnterpriseClass; riskColor: RiskColor; industry: string };

export function parseEnterpriseLine(line: string): DemoEnterprise {
  const [name, shortName, aliases, cls, color, industry] = line.split('|');
  return { name, shortName, aliases: aliases.split(','), class: cls as EnterpriseClass, riskColor: color as RiskColor, industry };
}

/** Days since the last patrol by short name; the rest are patrolled well within their interval. */
export const DEMO_PATROL_AGE: Record<string, number> = {
  华美: 16, 宏图: 9, 永盛: 20, 剑湖石化: 3, 安泰燃气: 12, 余巷铸造: 40, 恒达: 120, 鑫隆: 45, 今和: 28, 芙蓉化学: 2,
};

/**
 * Hazards in various states, each a little story told through the verbs: reported `daysAgo`, then
 * the listed steps (days after the report). Descriptions follow the default checklist's keywords.
 */
export type DemoHazardStep =
  | { at: number; action: 'assign'; deadlineDays: number }
  | { at: number; action: 'rectify'; note: string }
  | { at: number; action: 'review'; pass: boolean; reason?: string }
  | { at: number; action: 'whistle'; department: string }
  | { at: number; action: 'void' };
export type DemoHazard = { enterprise: string; description: string; daysAgo: number; level?: 'major'; deadlineDays?: number; steps: DemoHazardStep[] };

export const DEMO_HAZARDS: DemoHazard[] = [
  { enterprise: '华美', description: '二楼配电房堆放杂物', daysAgo: 2, steps: [] },
  { enterprise: '华美', description: '车间灭火器过期未更换', daysAgo: 10, deadlineDays: 7, steps: [] },
  { enterprise: '崔桥精机', description: '叉车司机无证操作', daysAgo: 5, steps: [
    { at: 1, action: 'assign', deadlineDays: 7 }, { at: 4, action: 'rectify', note: '司机已参加培训并取得叉车操作证' }] },
  { enterprise: '宏图', description: '油漆稀释剂超量存放在车间', daysAgo: 20, steps: [
    { at: 0.2, action: 'assign', deadlineDays: 5 }, { at: 3, action: 'rectify', note: '超量稀释剂已移入危化品仓库' },
    { at: 4, action: 'review', pass: true }] },
  { enterprise: '永盛', description: '抛光车间除尘系统积尘严重', daysAgo: 2, level: 'major', steps: [
    { at: 0.1, action: 'whistle', department: '区消防救援大队' }, { at: 1, action: 'assign', deadlineDays: 30 }] },
  { enterprise: '凯达', description: '施工电梯超期未检验', daysAgo: 6, deadlineDays: 10, steps: [
    { at: 0.5, action: 'whistle', department: '区市场监管局' }] },
  { enterprise: '剑湖石化', description: '危化品与普通物品混放', daysAgo: 40, steps: [
    { at: 1, action: 'assign', deadlineDays: 7 }, { at: 6, action: 'rectify', note: '已分区存放并设置标识' },
    { at: 7, action: 'review', pass: false, reason: '标识不全' }, { at: 10, action: 'rectify', note: '标识已补齐' },
    { at: 11, action: 'review', pass: true }] },
  { enterprise: '安泰燃气', description: '液化气瓶存放在室内', daysAgo: 1, deadlineDays: 3, steps: [] },
  { enterprise: '恒达', description: '厂区照明不足', daysAgo: 8, steps: [{ at: 1, action: 'void' }] },
  { enterprise: '横建', description: '脚手架未设置安全网', daysAgo: 4, steps: [
    { at: 0.3, action: 'whistle', department: '区住建局' }, { at: 1, action: 'assign', deadlineDays: 5 }] },
];
