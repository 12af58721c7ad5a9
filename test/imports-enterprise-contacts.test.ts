import { sessionCookie } from './helpers/web-sign-in.js';
import { describe, it, expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { chatIdentities, enterprises, people } from '../db/schema/index.js';
import { testApp } from './helpers/deps.js';
import { makePerson, makeWorld } from './helpers/fixtures.js';
import { creditCode, upload } from './helpers/org-request.js';
import { personForIdentity } from '../api/people/identity.js';
import { loadActor } from '../api/core/actor.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';

// The enterprise import's contact columns make the enterprise's safety contact a person of role
// enterprise, bound to that enterprise, with their mobile number and chat identities.

const HEAD = '镇（街道）,网格,企业名称,统一社会信用代码,企业类别,联系人,联系电话,联系人钉钉ID,联系人企业微信ID';

async function setup() {
  const t = await testApp();
  const w = await makeWorld(t.db);
  const contactsOf = (enterpriseId: number) => t.db.select().from(people).where(and(eq(people.role, 'enterprise'), eq(people.enterpriseId, enterpriseId)));
  const identitiesOf = async (personId: number) =>
    Object.fromEntries((await t.db.select().from(chatIdentities).where(eq(chatIdentities.personId, personId))).map((i) => [i.platform, i.externalId]));
  const csv = (...rows: string[]) => [HEAD, ...rows].join('\n') + '\n';
  const post = (auth: Record<string, string>, body: string, dry = false) =>
    upload(t.app, `/v1/imports/enterprises${dry ? '?dryRun=true' : ''}`, auth, 'text/csv', body);
  return { t, w, contactsOf, identitiesOf, csv, post };
}

describe('enterprise import: contact columns', () => {
  it('creates contacts for new and existing enterprises, with mobile and chat identities; a re-import updates them', async () => {
    const { t, w, contactsOf, identitiesOf, csv, post } = await setup();
    const code = creditCode();
    const A = w.townA.name;
    const res = await post(w.district.auth, csv(
      `${A},${w.gridA1.name},${w.entA1.name},,重点,李联络,139 1234 5678,dt-li,wc-li`,
      `${A},${w.gridA1.name},常州新开化工有限公司,${code},规上,周安全,13900000077,,wc-zhou`,
      `${A},${w.gridA2.name},横林小五金厂,,规下,钱老板,0519-88881234,,`,
      `${A},${w.gridA2.name},${w.entA2.name},,规上,,,,`,
    ));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 2, contacts: { created: 3, updated: 0 } });

    const [li] = await contactsOf(w.entA1.id);
    expect(li).toMatchObject({ name: '李联络', phone: '13912345678', role: 'enterprise', townId: null, active: true });
    expect(await identitiesOf(li.id)).toEqual({ dingtalk: 'dt-li', wecom: 'wc-li' });
    // The bot and 免登 recognise them as that enterprise's contact.
    expect(await personForIdentity(t.db, 'dingtalk', 'dt-li')).toBe(li.id);
    expect((await loadActor(t.db, li.id))).toMatchObject({ role: 'enterprise', enterpriseId: w.entA1.id });

    const fresh = (await t.db.select().from(enterprises).where(eq(enterprises.creditCode, code)).get())!;
    const [zhou] = await contactsOf(fresh.id);
    expect(zhou).toMatchObject({ name: '周安全', phone: '13900000077' });
    expect(await identitiesOf(zhou.id)).toEqual({ wecom: 'wc-zhou' });
    // A new enterprise without a credit code is found by grid and name; a landline stays on the enterprise only.
    const shop = (await t.db.select().from(enterprises).where(eq(enterprises.name, '横林小五金厂')).get())!;
    expect(shop.contactPhone).toBe('0519-88881234');
    expect(await contactsOf(shop.id)).toMatchObject([{ name: '钱老板', phone: null }]);
    expect(await contactsOf(w.entA2.id)).toHaveLength(0); // no 联系人, nobody made

    // Again with a new DingTalk id and a corrected name: the same person (by mobile), the id replaced.
    const again = await post(w.district.auth, csv(
      `${A},${w.gridA1.name},${w.entA1.name},,重点,李安全,13912345678,dt-li-2,`,
      `${A},${w.gridA2.name},横林小五金厂,,规下,钱老板,,,`,
    ));
    expect(again.body).toMatchObject({ created: 0, updated: 2, contacts: { created: 0, updated: 2 } });
    expect(await contactsOf(w.entA1.id)).toMatchObject([{ id: li.id, name: '李安全', phone: '13912345678' }]);
    expect(await identitiesOf(li.id)).toEqual({ dingtalk: 'dt-li-2', wecom: 'wc-li' }); // a blank cell keeps what is stored
    expect(await contactsOf(shop.id)).toHaveLength(1);
    await t.close();
  });

  it('a dry run lists each contact problem by row and column, and writes nothing', async () => {
    const { t, w, contactsOf, csv, post } = await setup();
    const worker = (await t.db.update(people).set({ phone: '13800000011' }).where(eq(people.id, w.workerA1.id)).returning())[0];
    const [otherContact] = await t.db.insert(people).values({ name: '孙联络', phone: '13900000099', role: 'enterprise', enterpriseId: w.entA2.id, createdAt: new Date() }).returning();
    await t.db.insert(chatIdentities).values({ personId: worker.id, platform: 'dingtalk', externalId: 'dt-worker', createdAt: new Date() });
    const A = w.townA.name;
    const res = await post(w.district.auth, csv(
      `${A},${w.gridA1.name},${w.entA1.name},,重点,张三,13800000011,,`, // a worker's mobile
      `${A},${w.gridA1.name},甲厂,,规下,李四,13900000099,,`, // another enterprise's contact
      `${A},${w.gridA1.name},乙厂,,规下,王五,,dt-worker,`, // a DingTalk id bound to someone else
      `${A},${w.gridA1.name},丙厂,,规下,,,,wc-x`, // an identity without a name
      `${A},${w.gridA2.name},丁厂,,规下,赵六,13900000055,,`,
      `${A},${w.gridA2.name},戊厂,,规下,钱七,13900000055,,`, // the same mobile twice
    ), true);
    expect(res.status).toBe(400);
    const rows = res.body.error.details.rows as { row: number; column: string; message: string }[];
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 2, column: '联系电话', message: expect.stringMatching(/其他人员/) }),
      expect.objectContaining({ row: 3, column: '联系电话', message: expect.stringMatching(/其他企业的联系人/) }),
      expect.objectContaining({ row: 4, column: '联系人钉钉ID', message: expect.stringMatching(/已绑定给其他人员/) }),
      expect.objectContaining({ row: 5, column: '联系人', message: expect.stringMatching(/联系人姓名不能为空/) }),
      expect.objectContaining({ row: 7, column: '联系电话', message: expect.stringMatching(/第 6 行/) }),
    ]));
    expect(rows.some((r) => r.row === 6)).toBe(false);
    expect(await contactsOf(w.entA1.id)).toHaveLength(0);
    expect(await contactsOf(w.entA2.id)).toMatchObject([{ id: otherContact.id }]);
    await t.close();
  });

  it("a town admin's import makes contacts in their own town only", async () => {
    const { t, w, contactsOf, csv, post } = await setup();
    const ok = await post(w.adminA.auth, csv(`${w.townA.name},${w.gridA1.name},${w.entA1.name},,重点,李联络,13912340000,,`));
    expect(ok.status).toBe(200);
    expect(await contactsOf(w.entA1.id)).toHaveLength(1);
    const other = await post(w.adminA.auth, csv(`${w.townB.name},${w.gridB1.name},${w.entB1.name},,规上,王联络,13912340001,,`));
    expect(other.status).toBe(400);
    expect(await contactsOf(w.entB1.id)).toHaveLength(0);
    await t.close();
  });

  it('the enterprise template and the import page name the contact columns', async () => {
    const { t } = await setup();
    const admin = await makePerson(t.db, 'district_admin');
    const { ticket } = await issueLoginTicket(t.deps, admin.id, t.clock());
    const cookie = await sessionCookie(t.app, ticket);
    const header = (await (await t.app.request('/app/admin/templates/enterprises.csv', { headers: { cookie } })).text()).split('\r\n')[0];
    for (const col of ['联系人', '联系电话', '联系人钉钉ID', '联系人企业微信ID']) expect(header.replace('\ufeff', '').split(',')).toContain(col);
    const page = await (await t.app.request('/app/admin/import', { headers: { cookie } })).text();
    expect(page).toContain('联系人钉钉ID');
    expect(page).toContain('联系人企业微信ID');
    expect(page).toContain('安全联系人');
    await t.close();
  });
});
