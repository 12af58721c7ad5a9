// Every user-facing message of the enterprise module, in one place for wording review.
export const ENTERPRISE_MSG = {
  enterprise: '企业',
  grid: '网格',
  creditCodeFormat: '统一社会信用代码应为 18 位数字或大写字母',
  creditCodeCheck: '统一社会信用代码校验位不正确，请核对',
  creditCodeTaken: (code: string) => `统一社会信用代码 ${code} 已被其他企业使用`,
  gridNotInTown: '所选网格不属于该镇（街道）',
  nothingToUpdate: '没有需要修改的内容',
  badDay: '日期格式应为 YYYY-MM-DD',
  contactPhone: '联系电话格式不正确',
} as const;
