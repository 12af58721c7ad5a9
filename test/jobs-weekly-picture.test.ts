import { describe, it, expect, afterEach } from 'vitest';
import { sql } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { dialogWorld, bindIdentity, type DialogWorld } from './helpers/dialog-world.js';
import { ctxFor } from './helpers/fixtures.js';
import { makeStatsWorld } from './helpers/stats-world.js';
import { weeklySummary } from '../jobs/weekly-summary.js';
import { defaultJobsConfig } from '../jobs/config.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import { statsSummary } from '../api/stats/summary.js';
import { parsePeriod } from '../lib/period.js';
import { createDingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import type { ChartPicture } from '../bot/port.js';
import { startFakeDingTalk, FAKE_CLIENT, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';

// The Monday summary carries the dashboard's completion chart of the same figures in its outbox row;
// the DingTalk sender uploads it and sends it as an image message after the text.
describe('weekly summary picture', () => {
  let c: DialogWorld;
  let fake: FakeDingTalk | undefined;
  afterEach(async () => {
    await fake?.close();
  });

  it('stores the chart with the row and DingTalk delivers text, then the uploaded picture', async () => {
    c = await dialogWorld(); // Monday 2026-11-23 10:00
    const s = await makeStatsWorld(c.db);
    await bindIdentity(c.db, s.adminA.id, 'dingtalk', 'staffAdminA');
    await weeklySummary({ db: c.db, now: c.clock(), config: defaultJobsConfig });

    const [row] = await c.db.all<{ image: string | null; text: string }>(sql`select image, text from notifications where person_id = ${s.adminA.id} and kind = 'weekly_summary'`);
    const week = parsePeriod('上周', c.clock())!;
    const api = await statsSummary(await ctxFor(c.deps, s.adminA.id), { from: week.from, to: week.to, label: week.label });
    const picture = JSON.parse(row.image!) as ChartPicture;
    expect(picture).toMatchObject({ chart: 'completion', by: '网格' });
    expect(picture.subtitle).toContain(api.scope.label);
    expect(picture.rows).toEqual(api.rows.map((r) => ({ name: r.name, rate: r.patrols.completionRate })));

    fake = await startFakeDingTalk();
    const ding = createDingTalkAdapter({ ...FAKE_CLIENT, apiBase: fake.apiBase, log: () => {}, now: c.clock });
    const report = await drainOutbox({ db: c.db, senders: { dingtalk: ding }, now: c.clock(), pacing: { sleep: async () => {}, random: () => 0.5 } });
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const sends = fake.api.callsTo('/v1.0/robot/oToMessages/batchSend').filter((x) => (x.body.userIds as string[]).includes('staffAdminA'));
    expect(sends.map((x) => x.body.msgKey)).toEqual(['sampleMarkdown', 'sampleImageMsg']);
    const { photoURL } = JSON.parse(String(sends[1].body.msgParam)) as { photoURL: string };
    const png = PNG.sync.read(fake.api.uploads.get(photoURL)!.bytes);
    expect(png.width).toBe(1040);
  });
});
