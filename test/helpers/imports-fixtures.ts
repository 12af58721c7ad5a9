import { readFileSync } from 'node:fs';
import { upload } from './org-request.js';

export const CSV = 'text/csv; charset=utf-8';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Bytes of a file under test/fixtures/import/. */
export const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));

type Requester = Parameters<typeof upload>[0];

/** Imports the fixture towns, people and grids (横林镇, 遥观镇 …) as the given district admin. */
export async function importOrgFixtures(app: Requester, auth: Record<string, string>) {
  for (const kind of ['towns', 'people', 'grids'] as const) {
    const res = await upload(app, `/v1/imports/${kind}`, auth, CSV, fixture(`${kind}.csv`));
    if (res.status !== 200) throw new Error(`fixture import ${kind} failed: ${JSON.stringify(res.body)}`);
  }
}
