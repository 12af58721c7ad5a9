import { it, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makeWorld, makePerson } from './helpers/fixtures.js';

const PNG = new Uint8Array([0x89,0x50,0x4e,0x47,0x0d,0x0a,0x1a,0x0a,1,2,3,4,5]);
const J = (t: any, p: any, path: string, body?: unknown, method = 'POST', extra: Record<string,string> = {}) =>
  t.app.request(path, { method, headers: { ...p.auth, 'content-type': 'application/json', ...extra }, body: body === undefined ? undefined : JSON.stringify(body) });
const G = (t: any, p: any, path: string) => t.app.request(path, { headers: p.auth });

it('probe', async () => {
  const t = await testApp();
  const w = await makeWorld(t.db);
  const out: Record<string, unknown> = {};

  // 1. source replay leak
  let r = await J(t, w.workerB1, '/v1/hazards', { enterpriseId: w.entB1.id, description: '配电箱未接地秘密B', source: { platform: 'dingtalk', messageId: 'msg-B-1' } });
  out.b_report = r.status;
  r = await J(t, w.workerA1, '/v1/hazards', { enterpriseId: w.entA1.id, description: '任意', source: { platform: 'dingtalk', messageId: 'msg-B-1' } });
  out.sourceLeak = [r.status, await r.json()];

  // 2. photo claim by other town admin
  r = await t.app.request('/v1/photos', { method: 'POST', headers: { ...w.workerB1.auth, 'content-type': 'image/png' }, body: PNG });
  const photo = await r.json(); out.photo = photo;
  r = await G(t, w.adminA, `/v1/photos/${photo.id}`); out.photoBefore = r.status;
  r = await J(t, w.adminA, '/v1/hazards', { enterpriseId: w.entA1.id, description: '管理员上报附图', photoIds: [photo.id] });
  out.adminClaim = r.status;
  r = await G(t, w.adminA, `/v1/photos/${photo.id}`); out.photoAfter = r.status;
  r = await G(t, w.workerB1, `/v1/photos/${photo.id}`); out.photoOwnerAfter = r.status;

  // 3. idempotency stores token / binding code plaintext
  r = await J(t, w.adminA, `/v1/people/${w.adminA.id}/tokens`, { label: 'x' }, 'POST', { 'idempotency-key': 'k1' });
  const minted = await r.json();
  const rows = await t.db.all<any>(sql`select response_body from idempotency_keys`);
  out.tokenInIdem = rows.some((x) => x.response_body.includes(minted.token));
  r = await J(t, w.adminA, `/v1/people/${w.workerA1.id}/binding-codes`, undefined, 'POST', { 'idempotency-key': 'k2' });
  const bc = await r.json();
  const rows2 = await t.db.all<any>(sql`select response_body from idempotency_keys`);
  out.codeInIdem = rows2.some((x) => x.response_body.includes(`"${bc.code}"`));
  r = await J(t, w.adminA, `/v1/people/${w.workerA1.id}/binding-codes`, undefined, 'POST', { 'idempotency-key': 'k2' });
  out.codeReplay = [r.status, (await r.json()).code === bc.code];

  // 4. department user / district admin with townId: visible to town admin
  r = await J(t, w.district, '/v1/people', { name: '部门镇A', role: 'department', departmentId: w.fireDept.id, townId: w.townA.id });
  const deptA = await r.json(); out.deptWithTown = [r.status, deptA.townId];
  r = await J(t, w.district, '/v1/people', { name: '区管A', role: 'district_admin', townId: w.townA.id });
  const distA = await r.json(); out.distWithTown = [r.status, distA.townId];
  r = await G(t, w.adminA, '/v1/people?limit=500');
  out.adminAPeople = (await r.json()).items.map((p: any) => `${p.name}:${p.role}`);
  await t.db.run(sql`insert into notifications (dedupe_key, person_id, kind, urgent, title, text, status, attempts, not_before, created_at)
    values ('x1', ${distA.id}, 'district_escalation', 0, '全区督办', '横山桥镇 YH-B 秘密', 'pending', 0, 0, 0)`).catch((e: any) => { out.notifErr = String(e); });
  r = await G(t, w.adminA, '/v1/notifications');
  out.adminANotifs = r.status === 200 ? (await r.json()).items.map((n: any) => n.title) : [r.status, await r.text()];

  // 5. stats: dept with townId of B grid names; worker with gridId nonexist vs other
  r = await G(t, w.deptUser, `/v1/stats/summary?townId=${w.townB.id}`);
  out.deptStatsB = [r.status, (await r.json()).rows?.map((x: any) => x.name)];
  r = await G(t, w.workerA1, `/v1/stats/summary?gridId=999999`); out.wGridNX = r.status;
  r = await G(t, w.workerA1, `/v1/stats/summary?gridId=${w.gridB1.id}`); out.wGridB = r.status;
  r = await G(t, w.deptUser, `/v1/stats/overdue?townId=${w.townB.id}`); out.deptOverdueB = r.status;

  // 6. credit code / phone existence oracles
  r = await J(t, w.adminA, '/v1/people', { name: 'x', role: 'worker', phone: '13800000000' });
  r = await J(t, w.district, '/v1/people', { name: 'y', role: 'worker', phone: '13900000000', townId: w.townB.id });
  r = await J(t, w.adminA, '/v1/people', { name: 'z', role: 'worker', phone: '13900000000' });
  out.phoneOracle = [r.status, (await r.json()).error?.message];

  // 7. CSV injection
  await J(t, w.workerA1, '/v1/hazards', { enterpriseId: w.entA1.id, description: '=HYPERLINK("http://evil","x")', force: true });
  r = await G(t, w.workerA1, '/v1/exports/hazards.csv');
  const csv = await r.text();
  out.csvFormula = csv.split('\n').find((l) => l.includes('HYPERLINK'));

  // 8. patrol source replay
  r = await J(t, w.workerB1, '/v1/patrols', { enterpriseId: w.entB1.id, result: 'normal', source: { platform: 'dingtalk', messageId: 'p-B' } });
  out.pB = r.status;
  r = await J(t, w.workerA1, '/v1/patrols', { enterpriseId: w.entA1.id, result: 'normal', source: { platform: 'dingtalk', messageId: 'p-B' } });
  out.pReplay = [r.status, await r.text()];

  console.log(JSON.stringify(out, null, 1));
  expect(1).toBe(1);
});
