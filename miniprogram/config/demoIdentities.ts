/**
 * Demo identities for local mode — an emulator-only concept: in CloudBase the caller is always the real WeChat
 * user. `npm start` seeds the demo community 吉星新苑 (emulator/seed/demoCommunity.ts) and gives these openids
 * their households and roles; 我的 lets a developer switch between them to see the app as each kind of user.
 */
export interface DemoIdentity {
  openid: string;
  /** Shown in the picker: who this is in the demo community. */
  label: string;
  /** What signing in as this identity is for. */
  description: string;
}

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { openid: 'demo-resident', label: '居民 王秀英', description: '住 3-1-301：我的房屋、添加家人、查看我的数据' },
  { openid: 'demo-proxy', label: '子女代办 李娜', description: '在外地，代父母管理 3-2-502' },
  { openid: 'demo-leader', label: '楼道长 张建国', description: '3号楼：楼栋一览、确认绑定、标记未联系上' },
  { openid: 'demo-volunteer', label: '志愿者 陈志强', description: '3号楼、4号楼：配送物资、处理求助' },
  { openid: 'demo-grid', label: '网格员 刘芳', description: '第一网格：任命楼道长和志愿者、看网格' },
  { openid: 'demo-admin', label: '社区管理员 赵敏', description: '吉星新苑：导入结构、管理网格、任命网格员' },
  { openid: 'demo-newcomer', label: '新住户 孙磊', description: '已申请绑定 3-1-602，等楼道长确认' },
];

export const DEFAULT_DEMO_OPENID = DEMO_IDENTITIES[0].openid;
