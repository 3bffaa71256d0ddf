/**
 * Health data over its life, through the function host on the emulator's clock (DESIGN.md: "collect the minimum,
 * delete it when its purpose ends"): the resident sees every check-in revision and the isolation in 查看我的数据;
 * cannot unbind themselves out of an isolation; a month after the isolation's last day the daily timer deletes the
 * temperatures and the to-do items quoting them, and keeps the isolation as the community's ledger; a resident who
 * unbinds takes their check-ins with them.
 */
import { setUpCommunity, TEST_STAFF, type TestCommunity } from '../helpers/community';
import { requestId, startScenario, type Scenario } from '../helpers/scenario';

// A month on the clock replays every timer trigger due in it, which takes a while on a busy machine.
jest.setTimeout(120_000);

let s: Scenario;
let c: TestCommunity;
const C = { id: 'c-privacy', name: '隐私社区' };
const RETURNEE = { openid: 'o-returnee', name: '周返乡', phone: '13911110001' };
const NEIGHBOUR = { openid: 'o-neighbour', name: '吴邻居', phone: '13911110003' };

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-01T07:00:00+08:00' });
  c = await setUpCommunity(
    s,
    C,
    [
      ['3', '1', '301', RETURNEE.name, RETURNEE.phone, '本人'],
      ['3', '1', '301', '周母', '13911110002', '父母'],
      ['3', '1', '302', NEIGHBOUR.name, NEIGHBOUR.phone, '本人'],
    ],
    [
      [RETURNEE.openid, '3-1-301', RETURNEE.name, '本人', RETURNEE.phone],
      [NEIGHBOUR.openid, '3-1-302', NEIGHBOUR.name, '本人', NEIGHBOUR.phone],
    ],
  );
}, 120_000);
afterAll(() => s?.close());

const writes = () => s.dbWrites();
const myData = async (openid: string, label: string) => {
  const res = await s.as(openid)('community', 'household.myData', { householdId: c.households[label] });
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
  return res.data as {
    health: {
      isolations: { name: string; status: string; startDay: string }[];
      checkIns: { temperature: number; current: boolean; slot: string }[];
      retention: string;
    };
  };
};
const leaderTaskKinds = async () => {
  const res = await s.as(TEST_STAFF.leader.openid)('health', 'tasks.listMine', {});
  return res.ok ? (res.data.items as { kind: string; subject: { residentId?: string } }[]) : [];
};
const checkIn = (openid: string, residentId: string, temperature: number) =>
  s.as(openid)('health', 'checkIn.submit', { residentId, temperature, symptoms: [] }, requestId('ci'));

describe('a returnee’s health data, from the first check-in to its deletion', () => {
  it('the resident sees the isolation and every check-in revision, with how long they are kept', async () => {
    const start = { residentId: c.residents[RETURNEE.name], kind: 'homeIsolation', reason: 'returnedFromElsewhere', days: 3 };
    expect(await s.as(TEST_STAFF.grid.openid)('health', 'isolation.start', start, requestId('iso'))).toMatchObject({ ok: true });
    await s.setClock('2026-11-01T08:00:00+08:00');
    expect(await checkIn(RETURNEE.openid, c.residents[RETURNEE.name], 37.8)).toMatchObject({ ok: true, data: { abnormal: true } });
    // A corrected reading in the same slot replaces it; both are kept, the first marked as replaced.
    expect(await checkIn(RETURNEE.openid, c.residents[RETURNEE.name], 36.6)).toMatchObject({ ok: true, data: { revision: 2 } });

    const data = await myData(RETURNEE.openid, '3-1-301');
    expect(data.health.isolations).toEqual([expect.objectContaining({ name: RETURNEE.name, status: 'active', startDay: '2026-11-01' })]);
    expect(data.health.checkIns).toEqual([
      expect.objectContaining({ slot: 'am', temperature: 37.8, current: false }),
      expect.objectContaining({ slot: 'am', temperature: 36.6, current: true }),
    ]);
    expect(data.health.retention).toContain('30 天后自动删除');
    // The neighbour's export holds none of it.
    expect((await myData(NEIGHBOUR.openid, '3-1-302')).health).toMatchObject({ isolations: [], checkIns: [] });
    // The fever raised a to-do item for the 楼道长.
    expect((await leaderTaskKinds()).map((t) => t.kind)).toContain('checkIn.abnormal');
  });

  it('someone under isolation cannot unbind out of it: refused, nothing written', async () => {
    const before = writes();
    const res = await s.as(RETURNEE.openid)('community', 'household.unbind', { householdId: c.households['3-1-301'] }, requestId('unbind'));
    expect(res).toMatchObject({ ok: false, code: 'HOUSEHOLD.UNDER_ISOLATION', message: expect.stringContaining('联系网格员') });
    expect(writes()).toBe(before);
    // Nor can the member be removed by staff while isolated.
    const remove = await s.as(TEST_STAFF.leader.openid)(
      'community',
      'household.removeMember',
      { householdId: c.households['3-1-301'], residentId: c.residents[RETURNEE.name] },
      requestId('rm'),
    );
    expect(remove).toMatchObject({ ok: false, code: 'HOUSEHOLD.UNDER_ISOLATION' });
    expect(writes()).toBe(before);
  });

  it('30 days after the last day the check-ins still stand; the day after, the daily timer deletes them and keeps the ledger', async () => {
    // Last day 11-03; the isolation ends at 00:05 on 11-04.
    await s.setClock('2026-12-03T00:10:00+08:00');
    let data = await myData(RETURNEE.openid, '3-1-301');
    expect(data.health.isolations).toEqual([expect.objectContaining({ status: 'ended' })]);
    expect(data.health.checkIns).toHaveLength(2);

    await s.setClock('2026-12-04T00:10:00+08:00');
    data = await myData(RETURNEE.openid, '3-1-301');
    expect(data.health.checkIns).toEqual([]);
    expect(data.health.isolations).toEqual([expect.objectContaining({ name: RETURNEE.name, status: 'ended', startDay: '2026-11-01' })]);
    // The to-do items that quoted the temperature went with it.
    expect((await leaderTaskKinds()).filter((t) => t.subject.residentId === c.residents[RETURNEE.name])).toEqual([]);
  });
});

describe('a resident who unbinds takes their check-ins with them', () => {
  it('the neighbour’s check-ins from a finished monitoring are deleted on unbind; their isolation stays without a name', async () => {
    const start = { residentId: c.residents[NEIGHBOUR.name], kind: 'homeMonitoring', reason: 'closeContact', days: 1 };
    expect(await s.as(TEST_STAFF.grid.openid)('health', 'isolation.start', start, requestId('iso'))).toMatchObject({ ok: true });
    await s.setClock('2026-12-04T08:00:00+08:00');
    expect(await checkIn(NEIGHBOUR.openid, c.residents[NEIGHBOUR.name], 36.4)).toMatchObject({ ok: true });
    await s.setClock('2026-12-05T08:00:00+08:00'); // the monitoring ended at 00:05
    expect((await myData(NEIGHBOUR.openid, '3-1-302')).health.checkIns).toHaveLength(1);

    const unbind = await s.as(NEIGHBOUR.openid)(
      'community',
      'household.unbind',
      { householdId: c.households['3-1-302'] },
      requestId('unbind'),
    );
    expect(unbind).toMatchObject({ ok: true, data: { removedResidents: 1 } });

    // What the grid worker still sees: the monitoring in the ledger, nameless; no check-ins.
    const list = await s.as(TEST_STAFF.grid.openid)('health', 'isolation.list', { communityId: C.id, gridId: c.gridId, status: 'ended' });
    expect(list.ok).toBe(true);
    const items = list.ok ? (list.data.items as { residentId: string; name: string }[]) : [];
    expect(items.filter((i) => i.residentId === c.residents[NEIGHBOUR.name]).map((i) => i.name)).toEqual(['（已解除绑定）']);
    const left = await s.sdk
      .database()
      .collection('checkIns')
      .where({ communityId: C.id, residentId: c.residents[NEIGHBOUR.name] })
      .count();
    expect(left.total).toBe(0);
    // The returnee's household is untouched by the neighbour leaving theirs.
    expect((await myData(RETURNEE.openid, '3-1-301')).health.isolations).toHaveLength(1);
  });
});
