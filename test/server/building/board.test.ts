import { buildingBoard } from '../../../server/building/board';
import type { Household } from '../../../server/household/household';

const at = new Date();
const h = (unit: string, room: string, extra: Partial<Household> = {}): Household => ({
  _id: `h-${unit}-${room}`,
  communityId: 'c',
  gridId: 'g',
  buildingId: 'b',
  buildingName: '3号楼',
  unit,
  floor: Math.floor(Number(room) / 100),
  room,
  label: `3-${unit}-${room}`,
  reachable: true,
  riskColour: 'green',
  memberCount: 2,
  pendingBindings: 0,
  createdAt: at,
  updatedAt: at,
  ...extra,
});

describe('a building at a glance', () => {
  it('lays units side by side, floors top down, rooms in order, and counts what needs attention', () => {
    const board = buildingBoard({ _id: 'b', communityId: 'c', name: '3号楼' }, [
      h('2', '101'),
      h('1', '202'),
      h('1', '101', { reachable: false, riskColour: 'blue' }),
      h('1', '201', { pendingBindings: 1 }),
      h('1', '1001'),
    ]);
    expect(board.units.map((u) => u.unit)).toEqual(['1', '2']);
    expect(board.units[0].floors.map((f) => [f.floor, f.rooms.map((r) => r.room)])).toEqual([
      [10, ['1001']],
      [2, ['201', '202']],
      [1, ['101']],
    ]);
    expect(board.counts).toEqual({
      households: 5,
      residents: 10,
      unreachable: 1,
      pendingBindings: 1,
      red: 0,
      orange: 0,
      yellow: 0,
      blue: 1,
      green: 4,
    });
  });
});
