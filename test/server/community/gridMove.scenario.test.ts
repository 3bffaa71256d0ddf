/**
 * Moving a building to another grid moves everything that carries the grid with it: the new grid's board shows the
 * building's isolated people and their check-ins, the old grid's no longer does, and the residents' links name the new
 * grid (what a notice to a grid reaches); its help request now climbs to the new grid's worker.
 */
import { setUpCommunity, TEST_STAFF, type TestCommunity } from '../helpers/community';
import { requestId, startScenario, type Scenario } from '../helpers/scenario';

let s: Scenario;
let c: TestCommunity;
const C = { id: 'c-move', name: '搬网格社区' };

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-22T07:00:00+08:00' });
  c = await setUpCommunity(
    s,
    C,
    [
      ['3', '1', '301', '周三楼', '13911110001', '本人'],
      ['4', '1', '101', '钱四楼', '13911110004', '本人'],
    ],
    [['o-qian', '4-1-101', '钱四楼', '本人', '13911110004']],
  );
  const isolate = (name: string) =>
    s.as(TEST_STAFF.grid.openid)(
      'health',
      'isolation.start',
      { residentId: c.residents[name], kind: 'homeIsolation', reason: 'closeContact' },
      requestId('iso'),
    );
  expect(await isolate('周三楼')).toMatchObject({ ok: true });
  expect(await isolate('钱四楼')).toMatchObject({ ok: true });
  await s.setClock('2026-11-22T08:00:00+08:00');
  expect(
    await s.as('o-qian')(
      'health',
      'checkIn.submit',
      { residentId: c.residents['钱四楼'], temperature: 36.5, symptoms: [] },
      requestId('ci'),
    ),
  ).toMatchObject({ ok: true });
  const help = {
    householdId: c.households['4-1-101'],
    category: '买药',
    flags: [],
    urgency: 3,
    description: '降压药快吃完了，麻烦帮忙买一盒',
  };
  expect(await s.as('o-qian')('help', 'help.create', help, requestId('help'))).toMatchObject({ ok: true });
}, 120_000);
afterAll(() => s?.close());

const boardOf = async (gridId: string) => {
  const res = await s.as('o-admin')('health', 'checkIn.gridBoard', { gridId });
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
  return res.data as { buildings: { buildingId: string; isolated: number }[] };
};

it('building 4 moves to a new grid with its isolation, its check-in and its residents’ links', async () => {
  const before = await boardOf(c.gridId);
  expect(before.buildings.map((b) => b.buildingId).sort()).toEqual([c.buildings['3号楼'], c.buildings['4号楼']].sort());

  const saved = await s.as('o-admin')(
    'community',
    'grid.save',
    { communityId: C.id, name: '北区网格', buildingIds: [c.buildings['4号楼']] },
    requestId('grid'),
  );
  expect(saved).toMatchObject({ ok: true, data: { name: '北区网格', buildings: [{ buildingId: c.buildings['4号楼'] }] } });
  const north = saved.ok ? (saved.data.gridId as string) : '';

  const after = await boardOf(north);
  // The building came with its isolated person and the morning's check-in.
  expect(after.buildings).toEqual([
    expect.objectContaining({
      buildingId: c.buildings['4号楼'],
      isolated: 1,
      slots: expect.objectContaining({ am: expect.objectContaining({ done: 1 }) }),
    }),
  ]);
  expect((await boardOf(c.gridId)).buildings.map((b) => b.buildingId)).toEqual([c.buildings['3号楼']]);

  const db = s.sdk.database();
  const isolations = (await db.collection('isolations').where({ communityId: C.id, buildingId: c.buildings['4号楼'] }).get()).data;
  expect(isolations.map((i: { gridId: string }) => i.gridId)).toEqual([north]);
  const checkIns = (await db.collection('checkIns').where({ communityId: C.id, buildingId: c.buildings['4号楼'] }).get()).data;
  expect(checkIns.map((i: { gridId: string }) => i.gridId)).toEqual([north]);
  const help = (await db.collection('helpRequests').where({ communityId: C.id, buildingId: c.buildings['4号楼'] }).get()).data;
  expect(help.map((h: { gridId: string }) => h.gridId)).toEqual([north]);
  // Its to-do items say where their person now lives (the grid board lists the missing from them).
  const tasks = (await db.collection('tasks').where({ communityId: C.id, buildingId: c.buildings['4号楼'] }).get()).data;
  expect(tasks.length).toBeGreaterThan(0);
  expect(tasks.map((t: { gridId: string }) => t.gridId)).toEqual(tasks.map(() => north));
  const user = (await db.collection('users').where({ _id: 'o-qian' }).get()).data[0];
  expect(user.households).toEqual([expect.objectContaining({ householdId: c.households['4-1-101'], gridId: north })]);
});
