import { chatIdentities } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { makeTown, makePerson, makeGrid, makeEnterprise } from './fixtures.js';

let seq = 0;

/** A grid worker bound to a DingTalk staff id, with 常州华美化工有限公司 (华美) in their grid. */
export async function dingtalkWorld(db: Db) {
  const town = await makeTown(db);
  const worker = await makePerson(db, 'worker', { townId: town.id, name: '张三' });
  const grid = await makeGrid(db, town.id, worker.id);
  const huamei = await makeEnterprise(db, grid, { name: '常州华美化工有限公司', shortName: '华美', aliases: ['华美化工'] });
  const staffId = `staff${String(++seq).padStart(4, '0')}${Date.now() % 100000}`;
  await db.insert(chatIdentities).values({ personId: worker.id, platform: 'dingtalk', externalId: staffId, createdAt: new Date() });
  return { town, worker, grid, huamei, staffId };
}
