// The departments a township hands a hazard to (吹哨), as people name them in chat: 消防, 住建局, 市场监管,
// 供电所. Only used to tell "交给消防" (a department: whistle) from "交给企业 / 交给张三" (a person or the
// enterprise: assign) and to cut the department out of a sentence; the dialog resolves the name against
// the district's own departments and their keywords (admin-flows.ts findDepartment).
export const DEPARTMENT = new RegExp(
  '(?:消防(?:救援)?(?:大队|中队|站|部门)?(?![通栓器设水泵门箱系管带喷报标验安控车登沙桶斧梯道])|应急管理局|应急局|住建(?:局|部门)?|建设局|' +
    '市场监管(?:局|所)?|市监(?:局|所)?|质监(?:局|站)?|特检(?:院|所)?|生态环境(?:局|分局)?|环保(?:局|部门)?|' +
    '公安(?:局|分局)?|派出所|交警(?:大队|中队)?|交通(?:局|运输局)|城管(?:局|中队)?|综合执法(?:局|大队|中队)?|执法(?:局|大队|中队)|' +
    '供电(?:所|局|公司)|电力(?:公司|局)|燃气(?:公司|办)|水务(?:局)?|卫健(?:局|委)?|教育局|人社(?:局)?|自然资源(?:局)?|农业农村局|商务局|文旅局|工信局|经发局)',
);
