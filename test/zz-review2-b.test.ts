import { describe, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { dialogWorld } from './helpers/dialog-world.js';

const dump = async (t: any, q: string) => console.log(q, JSON.stringify(await t.db.all(sql.raw(q))));

describe('probe chat', () => {
  it('deadline, codes across midnight, photos window', async () => {
    const t = await dialogWorld();
    // TEST_NOW = 10:00 Shanghai 11-23. advance to 23:59:59.
    t.advance(14 * 3600_000 - 1000);
    console.log(await t.say(t.w.workerA1, '上报 华美化工 灭火器过期 3天内整改'));
    t.advance(2000);
    console.log(await t.say(t.w.workerA1, '上报 华美塑料 安全出口锁闭 11月30日前整改'));
    await dump(t, 'select code, status, deadline_at, 0 d, 0 r from hazards');
  });
  it('duplicate delivery concurrently', async () => {
    const t = await dialogWorld();
    const m = t.message(t.w.workerA1, '巡查 华美化工 正常', { messageId: 'dup1' });
    const r = await Promise.all([t.inbox.receive(m), t.inbox.receive(m), t.inbox.receive({ ...m })]);
    console.log(r.map((x) => x?.text ?? null));
    await dump(t, 'select count(*) n from patrols');
    const m2 = t.message(t.w.workerA1, '上报 精密机械 xx', { messageId: 'dup2' });
  });
  it('photo timing', async () => {
    const t = await dialogWorld();
    console.log(await t.say(t.w.workerA1, '', { photos: 2 }));
    t.advance(11 * 60_000);
    console.log(await t.say(t.w.workerA1, '上报 华美化工 二楼配电房堆放杂物'));
    await dump(t, 'select id, hazard_id, event_id, 0 from attachments');
    t.advance(9 * 60_000);
    console.log(await t.say(t.w.workerA1, '', { photos: 1 }));
    t.advance(2 * 60_000);
    console.log(await t.say(t.w.workerA1, '', { photos: 1 }));
    await dump(t, 'select id, hazard_id, event_id from attachments');
  });
  it('group', async () => {
    const t = await dialogWorld();
    console.log(JSON.stringify(await t.say(t.w.workerA1, '上报 华美化工 二楼配电房堆放杂物', { group: true, mentioned: false })));
    console.log(JSON.stringify(await t.say(null, '帮助', { group: true, mentioned: false, photos: 1 })));
    console.log(JSON.stringify(await t.say(t.w.workerA1, '', { group: true, mentioned: false, photos: 1 })));
    console.log(JSON.stringify(await t.say(t.w.workerA1, '@机器人 上报 华美化工 二楼配电房堆放杂物', { group: true, mentioned: true })));
    await dump(t, 'select id, hazard_id, event_id, uploader_id from attachments');
  });
  it('draft expiry', async () => {
    const t = await dialogWorld();
    console.log(await t.say(t.w.workerA1, '上报 华美 消防通道堵塞'));
    t.advance(31 * 60_000);
    console.log(await t.say(t.w.workerA1, '1'));
    await dump(t, 'select count(*) from hazards');
  });
});
