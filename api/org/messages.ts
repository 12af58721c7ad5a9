// Every user-facing message of the organisation module, in one place for wording review.
export const ORG_MSG = {
  town: '镇（街道）',
  grid: '网格',
  department: '部门',
  townNameTaken: (name: string) => `镇（街道）“${name}”已存在`,
  gridNameTaken: (name: string) => `本镇已有名为“${name}”的网格`,
  departmentNameTaken: (name: string) => `部门“${name}”已存在`,
  notAWorker: '指定的网格员不存在、已停用或不是网格员',
  workerOtherTown: '不能指定其他镇（街道）的网格员',
  noDistrict: '系统尚未初始化区（开发区）信息',
  nothingToUpdate: '没有需要修改的内容',
} as const;
