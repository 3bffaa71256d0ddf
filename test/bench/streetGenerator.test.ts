/**
 * The street-scale generator (bench/street): deterministic for a seed, the shape issue 9 asks for (counts, one
 * lockdown community of 3,000 households all isolated, board buildings of exactly 200 people in a grid of 30
 * buildings), and documents the real functions read — written into a store, the 楼道长 board and a check-in work
 * through the function host. At a small scale: no timing here, the bench measures.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { slotCheckInId } from '../../server/checkIn/checkIn';
import type { Envelope } from '../../typings/contract/envelope';
import type { LeaderBoard } from '../../typings/contract/health';
import {
  addCounts,
  BOARD_BUILDING_PEOPLE,
  emptyCounts,
  generateCommunity,
  leaderOpenid,
  residentOpenid,
  STREET,
  streetCommunities,
  type CommunityData,
  type StreetScale,
} from '../../bench/street/generate';
import { writeStreet } from '../../bench/street/write';
import { REPO_ROOT, tempDir } from '../emulator/helpers/emulator';
import { startTestCloud } from '../emulator/helpers/localCloud';

/** 15:00 in Shanghai: the morning's check-ins are in, the afternoon window is open. */
const NOW = new Date('2026-11-20T15:00:00+08:00');
const SMALL: StreetScale = {
  ...STREET,
  communities: 3,
  householdsPerCommunity: 40,
  buildingsPerCommunity: 4,
  gridsPerCommunity: 2,
  isolatedElsewhere: 9,
};

const digest = (c: CommunityData) => createHash('sha1').update(JSON.stringify(c)).digest('hex');

describe('street generator', () => {
  const communities = [...streetCommunities(SMALL, NOW)];
  const lockdown = communities[0];

  it('is deterministic for a seed and a time, and another seed gives another street', () => {
    // Generating 3,000 households twice takes seconds on a busy machine.
    const again = [...streetCommunities(SMALL, NOW)];
    expect(again.map(digest)).toEqual(communities.map(digest));
    const other = generateCommunity({ ...SMALL, seed: SMALL.seed + 1 }, 1, NOW);
    expect(digest(other)).not.toBe(digest(communities[1]));
  });

  it('has the counts asked for: one lockdown community of 3,000 households, everyone in them isolated', () => {
    const counts = emptyCounts();
    for (const c of communities) addCounts(counts, c);
    expect(counts.communities).toBe(3);
    expect(communities.filter((c) => c.lockdown)).toHaveLength(1);
    expect(counts.lockdownHouseholds).toBe(3_000);
    expect(counts.households).toBe(3_000 + 2 * 40);
    expect(counts.isolatedElsewhere).toBe(9);
    expect(communities.slice(1).map((c) => c.isolations.length)).toEqual([5, 4]);
    expect(lockdown.isolations).toHaveLength(lockdown.residents.length);
    expect(new Set(lockdown.isolations.map((i) => i.householdId)).size).toBe(3_000);
    expect(counts.lockdownIsolated).toBe(lockdown.residents.length);
    // About 2.95 people a household, as the street's 220,000 in 75,000.
    expect(lockdown.residents.length / lockdown.households.length).toBeGreaterThan(2.5);
    expect(lockdown.residents.length / lockdown.households.length).toBeLessThan(3);
  });

  it('lays the lockdown out for the boards: a grid of 30 buildings, each of exactly 200 isolated people', () => {
    const grid1 = lockdown.grids.find((g) => g.name === '第1网格')!;
    const buildings = lockdown.buildings.filter((b) => b.gridId === grid1._id);
    expect(buildings).toHaveLength(30);
    for (const b of buildings) expect(lockdown.isolations.filter((i) => i.buildingId === b._id)).toHaveLength(BOARD_BUILDING_PEOPLE);
  });

  it('writes the shapes the functions write: check-in ids, links between records, one bound member per household', () => {
    for (const c of communities) {
      const households = new Map(c.households.map((h) => [h._id, h]));
      expect(c.residents.filter((r) => !households.has(r.householdId))).toEqual([]);
      expect(c.checkIns.filter((ci) => ci._id !== slotCheckInId(ci.residentId, ci.day, ci.slot))).toEqual([]);
      const isolated = new Map(c.isolations.map((i) => [i.residentId, i._id]));
      expect(c.residents.filter((r) => r.isolationId !== isolated.get(r._id))).toEqual([]);
      const linked = c.users.flatMap((u) => u.households.map((h) => h.householdId));
      expect(linked.sort()).toEqual([...households.keys()].sort());
      expect(c.bindings.filter((b) => b.status !== 'confirmed')).toEqual([]);
      // Every isolated household shows it (orange, yellow or red); every isolation still runs today.
      const colours = new Set(c.isolations.map((iso) => households.get(iso.householdId)!.riskColour));
      expect([...colours].filter((colour) => !['orange', 'yellow', 'red'].includes(colour))).toEqual([]);
      expect(c.isolations.filter((iso) => !(iso.startDay <= '2026-11-20' && iso.lastDay >= '2026-11-20'))).toEqual([]);
    }
  });
});

describe('street written into the store', () => {
  const TINY: StreetScale = {
    ...SMALL,
    communities: 2,
    isolatedElsewhere: 3,
    lockdown: { households: 80, boardGridBuildings: 1, daysSoFar: 1 },
  };
  const dataDir = tempDir('street');
  let written: ReturnType<typeof writeStreet>;

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build.js')], { cwd: REPO_ROOT, stdio: 'ignore' });
    written = writeStreet({ dataDir, root: REPO_ROOT, scale: TINY, now: NOW });
  }, 120_000);

  it('is read by the functions as their own data: a 楼道长 board of 200 people, a resident checking in', async () => {
    const cloud = await startTestCloud({ dataDir, startAt: NOW.getTime() });
    try {
      const lockdown = generateCommunity(TINY, 0, NOW);
      const building = lockdown.buildings[0];
      const board = (await cloud.call(
        'health',
        { action: 'checkIn.leaderBoard', data: { buildingId: building._id } },
        leaderOpenid(0, Number(building.number)),
      )) as Envelope<LeaderBoard>;
      if (!board.ok) throw new Error(`${board.code} ${board.message}`);
      const am = board.data.slots.find((s) => s.slot === 'am')!;
      expect(am.counts.expected).toBe(BOARD_BUILDING_PEOPLE);
      // Everyone checked in this morning but the few the generator left out (about one in 50), who are missing.
      const checkedIn = lockdown.checkIns.filter(
        (c) => c.buildingId === building._id && c.day === board.data.day && c.slot === 'am',
      ).length;
      expect(checkedIn).toBeLessThan(BOARD_BUILDING_PEOPLE);
      expect(checkedIn).toBeGreaterThan(BOARD_BUILDING_PEOPLE * 0.9);
      expect(am.counts.done + am.counts.abnormal).toBe(checkedIn);
      expect(am.counts.missing).toBe(BOARD_BUILDING_PEOPLE - checkedIn);
      expect(board.data.slots.find((s) => s.slot === 'pm')!.counts.done).toBe(0);

      const iso = lockdown.isolations[0];
      const household = lockdown.households.findIndex((h) => h._id === iso.householdId);
      const submitted = (await cloud.call(
        'health',
        { action: 'checkIn.submit', data: { residentId: iso.residentId, temperature: 36.6, symptoms: [] }, requestId: 'street-test-1' },
        residentOpenid(0, household),
      )) as Envelope<unknown>;
      expect(submitted).toMatchObject({ ok: true });
    } finally {
      await cloud.close();
    }
    expect(written.counts.lockdownHouseholds).toBe(80);
    expect(written.counts.documents.households).toBe(80 + 40);
  }, 60_000);
});
