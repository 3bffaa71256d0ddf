/** One household: its members, state and history, and what the people linked to it (or its staff) may do. */
import type { HouseholdDataExport, HouseholdView, Relation } from '../../typings/contract/community';
import { community } from './community';

export type { HouseholdDataExport, HouseholdView, Relation };

/** Phones come masked or in full as the caller's role allows; the page shows them as given. */
export function fetchHousehold(householdId: string): Promise<HouseholdView> {
  return community('household.get', { householdId });
}

/** 添加家人: a member without their own WeChat (an elderly parent); the phone is optional. */
export function addHouseholdMember(
  householdId: string,
  member: { name: string; relation: Relation; phone?: string },
): Promise<HouseholdView> {
  const phone = member.phone?.trim();
  return community('household.addMember', {
    householdId,
    name: member.name.trim(),
    relation: member.relation,
    ...(phone ? { phone } : {}),
  });
}

export function removeHouseholdMember(householdId: string, residentId: string): Promise<HouseholdView> {
  return community('household.removeMember', { householdId, residentId });
}

/** 查看我的数据: everything kept about the household (PIPL: the right to see one's data). */
export function fetchMyHouseholdData(householdId: string): Promise<HouseholdDataExport> {
  return community('household.myData', { householdId });
}

/** 解除绑定: the caller leaves the household; their own personal data is deleted. */
export function unbindHousehold(householdId: string): Promise<{ householdId: string; removedResidents: number }> {
  return community('household.unbind', { householdId });
}
