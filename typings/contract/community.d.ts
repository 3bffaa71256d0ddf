/** The `community` cloud function: the registry of grids, buildings and households, roles and bindings. */
import type { HealthDataExport } from './health';

export type Role = 'communityAdmin' | 'gridWorker' | 'buildingLeader' | 'volunteer' | 'resident';
export type StaffRole = Exclude<Role, 'resident'>;

/** Derived from the ledgers, never set by hand (DESIGN.md). */
export type RiskColour = 'red' | 'orange' | 'yellow' | 'blue' | 'green';

/** A list page: 20 on screen, `nextCursor` null when there is no more. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// ── Who I am ─────────────────────────────────────────────────────────────────────────────────────────

export interface RoleSummary {
  assignmentId: string;
  role: StaffRole;
  communityId: string;
  communityName: string;
  /** For a grid worker: the grid. */
  gridId?: string;
  gridName?: string;
  /** For a 楼道长 or volunteer: the buildings. */
  buildings?: { buildingId: string; name: string }[];
}

export interface HouseholdSummary {
  householdId: string;
  communityId: string;
  communityName: string;
  buildingId: string;
  /** 3-2-301 */
  label: string;
  /** member: lives there; proxy: acts for it from elsewhere (a child of elderly parents). */
  kind: 'member' | 'proxy';
  riskColour: RiskColour;
}

export interface BindingSummary {
  bindingId: string;
  householdId: string;
  label: string;
  communityName: string;
  kind: 'member' | 'proxy';
  status: 'pending' | 'confirmed' | 'rejected' | 'cancelled';
  /** Why a 楼道长 rejected it. */
  reason?: string;
  createdAt: string;
}

export interface MyProfile {
  /** Every role the user holds; `resident` when linked to a household. The role switcher offers these. */
  roles: Role[];
  grants: RoleSummary[];
  households: HouseholdSummary[];
  /** Binding requests still waiting, or answered in the last 7 days. */
  bindings: BindingSummary[];
}

// ── Directory: what a resident picks from when binding (no personal data) ─────────────────────────

export interface CommunityEntry {
  communityId: string;
  name: string;
  address: string;
}

export interface BuildingEntry {
  buildingId: string;
  /** 3号楼 */
  name: string;
}

export interface UnitEntry {
  unit: string;
  rooms: { householdId: string; room: string; floor: number }[];
}

// ── Households ─────────────────────────────────────────────────────────────────────────────────────

export type Relation = '本人' | '配偶' | '子女' | '父母' | '祖父母' | '孙辈' | '兄弟姐妹' | '租户' | '其他';

export interface MemberView {
  residentId: string;
  name: string;
  relation: Relation;
  /** Full only for the person themself, their building's 楼道长, their grid worker and the admin; masked (138****1234) otherwise. */
  phone: string;
  phoneMasked: boolean;
  /** Has their own WeChat linked (otherwise someone acts for them). */
  hasWeChat: boolean;
}

export interface HouseholdEventView {
  at: string;
  kind: 'registered' | 'memberAdded' | 'memberRemoved' | 'bindingConfirmed' | 'bindingRejected' | 'unbound' | 'unreachable' | 'reachable';
  /** 楼道长 张三 */
  by: string;
  note?: string;
}

export interface HouseholdView {
  householdId: string;
  communityId: string;
  label: string;
  buildingName: string;
  unit: string;
  floor: number;
  room: string;
  riskColour: RiskColour;
  reachable: boolean;
  /** Why unreachable: 敲门无人应答，已贴蓝色「平安」贴. */
  reachabilityNote?: string;
  members: MemberView[];
  /** Proxies: people acting for the household from elsewhere (names only). */
  proxies: { name: string; relation: Relation }[];
  history: HouseholdEventView[];
}

/** Everything kept about a household, for the resident (PIPL: the right to see one's data). */
export interface HouseholdDataExport {
  household: HouseholdView;
  bindings: BindingSummary[];
  /** Isolations and check-ins of the household's members. */
  health: HealthDataExport;
  exportedAt: string;
}

// ── Staff views ────────────────────────────────────────────────────────────────────────────────────

export interface BoardRoom {
  householdId: string;
  room: string;
  riskColour: RiskColour;
  reachable: boolean;
  memberCount: number;
  pendingBindings: number;
}

/** 楼道长's building at a glance: units × floors × rooms, top floor first. */
export interface BuildingBoard {
  buildingId: string;
  communityId: string;
  name: string;
  units: { unit: string; floors: { floor: number; rooms: BoardRoom[] }[] }[];
  counts: { households: number; residents: number; unreachable: number; pendingBindings: number } & Record<RiskColour, number>;
}

export interface PendingBinding {
  bindingId: string;
  householdId: string;
  label: string;
  name: string;
  relation: Relation;
  /** Shown in full: the 楼道长 must be able to call back to check. */
  phone: string;
  kind: 'member' | 'proxy';
  createdAt: string;
}

export interface MyBuilding {
  buildingId: string;
  communityId: string;
  name: string;
  gridName: string;
  households: number;
  pendingBindings: number;
  unreachable: number;
}

export interface GridView {
  gridId: string;
  name: string;
  buildings: { buildingId: string; name: string }[];
  workers: { name: string; assignmentId: string }[];
}

export interface AssignmentView {
  assignmentId: string;
  role: StaffRole;
  name: string;
  phone: string;
  status: 'invited' | 'active' | 'revoked';
  /** Grid or buildings covered, in words: 第一网格 / 3号楼、4号楼. */
  scope: string;
  /** While invited: the code the appointee enters in 我的 → 接受任命. */
  inviteCode?: string;
  inviteExpiresAt?: string;
  appointedBy: string;
  at: string;
}

// ── Import ─────────────────────────────────────────────────────────────────────────────────────────

export interface ImportProblem {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  message: string;
}

export interface ImportReport {
  importId: string;
  status: 'reading' | 'failed' | 'done';
  /**
   * For a progress bar: records written so far / records to write (grids, buildings, households, residents).
   * While the file is being read both are 0; when rows are refused, both are the number of rows read.
   */
  processed: number;
  total: number;
  problems: ImportProblem[];
  /** What the import changed; zero everywhere when the same file is imported again. */
  created: { grids: number; buildings: number; households: number; residents: number };
  unchanged: number;
}

// ── The function ───────────────────────────────────────────────────────────────────────────────────

type None = Record<string, never>;

export interface CommunityApi {
  /** 我的：当前微信用户的角色、房屋与绑定申请。 */
  'me.get': { input: None; output: MyProfile };

  /** 选择社区（绑定房屋的第一步）。 */
  'directory.communities': { input: { keyword?: string }; output: CommunityEntry[] };
  /** 某社区的楼栋（不含任何个人信息）。 */
  'directory.buildings': { input: { communityId: string }; output: BuildingEntry[] };
  /** 某楼栋的单元与房号（不含任何个人信息）。 */
  'directory.rooms': { input: { buildingId: string }; output: UnitEntry[] };

  /** 居民申请绑定房屋（本人住在这里，或作为子女代办），由楼道长确认。 */
  'binding.request': {
    input: { householdId: string; name: string; relation: Relation; phone: string; kind: 'member' | 'proxy' };
    output: BindingSummary;
  };
  /** 撤回自己的待审核申请。 */
  'binding.cancel': { input: { bindingId: string }; output: BindingSummary };
  /** 楼道长：本楼待确认的绑定申请。 */
  'binding.pending': { input: { buildingId: string }; output: PendingBinding[] };
  /** 楼道长：确认或驳回。 */
  'binding.review': { input: { bindingId: string; decision: 'confirm' | 'reject'; reason?: string }; output: BindingSummary };

  /** 房屋详情：成员、状态、记录。手机号按身份脱敏。 */
  'household.get': { input: { householdId: string }; output: HouseholdView };
  /** 为没有智能手机的家人（老人）登记，或楼道长代为登记。 */
  'household.addMember': { input: { householdId: string; name: string; relation: Relation; phone?: string }; output: HouseholdView };
  'household.removeMember': { input: { householdId: string; residentId: string }; output: HouseholdView };
  /** 楼道长：标记敲门无人应答（贴蓝色「平安」贴）或恢复联系。 */
  'household.setReachability': { input: { householdId: string; reachable: boolean; note?: string }; output: HouseholdView };
  /** 居民：查看关于本户保存的全部数据。 */
  'household.myData': { input: { householdId: string }; output: HouseholdDataExport };
  /** 居民：解除绑定，本人的个人信息随之删除。 */
  'household.unbind': { input: { householdId: string }; output: { householdId: string; removedResidents: number } };

  /** 楼道长：我负责的楼栋。 */
  'building.listMine': { input: None; output: MyBuilding[] };
  /** 楼道长：楼栋一览（单元 × 楼层 × 房间，按状态着色）。 */
  'building.board': { input: { buildingId: string }; output: BuildingBoard };

  /** 管理员：网格列表。 */
  'grid.list': { input: { communityId: string }; output: GridView[] };
  /** 管理员：新建或修改网格（名称与所含楼栋）。 */
  'grid.save': { input: { communityId: string; gridId?: string; name: string; buildingIds: string[] }; output: GridView };

  /** 管理员任命网格员；网格员任命楼道长、志愿者。生成任命码，被任命人在「我的」中输入后生效。 */
  'role.appoint': {
    input: { communityId: string; role: StaffRole; name: string; phone: string; gridId?: string; buildingIds?: string[] };
    output: AssignmentView;
  };
  /** 被任命人输入任命码，接受任命。 */
  'role.accept': { input: { inviteCode: string }; output: RoleSummary };
  /** 撤销任命：下一次操作起即失效。 */
  'role.revoke': { input: { assignmentId: string }; output: AssignmentView };
  /** 任命记录（管理员看全社区；网格员看本网格）。 */
  'role.list': { input: { communityId: string; gridId?: string }; output: AssignmentView[] };

  /** 管理员：导入社区结构表（.xlsx / .csv，云存储 fileID）。有任何一行读不了就一行都不写。 */
  'structure.import': { input: { communityId: string; fileID: string }; output: ImportReport };
  /** 导入进度（导入进行时另行轮询）。 */
  'structure.importStatus': { input: { importId: string }; output: ImportReport };
}
