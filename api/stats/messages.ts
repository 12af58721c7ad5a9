// User-facing wording of the statistics module, in one place for review.
export const MSG = {
  district: '全区',
  myGrids: '我的网格',
  department: (name: string) => `${name}（吹哨隐患）`,
  town: '镇（街道）',
  grid: '网格',
  badPeriod: '无法识别的统计时段，可用：今天、昨天、本周、上周、本月、上月、今年、近7天、2026-11、11月',
  badRange: '统计时段不正确：开始时间须早于结束时间，且不超过一年',
  workerOnlyOwnGrids: '网格员只能查看自己网格的统计',
  townAdminOnlyOwnTown: '只能查看本镇（街道）的统计',
  adminsOnly: '考核仅限镇、区管理员查看',
  badMonth: '月份格式应为 YYYY-MM',
  badQuery: '查询条件不正确',
} as const;
