/** 绑定房屋: the form's pure parts — the choices to pick from, the checks, and the request it submits. */
import type { BindingSummary, BuildingEntry, CommunityEntry, Relation, UnitEntry } from '../../typings/contract/community';
import { compactErrors, mobileProblem, nameProblem, type FieldErrors } from './person';

export type BindingKind = 'member' | 'proxy';

export interface BindingForm {
  communityId: string;
  buildingId: string;
  householdId: string;
  name: string;
  relation: Relation | '';
  phone: string;
  kind: BindingKind;
}

export const EMPTY_FORM: BindingForm = {
  communityId: '',
  buildingId: '',
  householdId: '',
  name: '',
  relation: '',
  phone: '',
  kind: 'member',
};

export const KIND_OPTIONS: { label: string; value: BindingKind; content: string }[] = [
  { label: '本人住这里', value: 'member', content: '我自己住在这户' },
  { label: '代家人办理', value: 'proxy', content: '家人住这户（如父母），我在别处替他们办理' },
];

/** At most this many communities on screen; searching narrows them. */
export const COMMUNITY_LIMIT = 20;

export interface CommunityOption {
  communityId: string;
  name: string;
  address: string;
}

export function toCommunityOptions(entries: CommunityEntry[]): CommunityOption[] {
  return entries.slice(0, COMMUNITY_LIMIT).map(({ communityId, name, address }) => ({ communityId, name, address }));
}

export interface PickerOption {
  label: string;
  value: string;
}

export function toBuildingOptions(buildings: BuildingEntry[]): PickerOption[] {
  return buildings.map((b) => ({ label: b.name, value: b.buildingId }));
}

export interface CascaderOption {
  label: string;
  value: string;
  children?: CascaderOption[];
}

/** Pure: 单元 → 房号 for the cascader; rooms low floor first, as on a letterbox panel. The room's value is its household. */
export function toRoomOptions(units: UnitEntry[]): CascaderOption[] {
  return units.map((u) => ({
    label: `${u.unit}单元`,
    value: `unit:${u.unit}`,
    children: [...u.rooms]
      .sort((a, b) => a.floor - b.floor || a.room.localeCompare(b.room, 'zh-Hans-CN', { numeric: true }))
      .map((r) => ({ label: `${r.room}室`, value: r.householdId })),
  }));
}

/** Pure: 1单元 301室 for the chosen household, or '' when it is not in the building. */
export function roomText(units: UnitEntry[], householdId: string): string {
  for (const u of units) {
    const room = u.rooms.find((r) => r.householdId === householdId);
    if (room) return `${u.unit}单元 ${room.room}室`;
  }
  return '';
}

/**
 * Pure: what is wrong with the form, by field (the same field names and, for what the server checks, the same
 * messages as binding.request's `fields`). Empty when it can be submitted.
 */
export function validateBinding(form: BindingForm): FieldErrors {
  return compactErrors({
    communityId: form.communityId ? '' : '请选择社区',
    buildingId: form.communityId && !form.buildingId ? '请选择楼栋' : '',
    householdId: form.buildingId && !form.householdId ? '请选择单元和房号' : '',
    name: nameProblem(form.name),
    relation: form.relation ? '' : '请选择与户主关系',
    phone: mobileProblem(form.phone),
  });
}

/** Pure: the binding.request input (only call when validateBinding found nothing). */
export function toBindingRequest(form: BindingForm): {
  householdId: string;
  name: string;
  relation: Relation;
  phone: string;
  kind: BindingKind;
} {
  return {
    householdId: form.householdId,
    name: form.name.trim(),
    relation: form.relation as Relation,
    phone: form.phone.trim(),
    kind: form.kind,
  };
}

export interface SubmittedView {
  title: string;
  description: string;
}

export function toSubmittedView(summary: BindingSummary): SubmittedView {
  return {
    title: '已提交，等待楼道长确认',
    description: `${summary.communityName} ${summary.label}：楼道长核实后会确认，确认后这户会出现在「我的」里。您可以在「我的」查看进度，也可以撤回申请。`,
  };
}
