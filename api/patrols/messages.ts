// Every user-facing message of the patrol verbs, in one place for review.
export const MSG = {
  sourceTaken: '该消息来源编号已被他人使用，不能重复登记',
  enterprise: '企业',
  patrol: '巡查记录',
  departmentCannotPatrol: '行业部门账号不能登记巡查',
  badInput: '巡查登记内容不正确',
  futureTime: '巡查时间不能晚于当前时间',
  unknownCheckItem: (id: number) => `检查项 ${id} 不存在或已停用`,
  badPhoto: (id: number) => `照片 ${id} 不存在、不是您上传的或已被使用`,
  badHazard: (i: number) => `第 ${i + 1} 条隐患的内容不正确`,
} as const;
