// Every sentence the bot says in a conversation, in one place so the wording can be reviewed.
// Short and plain: workers read these on a phone between two enterprises.
import type { Role } from '../../db/schema/index.js';
import { LEVEL_NAMES as HAZARD_LEVEL } from '../../api/hazards/messages.js';

export const ROLE_NAMES: Record<Role, string> = {
  worker: '网格员',
  town_admin: '镇应急办管理员',
  district_admin: '区安委办管理员',
  department: '行业部门',
  enterprise: '企业安全联系人',
};

// Status and action words are the hazard verbs' own, so chat, API and ledger never disagree.
export { STATUS_NAMES, ACTION_NAMES } from '../../api/hazards/messages.js';
export const LEVEL_NAMES: Record<string, string> = { general: `${HAZARD_LEVEL.general}隐患`, major: `${HAZARD_LEVEL.major}隐患` };

export const M = {
  // binding
  unboundTitle: '请先绑定账号',
  unbound: [
    '您好，我是安全生产网格化监管助手。',
    '您的账号还未绑定。请向镇应急办或区安委办管理员索取 10 位绑定码，然后发送：',
    '绑定 1234567890',
  ],
  bound: (name: string, role: Role) => `绑定成功：${name}（${ROLE_NAMES[role]}）。发送“帮助”查看可用命令。`,
  alreadyBound: (name: string) => `您已绑定为 ${name}，无需再次绑定。`,
  bindRetry: '请核对绑定码，或向管理员索取新的绑定码后重新发送：绑定 1234567890',
  bindTooMany: '绑定码错误次数过多，请 1 小时后再试，或联系管理员。',

  // help
  helpTitle: (role: Role) => `${ROLE_NAMES[role]}可用命令`,

  // questions (one short question each)
  askEnterprise: '请问是哪家企业？请回复企业名称或简称。',
  askDescription: '请简要描述隐患情况，例如：二楼配电房堆放杂物',
  askFindings: '发现了什么问题？请简要描述，例如：配电箱未接地',
  askPatrolResult: '巡查结果如何？回复“正常”，或直接描述发现的问题。',
  // patrol.ts askVerdict: findings that name no problem are never recorded as a hazard unasked.
  askVerdict: (enterprise: string, said: string | null) => said ? `${enterprise} 的巡查，您说“${said}”，是：` : `${enterprise} 的巡查结果是：`,
  verdictNormal: '巡查正常',
  verdictIssues: '发现隐患',
  chooseVerdictHint: '请回复序号（发现隐患也可直接描述问题），或回复“取消”。',
  askCode: '请提供隐患编号，例如：YH20261122-0007',
  askReviewResult: '复查是否通过？回复“是”通过，回复“否”不通过。',
  askFailReason: '请说明不通过的原因，例如：仍有杂物',
  askDepartment: '请问吹哨给哪个部门？例如：消防、住建、市监',
  askVoidReason: '请说明作废原因：回复“不属实”，或“重复 YH…”',
  askRectifyEvidence: '整改需要照片或说明：请发送整改后的照片，或回复整改情况。',
  chooseEnterprise: '请选择企业：',
  chooseHint: '回复序号选择，回复“取消”放弃。',
  choiceOutOfRange: (n: number) => `请回复 1 到 ${n} 之间的序号，或回复“取消”。`,
  duplicate: (code: string, desc: string) =>
    [`该企业已有相似的未销号隐患 ${code}：${desc}`, `是否补充到已有隐患 ${code}？回复“是”补充，回复“否”另行上报`],
  answerYesNo: '请回复“是”或“否”，或回复“取消”。',
  answerPrevious: '请先回答上一个问题，或回复“取消”。',
  deadlineNoted: (what: string) => `已记下整改期限。请继续回复${what}，或回复“取消”。`,

  // enterprises
  noEnterprise: (q: string) => `在您的范围内没有找到企业“${q}”，请核对名称后重试。`,
  noDepartment: (q: string) => `没有找到部门“${q}”，请核对名称后重试。`,
  noPlace: (q: string) => `没有找到“${q}”，或不在您的查看范围内。`,
  badPeriod: '没看懂统计时段。可以说：今天、昨天、本周、上周、本月、上月、今年、近7天、11月',

  // drafts
  cancelled: '已取消。',
  nothingToCancel: '当前没有进行中的操作。',
  nothingToChoose: '当前没有待回答的问题。发送“帮助”查看可用命令。',

  // photos
  photoReceived: (n: number) => `已收到 ${n} 张照片，10 分钟内上报隐患将自动附上`,
  photosAdded: (n: number, code: string) => `已将 ${n} 张照片补充到隐患 ${code}`,
  photosAlreadyOn: (n: number, code: string) => `已收到 ${n} 张照片，已附在隐患 ${code}`,
  photosAttachedElsewhere: '已收到照片，已附在刚才的记录上',
  photosAttached: (n: number) => `已附 ${n} 张照片`,
  noPhotosYet: '照片：未附（10 分钟内发来的照片会补充到此隐患）',
  photoNotStored: '照片没有保存成功，请重新发送。',
  photosOverLimit: (max: number, rest: number) =>
    `每一步最多附 ${max} 张照片，其余 ${rest} 张未附上，请挑选最能说明情况的照片（10 分钟内再上报隐患时，未附的照片会附到新隐患上）。`,
  photosRestKept: (rest: number) => `另有 ${rest} 张照片未附上（每条最多 9 张），10 分钟内可用于下一条上报。`,

  // results
  reportedTitle: (code: string) => `隐患已登记 ${code}`,
  majorAlerted: (n: number) => `重大隐患：已通知 ${n} 位镇、区管理员。`,
  redAlerted: (n: number) => `红色风险企业：已通知 ${n} 位管理员。`,
  notAlerted: '提醒未能发出（无可通知的管理员或未配置提醒），请直接电话告知镇应急办。',
  levelByWords: (words: string) => `（消息里说“${words}”，按重大隐患上报；如不是，请回复“改成一般”）`,
  levelByChecklist: (item: string) => `（检查项“${item}”默认为重大隐患；如不是，请回复“改成一般”）`,
  deadlineSuggested: (day: string) => `建议期限：${day}（重大隐患由管理员交办时确定期限，您的建议已转交）`,
  deadlineNone: '期限：未设定（管理员交办时确定）',
  correctHint: '如有错误，10 分钟内可回复：改成重大 / 期限改为5天 / 不是华美，是恒泰 / 撤回',
  supplementedTitle: (code: string) => `已补充到隐患 ${code}`,
  patrolTitle: '巡查已记录',
  // Several enterprises in one message (patrol-several.ts).
  severalRecorded: (name: string, next: string) => `${name}：正常，下次巡查 ${next} 前`,
  severalNotFound: (names: string) => `未记录（在您的范围内没有找到）：${names}`,
  severalUnclear: (names: string) => `未记录（有多家相近的企业，请单独发送“巡查 企业全称 正常”）：${names}`,
  severalFailed: (name: string, why: string) => `未记录 ${name}：${why}`,
  rectifiedTitle: (code: string) => `已提交整改 ${code}`,
  reviewedTitle: (code: string, pass: boolean) => (pass ? `复查通过，已销号 ${code}` : `复查不通过 ${code}`),
  assignedTitle: (code: string) => `已交办 ${code}`,
  voidedTitle: (code: string) => `已作废 ${code}`,
  whistledTitle: (code: string) => `已吹哨 ${code}`,
  acknowledgedTitle: (code: string) => `已报到 ${code}`,
  correctedTitle: (code: string) => `已更正 ${code}`,
  withdrawnTitle: (code: string) => `已撤回 ${code}`,
  withdrawn: '该条上报已撤回，不计入统计和考核。',
  lastReportStill: (code: string) => `刚才上报的 ${code} 不受影响，10 分钟内仍可更正；如要撤回它，请再发“撤回”。`,
  nothingToCorrect: '没有可修改的上报：只能在上报后 10 分钟内、且在其他操作之前修改。请用“查询 YH…”查看隐患，或联系管理员更正。',
  correctWhich: (names: string[]) => `有几家企业相近：${names.join('、')}。请回复“不是…，是”加企业全称。`,

  // groups
  sentPrivatelyTitle: '已私信发送',
  sentPrivately: '结果涉及具体企业或人员，已私信发给您（群里可能有您职责范围以外的人员）。',

  // fallbacks
  unknown: '没看懂这条消息。发送“帮助”查看可用命令。',
  failed: '抱歉，处理您的消息时出错了，请稍后再试。',
  errorTitle: '无法完成',
} as const;

type HelpLine = [command: string, what: string];

const COMMON_QUERIES: HelpLine[] = [
  ['查询 YH20261122-0007', '隐患详情和处理过程'],
  ['查询 企业名', '企业情况与未销号隐患'],
  ['我的任务 / 待办', '待巡查、待整改、待复查'],
  ['取消', '放弃正在进行的操作'],
];

export const HELP: Record<Role, HelpLine[]> = {
  worker: [
    ['上报 企业名 隐患描述', '上报隐患（可加“重大”“3天内整改”）'],
    ['巡查 企业名 正常', '记录巡查；发现问题：巡查 企业名 发现 问题'],
    ['整改 YH… 已完成', '提交整改（附照片）'],
    ['复查 YH… 通过 / 不通过 原因', '复查整改'],
    ['吹哨 YH… 消防', '移交行业部门'],
    ['统计 / 逾期 / 重大隐患', '本网格情况'],
    ...COMMON_QUERIES,
  ],
  town_admin: [
    ['统计 / 统计 本月', '本镇巡查与隐患数字'],
    ['统计图 / 统计 本月 图', '同时发送巡查完成率图'],
    ['逾期 / 重大隐患', '督办清单'],
    ['排名 本月', '网格员考核'],
    ['交办 YH… 7天', '交办并设整改期限'],
    ['复查 YH… 通过 / 销号 YH…', '复查、销号'],
    ['作废 YH… 不属实', '作废误报'],
    ['吹哨 YH… 消防', '移交行业部门'],
    ['上报 企业名 隐患描述', '直接上报隐患'],
    ...COMMON_QUERIES,
  ],
  district_admin: [
    ['统计 全区 本月 / 统计 横林镇 上周', '全区或某镇数字'],
    ['统计图 / 统计 横林镇 本月 图', '同时发送巡查完成率图'],
    ['逾期 / 逾期 横林镇', '督办清单'],
    ['重大隐患', '未销号重大隐患'],
    ['排名 本月', '网格员考核'],
    ['交办 YH… 7天 / 销号 YH…', '交办、销号'],
    ['吹哨 YH… 消防', '移交行业部门'],
    ...COMMON_QUERIES,
  ],
  department: [
    ['报到 YH…', '对吹哨的隐患报到'],
    ['整改 YH… 已完成', '提交整改（附照片）'],
    ['复查 YH… 通过', '复查重大隐患'],
    ['我的任务', '吹哨给本部门的隐患'],
    ['查询 YH…', '隐患详情'],
    ['取消', '放弃正在进行的操作'],
  ],
  enterprise: [
    ['整改 YH… 已完成', '提交整改（附照片），等待网格员复查'],
    ['查询 YH…', '本企业隐患详情和整改期限'],
    ['本企业隐患', '本企业待整改的隐患'],
    ['取消', '放弃正在进行的操作'],
  ],
};
