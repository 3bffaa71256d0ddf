import type { MyProfile, Role } from '../services/profile';

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  buildingLeader: '楼道长',
  gridWorker: '网格员',
  communityAdmin: '社区管理员',
  volunteer: '志愿者',
};

/** Staff roles and the first page of their workbench (in their subpackage). */
const WORKBENCHES: { role: Role; title: string; description: string; url: string }[] = [
  { role: 'buildingLeader', title: '我的楼栋', description: '楼栋住户、打卡和订单', url: '/packages/leader/pages/buildings/index' },
  { role: 'gridWorker', title: '网格看板', description: '网格内住户和风险情况', url: '/packages/grid/pages/board/index' },
  { role: 'communityAdmin', title: '社区管理', description: '楼栋、网格和人员', url: '/packages/admin/pages/overview/index' },
];

export interface ProfileView {
  name: string;
  /** One character for the avatar. */
  initial: string;
  communityText: string;
  roles: { role: Role; label: string }[];
  workbenches: { title: string; description: string; url: string }[];
}

/** Pure: what 我的 shows for a profile. */
export function toProfileView(profile: MyProfile): ProfileView {
  const name = profile.name.trim() || '未登记姓名';
  const roles = profile.roles.filter((role) => role in ROLE_LABELS);
  return {
    name,
    initial: name.charAt(0),
    communityText: profile.communityName ?? '尚未加入社区',
    roles: roles.map((role) => ({ role, label: ROLE_LABELS[role] })),
    workbenches: WORKBENCHES.filter((w) => roles.includes(w.role)).map(({ title, description, url }) => ({
      title,
      description,
      url,
    })),
  };
}
