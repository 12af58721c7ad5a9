import type { Rng } from './random.js';
import type { BulkInsert } from './bulk-insert.js';
import { townName, villageName, personName, phoneFor } from './names.js';

export const SEED_DEPARTMENTS: readonly (readonly [string, string[]])[] = [
  ['区应急管理局', ['应急', '危化']],
  ['区工业和信息化局', ['工信']],
  ['区消防救援大队', ['消防']],
  ['区市场监督管理局', ['市监', '特种设备']],
  ['区住房和城乡建设局', ['住建']],
  ['区生态环境局', ['环保', '生态环境']],
  ['区交通运输局', ['交通']],
  ['区商务局', ['商务']],
];

export type Town = { id: number; name: string; adminId: number; lat: number; lng: number };
export type Grid = { id: number; townIndex: number; village: string; workerId: number };
export type Org = { towns: Town[]; grids: Grid[]; departmentUserIds: number[]; districtAdminId: number; people: number };

/**
 * Writes departments, towns, grids and people: one district admin, a user per department, an
 * admin per town and one worker per grid (一格一员). Ids are assigned here so the rest of the
 * generator can reference them without reading back.
 */
export async function writeOrg(
  rng: Rng,
  w: { departments: BulkInsert; towns: BulkInsert; grids: BulkInsert; people: BulkInsert },
  counts: { towns: number; grids: number },
  now: number,
): Promise<Org> {
  let personId = 0;
  const person = (name: string, role: string, townId: number | null, departmentId: number | null) => {
    const id = ++personId;
    w.people.add([id, name, phoneFor(id), role, townId, departmentId, 'dingtalk', 1, now]);
    return id;
  };
  const districtAdminId = person(personName(rng), 'district_admin', null, null);
  const departmentUserIds = SEED_DEPARTMENTS.map(([name, keywords], i) => {
    w.departments.add([i + 1, name, JSON.stringify(keywords), now]);
    return person(personName(rng), 'department', null, i + 1);
  });
  const towns: Town[] = [];
  for (let t = 0; t < counts.towns; t++) {
    const id = t + 1;
    const name = townName(t);
    w.towns.add([id, 1, name, now]);
    towns.push({ id, name, adminId: person(personName(rng), 'town_admin', id, null), lat: 31.7 + rng.next() * 0.6, lng: 118.5 + rng.next() * 0.6 });
  }
  const grids: Grid[] = [];
  for (let g = 0; g < counts.grids; g++) {
    const townIndex = Math.floor((g * counts.towns) / counts.grids);
    const k = g - Math.ceil((townIndex * counts.grids) / counts.towns);
    const village = villageName(townIndex, k);
    const workerId = person(personName(rng), 'worker', townIndex + 1, null);
    w.grids.add([g + 1, townIndex + 1, `${village}网格`, village, workerId, now]);
    grids.push({ id: g + 1, townIndex, village, workerId });
    if (g % 2000 === 1999) {
      await w.people.flush();
      await w.grids.flush();
    }
  }
  return { towns, grids, departmentUserIds, districtAdminId, people: personId };
}
