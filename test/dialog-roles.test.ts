import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { chatIdentities, hazards, patrols, drafts } from '../db/schema/index.js';
import { issueBindingCode } from '../api/people/issue-binding-code.js';
import { ctxFor } from './helpers/fixtures.js';
import { dialogWorld, type DialogWorld } from './helpers/dialog-world.js';

const rows = async (c: DialogWorld, table: typeof hazards | typeof patrols) => (await c.db.select({ n: count() }).from(table))[0].n;

describe('dialog: strangers', () => {
  it('an unbound sender sees only how to bind, whatever they ask, and no data', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const [h] = await c.db.select().from(hazards);
    for (const text of ['统计', `查询 ${h.code}`, '查询 华美化工', '我的任务', '上报 华美化工 杂物', '帮助', '1', '是']) {
      const reply = await c.say(null, text, { senderId: 'wechat:wxid_stranger', platform: 'wechat' });
      expect(reply).toContain('绑定 123456');
      expect(reply).not.toContain(h.code);
      expect(reply).not.toContain('华美');
    }
    expect(await rows(c, hazards)).toBe(1);
    expect(await c.say(null, '', { senderId: 'wechat:wxid_stranger', platform: 'wechat' })).toBe('');
  });

  it('绑定 with a valid code links the identity; the same code cannot be used twice', async () => {
    const c = await dialogWorld();
    const admin = await ctxFor(c.deps, c.w.adminA.id);
    const { code } = await issueBindingCode(admin, c.w.workerA1.id);
    const o = { senderId: 'wechat:wxid_new', platform: 'wechat' as const };
    expect(await c.say(null, '绑定 000000', o)).toContain('绑定失败');
    expect(await c.say(null, `绑定 ${code}`, o)).toContain(`绑定成功：${c.w.workerA1.name}（网格员）`);
    const ids = await c.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, 'wxid_new'));
    expect(ids).toMatchObject([{ personId: c.w.workerA1.id, platform: 'wechat' }]);
    expect(await c.say(null, `上报 华美化工 消防通道堵塞`, o)).toMatch(/隐患已登记/);
    expect(await c.say(null, `绑定 ${code}`, { senderId: 'wechat:wxid_other', platform: 'wechat' })).toContain('绑定失败');
  });
});

describe('dialog: per role', () => {
  it('help differs per role', async () => {
    const c = await dialogWorld();
    const worker = await c.say(c.w.workerA1, '帮助');
    const admin = await c.say(c.w.adminA, '?');
    const dept = await c.say(c.w.deptUser, '帮助');
    expect(worker).toContain('网格员可用命令');
    expect(worker).not.toContain('排名');
    expect(admin).toContain('排名 本月');
    expect(dept).toContain('报到 YH…');
    expect(dept).not.toContain('上报 企业名');
  });

  it('patrol normal and with a finding', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '巡查 华美化工 正常')).toContain('结果：正常');
    const found = await c.say(c.w.workerA1, '巡查 华美塑料 发现 配电箱未接地');
    expect(found).toMatch(/隐患 YH20261123-0001（一般隐患/);
    const ps = await c.db.select().from(patrols);
    expect(ps.map((p) => p.result).sort()).toEqual(['issues', 'normal']);
    const [h] = await c.db.select().from(hazards);
    expect(h.patrolId).toBe(ps.find((p) => p.result === 'issues')!.id);
  });

  it('patrol without a result asks once: 正常 completes it', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '巡查 华美化工')).toContain('巡查结果如何');
    expect(await c.say(c.w.workerA1, '正常')).toContain('巡查已记录');
    expect(await rows(c, patrols)).toBe(1);
  });

  it('full lifecycle across roles: report → assign → rectify → review fail → rectify → pass', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 二楼配电房堆放杂物');
    const [h] = await c.db.select().from(hazards);
    expect(await c.say(c.w.workerA1, `交办 ${h.code} 7天`)).toContain('只有镇、区管理员');
    expect(await c.say(c.w.adminA, `交办 ${h.code} 7天`)).toContain('期限 11月30日');
    expect(await c.say(c.w.workerA1, `整改 ${h.code} 杂物已清理`)).toContain(`已提交整改 ${h.code}`);
    expect(await c.say(c.w.workerA1, `复查 ${h.code} 不通过`)).toContain('请说明不通过的原因');
    expect(await c.say(c.w.workerA1, '角落仍有纸箱')).toContain(`复查不通过 ${h.code}`);
    await c.say(c.w.workerA1, `整改 ${h.code} 纸箱已清走`);
    expect(await c.say(c.w.adminA, `销号 ${h.code}`)).toContain(`复查通过，已销号 ${h.code}`);
    const [after] = await c.db.select().from(hazards);
    expect(after.status).toBe('closed');
  });

  it('whistle to a department by keyword, and the department reports in', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const [h] = await c.db.select().from(hazards);
    expect(await c.say(c.w.workerA1, `吹哨 ${h.code} 消防`)).toContain(c.w.fireDept.name);
    expect(await c.say(c.w.deptUser, `报到 ${h.code}`)).toContain('（已报到）');
    expect(await c.say(c.w.workerA1, `吹哨 ${h.code} 园林`)).toContain('没有找到部门');
    expect(await c.db.select().from(drafts).where(eq(drafts.personId, c.w.workerA1.id))).toMatchObject([{ awaiting: 'department' }]);
  });

  it('void asks for the reason; 不属实 voids it', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const [h] = await c.db.select().from(hazards);
    expect(await c.say(c.w.adminA, `作废 ${h.code}`)).toContain('请说明作废原因');
    expect(await c.say(c.w.adminA, '不属实')).toContain(`已作废 ${h.code}`);
  });

  it('queries: tasks, a hazard with its timeline, an enterprise, statistics, overdue, major, ranking', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞，重大');
    const [h] = await c.db.select().from(hazards);
    expect(await c.say(c.w.workerA1, '我的任务')).toContain('待巡查企业');
    const detail = await c.say(c.w.workerA1, `查询 ${h.code}`);
    expect(detail).toContain('处理过程：');
    expect(detail).toMatch(/11月23日 10:00 .* 上报/);
    const ent = await c.say(c.w.workerA1, '查询 华美化工');
    expect(ent).toContain('未销号隐患：1 条');
    expect(ent).toContain(h.code);
    expect(await c.say(c.w.adminA, '统计 本月')).toContain('巡查：应巡');
    expect(await c.say(c.w.district, `统计 ${c.w.townA.name} 上周`)).toContain(`统计（${c.w.townA.name}，上周）`);
    expect(await c.say(c.w.adminA, '逾期')).toContain('逾期未巡查企业');
    expect(await c.say(c.w.adminA, '重大隐患')).toContain(h.code);
    expect(await c.say(c.w.adminA, '排名 本月')).toContain('网格员考核（2026年11月）');
    expect(await c.say(c.w.workerA1, '排名 本月')).toContain('考核仅限镇、区管理员查看');
  });

  it('out of scope: another grid’s hazard reads as not found; another town’s statistics are refused', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerB1, '上报 精密机械 叉车无证驾驶');
    const [h] = await c.db.select().from(hazards);
    const asA1 = await c.say(c.w.workerA1, `查询 ${h.code}`);
    expect(asA1).toContain('不存在或不在您的范围内');
    expect(asA1).not.toContain('叉车');
    expect(await c.say(c.w.adminA, `查询 ${h.code}`)).toContain('不存在或不在您的范围内');
    expect(await c.say(c.w.workerA1, `整改 ${h.code} 已整改`)).toContain('不存在或不在您的范围内');
    const stats = await c.say(c.w.adminA, `统计 ${c.w.townB.name}`);
    expect(stats).not.toContain('巡查：应巡');
    expect(await c.say(c.w.workerA1, '查询 精密机械')).toContain('没有找到企业');
    const [after] = await c.db.select().from(hazards);
    expect(after.status).toBe(h.status);
  });
});

describe('dialog: guessing binding codes', () => {
  it('after 5 wrong codes a sender is refused for an hour, even with the right code', async () => {
    const c = await dialogWorld();
    const { createDialog } = await import('../bot/dialog/handle.js');
    const { createInbox } = await import('../bot/inbox.js');
    const { bindThrottle } = await import('../bot/dialog/bind-throttle.js');
    const inbox = createInbox({ deps: c.deps, handle: createDialog({ deps: c.deps, throttle: bindThrottle() }) });
    const { code } = await issueBindingCode(await ctxFor(c.deps, c.w.adminA.id), c.w.workerA1.id);
    const wrong = code === '111111' ? '222222' : '111111';
    const say = async (text: string) => (await inbox.receive(c.message(null, text, { senderId: 'wechat:wxid_guess', platform: 'wechat' })))?.text ?? '';
    for (let i = 0; i < 5; i++) expect(await say(`绑定 ${wrong}`)).toContain('绑定失败');
    expect(await say(`绑定 ${code}`)).toContain('错误次数过多');
    expect(await c.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, 'wxid_guess'))).toEqual([]);
    c.advance(61 * 60_000);
    expect(await say(`绑定 ${code}`)).toContain('绑定成功');
  });
});
