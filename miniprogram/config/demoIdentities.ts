/**
 * Demo identities for local mode — an emulator-only concept: in CloudBase the caller is always the real WeChat
 * user. The local emulator's demo data gives these openids their households and roles; 我的 lets a developer
 * switch between them to see the app as each kind of user.
 */
export interface DemoIdentity {
  openid: string;
  /** Shown in the picker. */
  label: string;
  /** What signing in as this identity is for. */
  description: string;
}

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { openid: 'demo-resident', label: '演示居民', description: '查看居民能看到的内容' },
  { openid: 'demo-leader', label: '演示楼道长', description: '查看楼道长的楼栋和待办' },
  { openid: 'demo-grid', label: '演示网格员', description: '查看网格看板' },
  { openid: 'demo-admin', label: '演示社区管理员', description: '查看社区管理' },
];

export const DEFAULT_DEMO_OPENID = DEMO_IDENTITIES[0].openid;
