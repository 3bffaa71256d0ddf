import type { MyProfile, Role } from '../services/profile';

export const ROLE_LABELS: Record<Role, string> = {
  communityAdmin: '社区管理员',
  gridWorker: '网格员',
  buildingLeader: '楼道长',
  volunteer: '志愿者',
  resident: '居民',
};

/** Most responsibility first: the headline of 我的 is the first role the person holds. */
const ROLE_ORDER: Role[] = ['communityAdmin', 'gridWorker', 'buildingLeader', 'volunteer', 'resident'];

/** Staff roles and the first page of their workbench (each in its own subpackage). */
const WORKBENCHES: { role: Role; title: string; description: string; url: string }[] = [
  { role: 'buildingLeader', title: '我的楼栋', description: '楼栋住户、打卡和订单', url: '/packages/leader/pages/buildings/index' },
  { role: 'gridWorker', title: '网格看板', description: '网格内住户和风险情况', url: '/packages/grid/pages/board/index' },
  { role: 'communityAdmin', title: '社区管理', description: '楼栋、网格和人员', url: '/packages/admin/pages/overview/index' },
];

export interface ProfileView {
  headline: string;
  householdText: string;
  roles: { role: Role; label: string }[];
  workbenches: { title: string; description: string; url: string }[];
}

/** Pure: what 我的 shows for a profile. */
export function toProfileView(profile: MyProfile): ProfileView {
  const held = ROLE_ORDER.filter((role) => profile.roles.includes(role));
  const households = profile.households.length;
  return {
    headline: held.length > 0 ? ROLE_LABELS[held[0]] : '尚未登记',
    householdText: households > 0 ? `已绑定 ${households} 户房屋` : '还没有绑定房屋，登记后可使用打卡、订单等服务',
    roles: held.map((role) => ({ role, label: ROLE_LABELS[role] })),
    workbenches: WORKBENCHES.filter((w) => held.includes(w.role)).map(({ title, description, url }) => ({ title, description, url })),
  };
}
