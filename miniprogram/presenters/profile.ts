import type { BindingSummary, HouseholdSummary, MyProfile, Role, RoleSummary } from '../../typings/contract/community';
import { RISK_LABELS } from './risk';

export const ROLE_LABELS: Record<Role, string> = {
  communityAdmin: '社区管理员',
  gridWorker: '网格员',
  buildingLeader: '楼道长',
  volunteer: '志愿者',
  resident: '居民',
};

/** Most responsibility first: the order of the role switcher, and the default role. */
const ROLE_ORDER: Role[] = ['communityAdmin', 'gridWorker', 'buildingLeader', 'volunteer', 'resident'];

export interface Workbench {
  title: string;
  description: string;
  url: string;
}

export interface HouseholdRow {
  householdId: string;
  title: string;
  description: string;
  riskColour: string;
  riskLabel: string;
  url: string;
}

export interface BindingRow {
  bindingId: string;
  title: string;
  description: string;
  statusLabel: string;
  statusTheme: 'warning' | 'success' | 'danger' | 'default';
  /** Why the 楼道长 rejected it, as a sentence. */
  reason: string;
  cancellable: boolean;
}

export interface ProfileView {
  headline: string;
  householdText: string;
  /** The roles held, for the switcher (empty when there is nothing to switch between). */
  roles: { value: Role; label: string }[];
  activeRole: Role | '';
  workbenches: Workbench[];
  households: HouseholdRow[];
  bindings: BindingRow[];
}

/** Pure: the roles held, most responsibility first. */
export function heldRoles(profile: Pick<MyProfile, 'roles'>): Role[] {
  return ROLE_ORDER.filter((role) => profile.roles.includes(role));
}

/** Pure: the role to act as — the stored choice while it is still held, otherwise the one of most responsibility. */
export function pickActiveRole(held: Role[], stored: string | undefined): Role | undefined {
  return held.find((role) => role === stored) ?? held[0];
}

const q = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&');

/** Every staff role has to-do items (abnormal and missed check-ins, 「五包一」). */
const TASKS: Workbench = { title: '我的待办', description: '异常打卡、未打卡等，最紧急的在前', url: '/pages/tasks/index' };

/** Pure: the workbench entries of one role, from the grants that give it (each staff page in its subpackage). */
export function workbenchesFor(role: Role | undefined, grants: RoleSummary[]): Workbench[] {
  const entries = roleWorkbenches(role, grants);
  return entries.length ? [...entries, TASKS] : entries;
}

function roleWorkbenches(role: Role | undefined, grants: RoleSummary[]): Workbench[] {
  const of = grants.filter((g) => g.role === role);
  switch (role) {
    case 'buildingLeader':
      return [{ title: '我的楼栋', description: '楼栋一览、待确认绑定、联系不上的住户', url: '/packages/leader/pages/buildings/index' }];
    case 'volunteer':
      return [
        {
          title: '我服务的楼栋',
          description:
            of
              .flatMap((g) => g.buildings ?? [])
              .map((b) => b.name)
              .join('、') || '社区分配的楼栋',
          url: '/packages/leader/pages/buildings/index?mode=volunteer',
        },
      ];
    case 'gridWorker':
      return of.flatMap((g) => {
        const query = q({ communityId: g.communityId, gridId: g.gridId, gridName: g.gridName });
        return [
          { title: `${g.gridName ?? '网格'}工作台`, description: '网格内楼栋和住户情况', url: `/packages/grid/pages/board/index?${query}` },
          {
            title: '任命楼道长、志愿者',
            description: '生成任命码，对方在「我的」中输入后生效',
            url: `/packages/grid/pages/appoint/index?${query}`,
          },
          { title: '任命记录', description: '查看和撤销本网格的任命', url: `/packages/grid/pages/assignments/index?${query}` },
        ];
      });
    case 'communityAdmin':
      return of.map((g) => ({
        title: '社区管理',
        description: `${g.communityName}：导入结构、网格、任命`,
        url: `/packages/admin/pages/overview/index?${q({ communityId: g.communityId, communityName: g.communityName })}`,
      }));
    default:
      return [];
  }
}

export function householdRow(h: HouseholdSummary): HouseholdRow {
  return {
    householdId: h.householdId,
    title: `${h.communityName} ${h.label}`,
    description: h.kind === 'proxy' ? '代家人办理' : '本人住这里',
    riskColour: h.riskColour,
    riskLabel: RISK_LABELS[h.riskColour] ?? '',
    url: `/pages/household/index?householdId=${encodeURIComponent(h.householdId)}`,
  };
}

const BINDING_STATUS: Record<BindingSummary['status'], { label: string; theme: BindingRow['statusTheme'] }> = {
  pending: { label: '等待楼道长确认', theme: 'warning' },
  confirmed: { label: '已确认', theme: 'success' },
  rejected: { label: '未通过', theme: 'danger' },
  cancelled: { label: '已撤回', theme: 'default' },
};

/** Pure: the date part of an ISO instant in Asia/Shanghai, as 11月22日. */
export function shanghaiDate(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t + 8 * 3600 * 1000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Pure: 11月22日 15:12 in Asia/Shanghai. */
export function shanghaiDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function bindingRow(b: BindingSummary): BindingRow {
  const status = BINDING_STATUS[b.status] ?? { label: b.status, theme: 'default' as const };
  return {
    bindingId: b.bindingId,
    title: `${b.communityName} ${b.label}`,
    description: `${b.kind === 'proxy' ? '代家人办理' : '本人住这里'} · ${shanghaiDate(b.createdAt)}提交`,
    statusLabel: status.label,
    statusTheme: status.theme,
    reason: b.status === 'rejected' && b.reason ? `原因：${b.reason}` : '',
    cancellable: b.status === 'pending',
  };
}

/** Pure: what 我的 shows for a profile, acting as `active`. */
export function toProfileView(profile: MyProfile, active: Role | undefined): ProfileView {
  const held = heldRoles(profile);
  const households = profile.households.length;
  const pending = profile.bindings.filter((b) => b.status === 'pending').length;
  let householdText = '还没有绑定房屋，绑定后可使用打卡、订单等服务';
  if (households > 0) householdText = `已绑定 ${households} 户房屋`;
  else if (pending > 0) householdText = '绑定申请已提交，等待楼道长确认';
  return {
    headline: active ? ROLE_LABELS[active] : '尚未登记',
    householdText,
    roles: held.length > 1 ? held.map((role) => ({ value: role, label: ROLE_LABELS[role] })) : [],
    activeRole: active ?? '',
    workbenches: workbenchesFor(active, profile.grants),
    households: profile.households.map(householdRow),
    bindings: profile.bindings.filter((b) => b.status !== 'confirmed').map(bindingRow),
  };
}
