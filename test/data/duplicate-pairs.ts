// Labelled pairs of hazard descriptions of ONE enterprise, as grid workers write them: `same` is
// what a person reading both would say (the same hazard reported twice, or two different ones).
// Many different pairs share a checklist item on purpose (消防栓 vs 灭火器 are both 消防设施).
// Written by hand, not derived from the similarity measure; test/hazards-duplicate-corpus.test.ts
// measures the guard's false-positive and miss rates on them.
export type DuplicatePair = { a: string; b: string; same: boolean };

export const DUPLICATE_PAIRS: DuplicatePair[] = [
  // the same hazard, said again
  { a: '消防通道堵塞', b: '消防通道堵塞。', same: true },
  { a: '消防通道堵塞', b: '消防通道被堵塞', same: true },
  { a: '消防通道被货物堵塞', b: '消防通道堵塞，堆放货物', same: true },
  { a: '二楼配电房堆放杂物', b: '二楼配电房内堆放杂物', same: true },
  { a: '灭火器过期', b: '灭火器已过期', same: true },
  { a: '一楼灭火器过期未更换', b: '一楼灭火器过期', same: true },
  { a: '安全出口锁闭', b: '安全出口被锁闭', same: true },
  { a: '车间安全出口上锁', b: '车间安全出口被上锁', same: true },
  { a: '配电箱未接地', b: '配电箱没有接地', same: true },
  { a: '仓库电线私拉乱接', b: '仓库内电线私拉乱接', same: true },
  { a: '消防栓被遮挡', b: '消防栓被货物遮挡', same: true },
  { a: '应急照明灯损坏', b: '应急照明灯坏了', same: true },
  { a: '危化品仓库未设置防爆灯', b: '危化品仓库没有防爆灯', same: true },
  { a: '叉车司机无证驾驶', b: '叉车司机无证', same: true },
  { a: '疏散指示标志缺失', b: '疏散指示标志缺失 二楼', same: true },
  { a: '喷淋头被油漆覆盖', b: '喷淋头被油漆覆盖了', same: true },
  { a: '员工宿舍私拉电线充电', b: '宿舍私拉电线充电', same: true },
  { a: '氧气乙炔瓶混放', b: '氧气瓶乙炔瓶混放', same: true },
  { a: '消防水泵房积水', b: '消防泵房积水', same: true },
  { a: '有限空间作业未审批', b: '有限空间作业没有审批', same: true },
  // different hazards of the same enterprise, often the same checklist item
  { a: '消防栓被遮挡', b: '灭火器过期', same: false },
  { a: '消防通道堵塞', b: '消防栓无水', same: false },
  { a: '灭火器过期', b: '灭火器压力不足', same: false },
  { a: '灭火器过期', b: '灭火器数量不足', same: false },
  { a: '安全出口锁闭', b: '疏散指示标志缺失', same: false },
  { a: '配电箱未接地', b: '配电箱门缺失', same: false },
  { a: '配电箱未接地', b: '电缆老化破损', same: false },
  { a: '仓库电线私拉乱接', b: '仓库堆垛过高', same: false },
  { a: '二楼配电房堆放杂物', b: '一楼车间堆放杂物', same: false },
  { a: '消防通道堵塞', b: '安全出口堵塞', same: false },
  { a: '应急照明灯损坏', b: '应急照明灯数量不足', same: false },
  { a: '叉车司机无证驾驶', b: '电工无证上岗', same: false },
  { a: '危化品仓库未设置防爆灯', b: '危化品仓库未设置泄漏报警', same: false },
  { a: '喷淋头被油漆覆盖', b: '喷淋系统压力不足', same: false },
  { a: '员工宿舍私拉电线充电', b: '员工宿舍与仓库未分隔', same: false },
  { a: '氧气乙炔瓶混放', b: '气瓶未设防倾倒措施', same: false },
  { a: '消防水泵房积水', b: '消防控制室无人值班', same: false },
  { a: '有限空间作业未审批', b: '动火作业未审批', same: false },
  { a: '粉尘除尘器未接地', b: '粉尘清扫不及时', same: false },
  { a: '冲床无防护装置', b: '冲床双手按钮失效', same: false },
  { a: '车间消防栓被遮挡', b: '车间灭火器被遮挡', same: false },
  { a: '楼梯间堆放杂物', b: '楼梯间扶手松动', same: false },
  { a: '灭火器过期', b: '灭火器被遮挡', same: false },
  { a: '消防通道堵塞', b: '消防通道标识不清', same: false },
];
