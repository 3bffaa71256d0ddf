/** What a resident picks from when binding a household: communities, buildings, units and rooms — no personal data. */
import type { CommunityApi } from '../../typings/contract/community';
import type { ActionSpec } from '../platform/router';
import { field, optional } from '../platform/validation';
import type { CommunityDeps } from './deps';
import { buildingId, communityId } from './fields';
import { COLLECTIONS, type CommunityRecord } from './records';

type Spec<K extends keyof CommunityApi> = ActionSpec<CommunityApi[K]['input'], CommunityApi[K]['output']>;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byNumber = (a: string, b: string) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')) || a.localeCompare(b, 'zh');

export function listCommunities(deps: CommunityDeps): Spec<'directory.communities'> {
  return {
    summary: 'Communities to bind to, optionally by a word of the name',
    input: field.object({ keyword: optional(field.string({ label: '社区名称', max: 20 })) }),
    async handle(_ctx, input) {
      const where = input.keyword ? { name: deps.db.RegExp({ regexp: escapeRegExp(input.keyword) }) } : {};
      const res = await deps.db.collection<CommunityRecord>(COLLECTIONS.communities).where(where).limit(50).get();
      return res.data.map((c) => ({ communityId: c._id, name: c.name, address: c.address })).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    },
  };
}

export function listBuildings(deps: CommunityDeps): Spec<'directory.buildings'> {
  return {
    summary: "A community's buildings",
    input: field.object({ communityId }),
    errors: ['COMMUNITY.NOT_FOUND'],
    async handle(_ctx, input) {
      const buildings = await deps.reg.buildings(input.communityId);
      if (!buildings.length) await deps.reg.communityOrFail(input.communityId);
      return buildings.map((b) => ({ buildingId: b._id, name: b.name })).sort((a, b) => byNumber(a.name, b.name));
    },
  };
}

export function listRooms(deps: CommunityDeps): Spec<'directory.rooms'> {
  return {
    summary: "A building's units and rooms",
    input: field.object({ buildingId }),
    errors: ['BUILDING.NOT_FOUND'],
    async handle(_ctx, input) {
      const building = await deps.reg.buildingOrFail(input.buildingId);
      const households = await deps.reg.householdsOfBuilding(building.communityId, building._id);
      const units = new Map<string, { householdId: string; room: string; floor: number }[]>();
      for (const h of households) units.set(h.unit, [...(units.get(h.unit) ?? []), { householdId: h._id, room: h.room, floor: h.floor }]);
      return [...units.entries()]
        .sort(([a], [b]) => byNumber(a, b))
        .map(([unit, rooms]) => ({ unit, rooms: rooms.sort((a, b) => byNumber(a.room, b.room)) }));
    },
  };
}
