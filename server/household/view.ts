/** What a household looks like to whoever asks: phone numbers in full only for those who need them. */
import type { HouseholdEventView, HouseholdView, MemberView } from '../../typings/contract/community';
import type { Binding } from '../binding/binding';
import { maskPhone } from '../privacy/phone';
import type { Household, Resident } from './household';

export interface Viewer {
  openid: string;
  /** The policy allowed household.viewPhones: the building's 楼道长, the grid worker, the admin. */
  seesAllPhones: boolean;
}

const RELATION_ORDER = ['本人', '配偶', '父母', '子女', '祖父母', '孙辈', '兄弟姐妹', '租户', '其他'];

export function memberView(r: Resident, viewer: Viewer): MemberView {
  const full = viewer.seesAllPhones || (r.openid !== undefined && r.openid === viewer.openid);
  return {
    residentId: r._id,
    name: r.name,
    relation: r.relation,
    phone: r.phone ? (full ? r.phone : maskPhone(r.phone)) : '',
    phoneMasked: Boolean(r.phone) && !full,
    hasWeChat: Boolean(r.openid),
  };
}

export function householdView(
  h: Household,
  residents: Resident[],
  proxies: Binding[],
  history: HouseholdEventView[],
  viewer: Viewer,
): HouseholdView {
  return {
    householdId: h._id,
    communityId: h.communityId,
    label: h.label,
    buildingName: h.buildingName,
    unit: h.unit,
    floor: h.floor,
    room: h.room,
    riskColour: h.riskColour,
    reachable: h.reachable,
    ...(h.reachabilityNote ? { reachabilityNote: h.reachabilityNote } : {}),
    members: [...residents]
      .sort((a, b) => RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation) || a.name.localeCompare(b.name, 'zh'))
      .map((r) => memberView(r, viewer)),
    proxies: proxies.map((p) => ({ name: p.name, relation: p.relation })),
    history,
  };
}
