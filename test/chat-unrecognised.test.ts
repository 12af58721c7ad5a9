import { describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { unrecognisedMessages } from '../db/schema/index.js';
import { dialogWorld } from './helpers/dialog-world.js';
import { get, post } from './helpers/hazards-fixtures.js';

// Learning from use: 没看懂 messages are kept as text and listed for the district admin only.
describe('GET /v1/chat/unrecognised', () => {
  it('keeps what the bot did not understand (text only) and lists it for the district admin, newest first', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '今天天气不错啊')).toContain('没看懂');
    c.advance(1000);
    expect(await c.say(c.w.workerB1, 'zzz 嗯嗯')).toContain('没看懂');
    expect(await c.say(c.w.workerA1, '帮助')).not.toContain('没看懂');
    const rows = await c.db.select().from(unrecognisedMessages);
    expect(rows).toHaveLength(2);
    // No sender is kept: only district, platform, text and time.
    expect(Object.keys(rows[0]).sort()).toEqual(['districtId', 'id', 'platform', 'receivedAt', 'text']);

    const app = createApp(c.deps);
    const res = await get(app, '/v1/chat/unrecognised', c.w.district);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ total: 2, items: [{ text: 'zzz 嗯嗯', platform: 'terminal' }, { text: '今天天气不错啊' }] });
  });

  it('town admins, workers and departments are refused; the bot may add through POST as any bound person', async () => {
    const c = await dialogWorld();
    const app = createApp(c.deps);
    for (const who of [c.w.adminA, c.w.workerA1, c.w.deptUser]) {
      const res = await get(app, '/v1/chat/unrecognised', who);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
    expect((await post(app, '/v1/chat/unrecognised', c.w.workerA1, { text: '这个怎么弄' })).status).toBe(201);
    expect((await post(app, '/v1/chat/unrecognised', c.w.workerA1, { text: '   ' })).status).toBe(400);
    const list = await (await get(app, '/v1/chat/unrecognised', c.w.district)).json();
    expect(list.items.map((i: { text: string }) => i.text)).toEqual(['这个怎么弄']);
  });
});
