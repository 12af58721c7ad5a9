import type { HelpTopic } from './intents.js';

// The words of the understanding layer (numbered readings, deadlines asked back, plain-word questions).
export const U = {
  chooseIntent: '您是想：',
  chooseIntentHint: '请回复序号，或回复“取消”。',
  // Two things told of two enterprises: one is recorded per choice, so the sender knows the other waits.
  chooseOneThing: '您的消息里有几件事，一次记录一件，请先选一件（其余的请另发）：',
  thingsLeft: (things: string[]) => `未记录：${things.join('、')}，请另发一条。`,
  // Several hazard codes in one message (several-codes.ts).
  chooseCode: '这条消息有几个编号，一次办理一条。先办哪一条？',
  severalCodesDone: (done: number, total: number) => (done === total ? `已办理 ${total} 条隐患` : `${total} 条隐患，已办理 ${done} 条`),
  severalCodesShown: (total: number) => `${total} 条隐患的情况`,
  severalCodesLeft: (codes: string[]) => `还没有办理：${codes.join('、')}，请逐条另发。`,
  // Several codes and a verb not understood (YH…0003 YH…0004 搞一下): the first is asked about, the rest named.
  firstOfCodes: (code: string, others: string[]) => `这条消息有几个编号，一次办理一条。先办 ${code}，您是想：（${others.join('、')} 请办完后另发）`,
  mentionedPlace: (town: string) => `您提到了${town}，是想：`,
  // A worker's figures are of their own grids (the verbs refuse a town's): said before they are offered.
  mentionedPlaceOwnGrids: (town: string) => `您提到了${town}；网格员可查看本人网格的数字，是想：`,
  ownGridsFigures: (town: string) => `您问的是${town}；网格员可查看本人网格的数字，以下是您网格的情况。`,
  mentionedEnterprise: '您提到的企业，是想：',
  deadlinePast: (text: string) => `期限“${text}”已经过去了，请重新说整改期限（如“3天内”“12月10日前”），或回复“不设期限”。`,
  deadlineUnclear: (text: string) => `“${text}”不是一个具体期限，请说清楚（如“7天内”“本月底前”“下周五前”），或回复“不设期限”。`,
  deadlineTitle: '请确认整改期限',
  enterprisePeriod: (period: string) => `企业情况按当前状态显示（未闭环隐患），不按“${period}”筛选；统计数字请发“统计 ${period}”。`,
  enterpriseReported: (period: string, n: number) => `${period}上报隐患：${n} 条`,
  enterpriseOverdue: (n: number) => `逾期未整改隐患：${n} 条`,
  overduePeriod: (period: string) => `逾期按当前状态统计（截至现在），不按“${period}”筛选。`,
  myEnterprisesTitle: '我负责的企业',
  myEnterprises: (total: number) => `范围内共 ${total} 家企业：`,
  noEnterprises: '您的范围内还没有企业。',
  duePatrolsTitle: '待巡查企业',
  duePatrols: (total: number) => `今天到期或已逾期未巡查的企业 ${total} 家：`,
  noDuePatrols: '没有到期未巡查的企业，都按时巡查了。',
  more: (n: number) => `……还有 ${n} 家`,
};

/** How to use one command, in the words a worker would type it. */
export const HELP_TOPICS: Record<HelpTopic, { title: string; lines: string[] }> = {
  report: { title: '怎么上报隐患', lines: ['发送：上报 企业名 隐患描述', '例如：上报 华美 消防通道堵塞 3天内整改', '重大隐患加“重大”；可先发或后发照片（10分钟内自动附上）。'] },
  patrol: { title: '怎么记录巡查', lines: ['没问题：巡查 企业名 正常', '发现问题：巡查 企业名 发现 配电箱未接地', '也可以直接说：刚去华美转了一圈 都正常'] },
  rectify: { title: '怎么提交整改', lines: ['发送：整改 YH编号 已完成，并附上整改后的照片。'] },
  review: { title: '怎么复查', lines: ['通过：复查 YH编号 通过', '不通过：复查 YH编号 不通过 原因'] },
  query: { title: '怎么查询', lines: ['查企业：查询 企业名', '查隐患：查询 YH编号', '我的待办：我的任务'] },
  stats: { title: '怎么看统计', lines: ['统计 / 统计 横林镇 本月 / 逾期 / 排名 本月'] },
  bind: { title: '怎么绑定', lines: ['向网格员或管理员要 10 位绑定码（或扫网格员出示的二维码），然后发送：绑定 3917482913'] },
};

/** 怎么查询 for an enterprise safety contact: its own enterprise's hazards, not a worker's 我的任务. */
export const CONTACT_QUERY_HELP = { title: '怎么查询', lines: ['本企业待整改的隐患：本企业隐患', '查隐患：查询 YH编号'] };
