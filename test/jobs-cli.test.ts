import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDb, type DbHandle } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { notifications } from '../db/schema/index.js';
import { makeWorld } from './helpers/fixtures.js';

const run = promisify(execFile);

// The operator CLI as an operator runs it: a child process on a database file.
describe('scripts/job.ts', () => {
  let dir: string;
  let file: string;
  let h: DbHandle;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_OPTIONS: '' };
  const job = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/job.ts', ...args], { env, cwd: process.cwd() });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'job-cli-'));
    file = join(dir, 'g.db');
    h = await openDb(`file:${file}`);
    await migrateDb(h.db);
    await bootstrapDb(h.db, { districtName: '测试区', now: new Date('2026-11-01T00:00:00Z') });
    w = await makeWorld(h.db);
  });
  afterAll(() => {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints what a dry run would send and writes nothing', async () => {
    const { stdout } = await job('worker-digest', '--dry-run', '--now', '2026-11-23T08:30:00+08:00', '--db', file);
    expect(stdout).toContain(`digest:worker:${w.workerA1.id}:2026-11-23`);
    expect(stdout).toContain('今日待办（11月23日）');
    expect(stdout).toContain('未写入（演练）');
    expect(await h.db.select().from(notifications)).toEqual([]);
  });

  it('enqueues on a real run and says messages stay pending without a chat platform; a re-run adds nothing', async () => {
    const first = await job('worker-digest', '--now', '2026-11-23T08:30:00+08:00', '--db', file);
    expect(first.stdout).toContain('新入发件箱 3 条');
    expect(first.stdout).toMatch(/3 条提醒留在发件箱/);
    const again = await job('worker-digest', '--now', '2026-11-23T09:00:00+08:00', '--db', file);
    expect(again.stdout).toContain('新入发件箱 0 条');
    expect(await h.db.select().from(notifications)).toHaveLength(3);
  });

  it('rejects an unknown job name and lists the jobs (the --help text)', async () => {
    const err = await job('no-such-job', '--db', file).catch((e) => e);
    expect(err).toMatchObject({ code: 2, stderr: expect.stringContaining('没有名为 "no-such-job" 的任务') });
    for (const name of ['worker-digest', 'town-escalation', 'district-escalation', 'department-reminder', 'weekly-summary', 'monthly-assessment']) {
      expect(err.stderr).toContain(name);
    }
  });
});
