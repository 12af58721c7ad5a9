// The names of the actor's enterprises, for the chat parser to find them in a sentence: scoped like every
// read, bounded (a directory past the bound gives none and says so), served over HTTP for the HTTP client.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers/deps.js';
import { ctxFor, makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { call } from './helpers/org-request.js';
import { enterpriseNamesInScope } from '../api/enterprises/names-in-scope.js';

describe('enterprise names in scope', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
    await makeEnterprise(t.db, w.gridA1, { name: '常州华美化工有限公司', shortName: '华美', aliases: ['老华美'] });
    await makeEnterprise(t.db, w.gridB1, { name: '恒泰纺织有限公司', shortName: '恒泰' });
  });

  it('gives each enterprise\'s full name, short name, aliases and core name, within the actor\'s scope only', async () => {
    const worker = await enterpriseNamesInScope(await ctxFor(t.deps, w.workerA1.id));
    expect(worker.complete).toBe(true);
    expect(worker.names).toEqual(expect.arrayContaining(['常州华美化工有限公司', '华美', '老华美', '华美化工']));
    // Another town's enterprise is never named to a worker, a town admin or a department of no hazard there.
    for (const id of [w.workerA1.id, w.adminA.id, w.deptUser.id]) {
      const { names } = await enterpriseNamesInScope(await ctxFor(t.deps, id));
      expect(names.some((n) => n.includes('恒泰'))).toBe(false);
    }
    expect((await enterpriseNamesInScope(await ctxFor(t.deps, w.district.id))).names).toEqual(expect.arrayContaining(['恒泰', '华美']));
  });

  it('past the bound gives no names and says the list is not complete', async () => {
    const { names, complete } = await enterpriseNamesInScope(await ctxFor(t.deps, w.district.id), 2);
    expect({ names, complete }).toEqual({ names: [], complete: false });
  });

  it('is served over HTTP with the caller\'s scope, and refused without a token', async () => {
    const res = await call(t.app, 'GET', '/v1/enterprises/names', w.workerB1.auth);
    expect(res.status).toBe(200);
    expect(res.body.names).toContain('恒泰');
    expect(res.body.names).not.toContain('华美');
    expect((await call(t.app, 'GET', '/v1/enterprises/names', {})).status).toBe(401);
  });
});
