/**
 * 楼道长's building at a glance: units side by side, floors from the top down, rooms in order — the way the
 * building looks from outside, coloured by each household's state. Pure: households in, board out.
 */
import type { BoardRoom, BuildingBoard, RiskColour } from '../../typings/contract/community';
import type { Household } from '../household/household';

const COLOURS: RiskColour[] = ['red', 'orange', 'yellow', 'blue', 'green'];
const byNumber = (a: string, b: string) => Number(a) - Number(b) || a.localeCompare(b);

export function buildingBoard(building: { _id: string; communityId: string; name: string }, households: Household[]): BuildingBoard {
  const units = new Map<string, Map<number, BoardRoom[]>>();
  const counts = { households: 0, residents: 0, unreachable: 0, pendingBindings: 0, red: 0, orange: 0, yellow: 0, blue: 0, green: 0 };
  for (const h of households) {
    const floors = units.get(h.unit) ?? new Map<number, BoardRoom[]>();
    units.set(h.unit, floors);
    const rooms = floors.get(h.floor) ?? [];
    floors.set(h.floor, rooms);
    rooms.push({ householdId: h._id, room: h.room, riskColour: h.riskColour, reachable: h.reachable, memberCount: h.memberCount, pendingBindings: h.pendingBindings });
    counts.households += 1;
    counts.residents += h.memberCount;
    counts.pendingBindings += h.pendingBindings;
    if (!h.reachable) counts.unreachable += 1;
    if (COLOURS.includes(h.riskColour)) counts[h.riskColour] += 1;
  }
  return {
    buildingId: building._id,
    communityId: building.communityId,
    name: building.name,
    units: [...units.keys()].sort(byNumber).map((unit) => ({
      unit,
      floors: [...units.get(unit)!.entries()]
        .sort(([a], [b]) => b - a)
        .map(([floor, rooms]) => ({ floor, rooms: rooms.sort((a, b) => byNumber(a.room, b.room)) })),
    })),
    counts,
  };
}
