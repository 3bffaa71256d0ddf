/** 任命: the form's choices and checks (same words as role.appoint's `fields`). */
import type { StaffRole } from '../../../../typings/contract/community';
import { compactErrors, mobileProblem, nameProblem, type FieldErrors } from '../../../presenters/person';
import type { GridView, MyBuilding } from '../services/appointments';

export interface AppointForm {
  role: StaffRole;
  name: string;
  phone: string;
  gridId: string;
  buildingIds: string[];
}

export const LEADER_ROLES: { label: string; value: StaffRole; content: string }[] = [
  { label: '楼道长', value: 'buildingLeader', content: '看楼栋一览、确认绑定、联系住户' },
  { label: '志愿者', value: 'volunteer', content: '配送物资、处理求助' },
];

export interface ScopeOption {
  label: string;
  value: string;
  content: string;
}

export function buildingOptions(buildings: MyBuilding[]): ScopeOption[] {
  return buildings.map((b) => ({ label: b.name, value: b.buildingId, content: `${b.gridName} · ${b.households} 户` }));
}

export function gridOptions(grids: GridView[]): ScopeOption[] {
  return grids.map((g) => ({
    label: g.name,
    value: g.gridId,
    content: `${g.buildings.length} 栋楼 · ${g.workers.length ? `网格员 ${g.workers.map((w) => w.name).join('、')}` : '还没有网格员'}`,
  }));
}

/** Pure: what is wrong, by role.appoint's field names. */
export function validateAppointment(form: AppointForm): FieldErrors {
  const gridWorker = form.role === 'gridWorker';
  return compactErrors({
    name: nameProblem(form.name),
    phone: mobileProblem(form.phone),
    gridId: gridWorker && !form.gridId ? '请选择网格' : '',
    buildingIds: !gridWorker && form.buildingIds.length === 0 ? '请至少选择 1 项楼栋' : '',
  });
}
