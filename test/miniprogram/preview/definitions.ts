/**
 * What the preview shows of each page: who looks at it (a demo openid), which query it opens with, and its states.
 * Every page of miniprogram/app.json needs an entry here — pages.test.ts fails for a page without one (see README).
 *
 * A state renders the page with the demo cloud answering, except where `backend` says otherwise:
 * - 'empty'   every list in every answer emptied (what a page looks like with nothing in it yet);
 * - 'offline' no network (the error state, with its retry);
 * - a function plays some actions itself on the FakeWx (the others still go to the demo cloud).
 * `prepare` changes the demo cloud before the shot (calls as any demo identity); `act` taps and types after the page
 * settled (a filled-in form, a submit). States are shot in the order written, pages in app.json's order, on one
 * cloud: what an earlier state does, later pages see (王秀英's fever check-in, submitted through the check-in page,
 * shows up on the 楼道长's and 网格员's boards and to-do lists).
 */
import type { FakeWx, Rendered } from '../harness/render';
import type { DemoCloud } from './demoCloud';

type Query = Record<string, string>;
type Ctx = { cloud: DemoCloud; ids: DemoIds };

export interface StateDefinition {
  /** The demo openid for this state (default: the page's). */
  role?: string;
  /** Stored active role (the role switcher in 我的) for people with several. */
  activeRole?: string;
  query?: (ctx: Ctx) => Query | Promise<Query>;
  backend?: 'empty' | 'offline' | ((wx: FakeWx, ctx: Ctx) => void);
  prepare?: (ctx: Ctx) => Promise<void>;
  act?: (page: Rendered, ctx: Ctx) => Promise<void>;
  /** The error view is what this state is about (a refusal, say); without it, an error view is a problem. */
  showsError?: boolean;
  /** One line for the gallery: what this shot shows. */
  note?: string;
}

export interface PageDefinition {
  role: string;
  query?: (ctx: Ctx) => Query | Promise<Query>;
  states: Record<string, StateDefinition>;
}

/** The demo community's ids the pages open with, looked up once from the demo cloud. */
export interface DemoIds {
  communityId: string;
  communityName: string;
  gridId: string;
  gridName: string;
  /** 3号楼 (张建国's building). */
  buildingId: string;
  /** 3-1-301, 王秀英's home (under 居家隔离). */
  householdId: string;
  /** 王秀英. */
  residentId: string;
}

interface Profile {
  households: { householdId: string; buildingId: string; communityId: string; communityName: string }[];
  grants: { gridId?: string; gridName?: string }[];
}

export async function lookUpDemoIds(cloud: DemoCloud): Promise<DemoIds> {
  const resident = await cloud.must<Profile>('demo-resident', 'community', 'me.get', {});
  const grid = await cloud.must<Profile>('demo-grid', 'community', 'me.get', {});
  const isolations = await cloud.must<{ residentId: string; name: string }[]>('demo-resident', 'health', 'isolation.mine', {});
  const home = resident.households[0];
  const me = isolations.find((i) => i.name === '王秀英') ?? isolations[0];
  if (!home || !me || !grid.grants[0]?.gridId) throw new Error('the demo community is not what the preview expects (王秀英 at 3-1-301, 刘芳 with a grid)');
  return {
    communityId: home.communityId,
    communityName: home.communityName,
    gridId: grid.grants[0].gridId,
    gridName: grid.grants[0].gridName ?? '',
    buildingId: home.buildingId,
    householdId: home.householdId,
    residentId: me.residentId,
  };
}

const EMPTY: StateDefinition = { backend: 'empty', note: '还没有内容时' };
const ERROR: StateDefinition = { backend: 'offline', note: '没有网络时：错误提示和重试' };

/** The states most pages have: the demo data, nothing yet, no network. */
function standard(role: string, query?: PageDefinition['query'], more: Record<string, StateDefinition> = {}): PageDefinition {
  return { role, query, states: { loaded: { note: '演示社区的数据' }, ...more, empty: EMPTY, error: ERROR } };
}

/** A form or a page without a list: the demo data and no network. */
function form(role: string, query?: PageDefinition['query'], more: Record<string, StateDefinition> = {}): PageDefinition {
  return { role, query, states: { loaded: { note: '演示社区的数据' }, ...more, error: ERROR } };
}

const household = ({ ids }: Ctx): Query => ({ householdId: ids.householdId });
const building = ({ ids }: Ctx): Query => ({ buildingId: ids.buildingId });
const community = ({ ids }: Ctx): Query => ({ communityId: ids.communityId, communityName: ids.communityName });
const grid = ({ ids }: Ctx): Query => ({ communityId: ids.communityId, gridId: ids.gridId, gridName: ids.gridName });

/** 王秀英 picks 38.6 °C in the temperature picker and ticks 咳嗽, as the picker and the checkboxes report them. */
async function pickFever(page: Rendered): Promise<void> {
  page.instance.onTemperaturePicked({ detail: { value: ['38.6'] } });
  page.instance.onSymptomsChange({ detail: { value: ['cough'] } });
}

/** …and submits: the answer is abnormal, and every board and to-do list after this shows the alert. */
async function submitFever(page: Rendered): Promise<void> {
  await pickFever(page);
  await page.tap('.checkin-submit >>> .t-button');
}

/** 王秀英's open 买药 request (the demo's newest). */
async function firstHelpRequest({ cloud }: Ctx): Promise<Query> {
  const mine = await cloud.must<{ items: { helpRequestId: string }[] }>('demo-resident', 'help', 'help.mine', {});
  return { helpRequestId: mine.items[0].helpRequestId };
}

/** The demo's pinned 核酸 notice, which asks for 确认收到. */
async function firstNotice({ cloud }: Ctx): Promise<Query> {
  const mine = await cloud.must<{ items: { noticeId: string }[] }>('demo-resident', 'notice', 'notice.listMine', {});
  return { noticeId: mine.items[0].noticeId };
}

/** Building 3's first batch (cut off, bought, partly delivered): its purchase list has the milk rounded up to boxes. */
async function firstBatch({ cloud, ids }: Ctx): Promise<Query> {
  const page = await cloud.must<{ items: { batchId: string; no: number }[] }>('demo-leader', 'supply', 'batch.list', { buildingId: ids.buildingId });
  return { batchId: (page.items.find((b) => b.no === 1) ?? page.items[0]).batchId };
}

export const PAGES: Record<string, PageDefinition> = {
  'pages/home/index': standard('demo-resident', undefined, {
    leader: { role: 'demo-leader', note: '楼道长的首页' },
  }),
  'pages/notices/index': standard('demo-resident', undefined, { grid: { role: 'demo-grid', note: '网格员：通知管理入口' } }),
  'pages/notice-detail/index': form('demo-resident', firstNotice),
  'pages/me/index': {
    role: 'demo-resident',
    states: {
      loaded: { note: '居民' },
      leader: { role: 'demo-leader', note: '楼道长：工作台入口' },
      grid: { role: 'demo-grid', note: '网格员' },
      newcomer: { role: 'demo-newcomer', note: '等待确认绑定的新住户' },
      error: ERROR,
    },
  },
  'pages/binding/index': form('demo-newcomer'),
  'pages/household/index': form('demo-resident', household),
  'pages/household-data/index': form('demo-resident', household),
  'pages/member-add/index': form('demo-resident', household),
  'pages/role-accept/index': form('demo-newcomer'),
  'pages/check-in/index': {
    role: 'demo-resident',
    states: {
      form: { note: '下午的打卡表单' },
      fever: { act: pickFever, note: '选了 38.6 °C 和咳嗽，还没提交：提示会通知楼道长和社区医生' },
      abnormal: { act: submitFever, note: '提交 38.6 °C、咳嗽：异常，已通知楼道长和网格员' },
      behalf: {
        role: 'demo-leader',
        query: ({ ids }) => ({ behalf: '1', residentId: ids.residentId, name: '王秀英', label: '3-1-301' }),
        note: '楼道长代为打卡',
      },
      'not-isolated': { role: 'demo-proxy', backend: 'empty', note: '家里没有人在隔离' },
      error: ERROR,
    },
  },
  'pages/check-in-history/index': form('demo-resident', ({ ids }) => ({ residentId: ids.residentId })),
  'pages/tasks/index': standard('demo-leader', undefined, { grid: { role: 'demo-grid', note: '网格员的待办' } }),
  'pages/help/index': form('demo-resident', undefined, {
    behalf: { role: 'demo-leader', query: ({ ids }) => ({ householdId: ids.householdId, label: '3-1-301' }), note: '楼道长代为求助' },
  }),
  'pages/help-mine/index': standard('demo-resident'),
  'pages/help-detail/index': form('demo-resident', firstHelpRequest, { leader: { role: 'demo-leader', note: '楼道长：电话、接单' } }),

  'packages/leader/pages/buildings/index': standard('demo-leader', undefined, {
    volunteer: { role: 'demo-volunteer', query: () => ({ mode: 'volunteer' }), note: '志愿者的楼栋' },
  }),
  'packages/leader/pages/board/index': standard('demo-leader', building),
  'packages/leader/pages/household/index': form('demo-leader', household),
  'packages/leader/pages/pending/index': standard('demo-leader', building),
  'packages/leader/pages/check-ins/index': standard('demo-leader', building),
  'packages/leader/pages/notices/index': standard('demo-leader', undefined, { grid: { role: 'demo-grid', note: '网格员' } }),
  'packages/leader/pages/notice-receipts/index': form('demo-leader', firstNotice, { grid: { role: 'demo-grid', note: '网格员：各楼情况' } }),
  'packages/leader/pages/batches/index': standard('demo-leader', building, { volunteer: { role: 'demo-volunteer', note: '志愿者' } }),
  'packages/leader/pages/unpaid/index': standard('demo-leader', building),
  'packages/leader/pages/batch/index': form('demo-leader', firstBatch, {
    delivery: { query: async (ctx) => ({ ...(await firstBatch(ctx)), tab: 'delivery' }), note: '配送清单：逐户送达打勾、记收款' },
  }),

  'packages/supply/pages/shop/index': form('demo-resident', undefined, {
    behalf: {
      role: 'demo-leader',
      query: ({ ids }) => ({ householdId: ids.householdId, communityId: ids.communityId, label: '3-1-301' }),
      note: '楼道长电话后代为下单',
    },
  }),
  'packages/supply/pages/orders/index': standard('demo-resident', undefined, { proxy: { role: 'demo-proxy', note: '子女代办：父母的订单' } }),

  'packages/grid/pages/board/index': standard('demo-grid', grid),
  'packages/grid/pages/appoint/index': form('demo-grid', grid, {
    admin: { role: 'demo-admin', query: (ctx) => ({ ...grid(ctx), role: 'gridWorker' }), note: '社区管理员任命网格员' },
  }),
  'packages/grid/pages/assignments/index': standard('demo-grid', grid),
  'packages/grid/pages/check-ins/index': standard('demo-grid', ({ ids }) => ({ gridId: ids.gridId })),
  'packages/grid/pages/notice-publish/index': form('demo-grid', undefined, { leader: { role: 'demo-leader', note: '楼道长：只能发本楼' } }),

  'packages/admin/pages/overview/index': form('demo-admin', community),
  'packages/admin/pages/import/index': form('demo-admin', community),
  'packages/admin/pages/grids/index': standard('demo-admin', community),
  'packages/admin/pages/help-settings/index': form('demo-admin', community),
  'packages/admin/pages/catalog/index': form('demo-admin', community),
  'packages/admin/pages/grid-edit/index': form('demo-admin', ({ ids }) => ({ communityId: ids.communityId, gridId: ids.gridId })),
};

/** Every page of app.json (main package, then each subpackage), as its path from the mini program root. */
export function pagesOfApp(appJson: { pages: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] }): string[] {
  const subs = appJson.subPackages ?? appJson.subpackages ?? [];
  return [...appJson.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`))];
}

/** The name of a shot's files: pages/home/index + loaded → home.loaded; packages/leader/pages/board/index → leader-board. */
export function shotName(pagePath: string, state: string): string {
  const parts = pagePath.split('/').filter((p) => p !== 'pages' && p !== 'packages' && p !== 'index');
  return `${parts.join('-')}.${state}`;
}
