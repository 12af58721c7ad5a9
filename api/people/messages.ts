// Every user-facing message of the people module, in one place for wording review.
export const PEOPLE_MSG = {
  townOnlyForTownRoles: '区管理员和部门人员不属于某个镇，请不要填写镇（街道）',
  person: '人员',
  token: '令牌',
  phoneTaken: (phone: string) => `手机号 ${phone} 已被其他人员使用`,
  townRequired: '镇管理员必须指定所属镇（街道）',
  departmentRequired: '部门人员必须指定所属部门',
  enterpriseRequired: '企业联系人必须指定所属企业',
  enterpriseOnlyForEnterpriseRole: '只有企业联系人可以指定所属企业',
  enterpriseNotFound: '企业不存在',
  departmentOnlyForDepartmentRole: '只有部门人员可以指定所属部门',
  townNotFound: '指定的镇（街道）不存在',
  departmentNotFound: '指定的部门不存在',
  townAdminWorkersOnly: '镇管理员只能管理本镇的网格员',
  cannotDeactivateSelf: '不能停用自己的账号',
  alreadyInactive: '该人员已停用',
  personInactive: '该人员已停用，不能签发令牌或绑定码',
  nothingToUpdate: '没有需要修改的内容',
  onePerPlatform: '每个平台只能设置一个账号',
  identityTaken: (platform: string) => `该${platformName(platform)}账号已绑定给其他人员`,
  bindingUnknown: '绑定码不正确，请核对后重新输入，或联系管理员重新获取',
  bindingUsed: '该绑定码已使用过，请联系管理员重新获取',
  bindingExpired: '绑定码已过期，请联系管理员重新获取',
  bindingBurned: '该绑定码错误尝试次数过多，已作废，请联系管理员重新获取',
  bindingThrottled: (minutes: number) => `绑定码错误次数过多，请 ${minutes} 分钟后再试，或联系管理员。`,
  bindingInactive: '该绑定码对应的人员已停用，请联系管理员',
  tokenNotYours: '只能管理自己的令牌',
  botTokenDistrictOnly: '只有区管理员可以签发机器人服务令牌',
} as const;

export function platformName(platform: string): string {
  return ({ dingtalk: '钉钉', wechat: '微信', wecom: '企业微信', terminal: '终端' } as Record<string, string>)[platform] ?? platform;
}
