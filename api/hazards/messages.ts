import type { HazardStatus } from '../../db/schema/index.js';

// Every user-facing sentence of the hazard verbs, in one place so the wording can be reviewed together.
export const STATUS_NAMES: Record<HazardStatus, string> = {
  reported: '已上报',
  rectifying: '整改中',
  review: '待复查',
  closed: '已销号',
  void: '已作废',
};

/** Hazard levels as a town office writes them (台账: 一般/重大; chat adds 隐患). */
export const LEVEL_NAMES = { general: '一般', major: '重大' } as const;

export const ACTION_NAMES = {
  report: '上报',
  assign: '交办',
  rectify: '整改完成',
  review_pass: '复查通过',
  review_fail: '复查不通过',
  void: '作废',
  whistle: '吹哨',
  acknowledge: '报到',
  attach: '补充说明或照片',
  correct: '更正',
} as const;

export const MSG = {
  sourceTaken: '该消息来源编号已被他人使用，不能重复登记',
  hazard: '隐患',
  enterprise: '企业',
  department: '部门',
  invalidTransition: (status: HazardStatus, action: keyof typeof ACTION_NAMES) =>
    `该隐患当前状态为「${STATUS_NAMES[status]}」，不能${ACTION_NAMES[action]}`,
  changedMeanwhile: '该隐患刚被他人处理，请刷新后重试',
  correctOwnOnly: '只能更正自己上报的隐患',
  correctTooLate: '上报已超过 10 分钟，不能再自行更正；请联系镇应急办处理',
  correctActedOn: '该隐患已有人处理，不能再自行更正；请联系镇应急办处理',
  correctNothing: '与现有内容相同，无需更正',
  departmentCannotReport: '行业部门账号不能上报隐患',
  deadlineExclusive: '整改期限只能给出一种：日期、天数或立即整改',
  deadlinePast: '整改期限不能早于今天',
  reviewReasonRequired: '复查不通过时请说明原因',
  reviewPassNoDeadline: '复查通过时不需要整改期限',
  evidenceRequired: '请提供整改说明或照片作为整改证据',
  noteOrPhotoRequired: '请提供说明或照片',
  duplicateOfRequired: '以“重复”作废时请指明重复的隐患',
  duplicateOfSelf: '不能标记为与自身重复',
  duplicateOfUnknown: '指明的重复隐患不存在或不在您的范围内',
  unknownCheckItem: '检查项不存在或已停用',
  unknownPatrol: '巡查记录不存在或不属于该企业',
  photosUnavailable: '部分照片不存在、不是您上传的或已关联到其他记录',
  possibleDuplicate: (code: string, description: string) =>
    `该企业已有未销号的相似隐患 ${code}（${description}），是否补充到该隐患？如确属新隐患，请确认后再次上报`,
  alreadyWhistled: '已向该部门吹哨，无需重复',
  notWhistled: '该隐患未向您所在部门吹哨',
  alreadyAcknowledged: '您所在部门已报到，无需重复',
  majorReviewOnly: '重大隐患只能由管理员或被吹哨的部门复查',
  generalReviewOnly: '一般隐患由所在网格的网格员或管理员复查',
  workerOrAdminOnly: '只有网格员或管理员可以吹哨',
  adminOnly: '只有镇、区管理员可以执行此操作',
} as const;
