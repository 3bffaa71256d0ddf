/**
 * The demo community's 通知: the grid worker's pinned 核酸 notice to the whole grid asking for 确认收到 (part of
 * 3号楼 has read and acknowledged it, the demo resident has not: her tab shows the badge, the 楼道长 has 「还有 N 户未确认」
 * to chase), the 楼道长's 停水 notice to 3号楼, and the admin's 物资 notice the demo resident has already read.
 * Built with the notice and receipt domain functions, so it has exactly the shape published data has.
 */
import type { BuildingRecord, GridRecord } from '../../server/community/records';
import type { Household } from '../../server/household/household';
import { stableId } from '../../server/household/household';
import { chaserTasks } from '../../server/notice/chasers';
import { audienceKey, NEVER, type BuildingReach, type Notice } from '../../server/notice/notice';
import { newReceipt, type Receipt } from '../../server/receipt/receipt';
import type { Task } from '../../server/tasks/task';

export interface NoticeDemo {
  notices: Notice[];
  receipts: Receipt[];
  tasks: Task[];
}

export function demoNotices(now: Date, grid: GridRecord, buildings: BuildingRecord[], households: Household[]): NoticeDemo {
  const communityId = grid.communityId;
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
  const reachOf = (bs: BuildingRecord[]): BuildingReach[] =>
    bs.map((b) => ({
      buildingId: b._id,
      gridId: b.gridId,
      buildingName: b.name,
      households: households.filter((h) => h.buildingId === b._id).length,
    }));
  const base = (
    p: Pick<Notice, 'title' | 'body' | 'category' | 'scope' | 'audience' | 'authorOpenid' | 'authorName' | 'publishedAt'> & {
      buildings: BuildingRecord[];
    },
  ): Notice => {
    const reach = reachOf(p.buildings);
    const { buildings: _ignored, ...rest } = p;
    return {
      _id: stableId('notice', p.authorOpenid, 'seed', p.title),
      communityId,
      ...rest,
      buildingIds: reach.map((r) => r.buildingId),
      gridIds: [grid._id],
      reach,
      householdCount: reach.reduce((n, r) => n + r.households, 0),
      pinRank: 0,
      requiresAck: false,
      liveUntil: NEVER,
      status: 'published',
    };
  };
  const b3 = buildings.filter((b) => b.number === '3');
  const testing: Notice = {
    ...base({
      title: '明天（周一）全员核酸检测',
      body: '明天上午 7:30–11:00 在各楼楼下分单元做核酸，请带好身份证或健康码，保持两米间距。\n居家隔离的住户请在家等候，医护人员上门采样。\n看到后请点「确认收到」，楼道长会电话联系没确认的住户。',
      category: '核酸',
      scope: { kind: 'grid', label: grid.name },
      audience: [audienceKey.grid(grid._id)],
      authorOpenid: 'demo-grid',
      authorName: '网格员 刘芳',
      publishedAt: hoursAgo(2),
      buildings,
    }),
    pinRank: 1,
    requiresAck: true,
    expiresAt: new Date(now.getTime() + 24 * 3600_000),
    liveUntil: new Date(now.getTime() + 24 * 3600_000),
  };
  const water = base({
    title: '3号楼明早停水检修',
    body: '明早 8:00–10:00 3号楼二次供水检修，停水两小时，请提前储水。',
    category: '生活',
    scope: { kind: 'buildings', label: '3号楼' },
    audience: b3.map((b) => audienceKey.building(b._id)),
    authorOpenid: 'demo-leader',
    authorName: '楼道长 张建国',
    publishedAt: hoursAgo(5),
    buildings: b3,
  });
  const vegetables = base({
    title: '社区蔬菜包今日下午发放',
    body: '今天 15:00 起由志愿者送到各户门口，隔离户无需下楼。每户一份，含青菜、土豆、鸡蛋。',
    category: '物资',
    scope: { kind: 'community', label: '全社区' },
    audience: [audienceKey.community(communityId)],
    authorOpenid: 'demo-admin',
    authorName: '社区管理员 赵敏',
    publishedAt: hoursAgo(26),
    buildings,
  });

  // Part of 3号楼 (the unit-1 households below the demo resident's floor) has read and acknowledged the 核酸 notice.
  const of = (h: Household) => ({ noticeId: testing._id, communityId, gridId: h.gridId, buildingId: h.buildingId, householdId: h._id });
  const early = households.filter((h) => h.label.startsWith('3-1-') && h.floor <= 2);
  const receipts: Receipt[] = [
    ...early.map((h, i) => newReceipt(of(h), `seed-${h._id}`, hoursAgo(1.5), i % 3 === 2 ? undefined : { method: 'self' })),
    ...households
      .filter((h) => h.label === '3-1-301')
      .map((h) => newReceipt({ ...of(h), noticeId: vegetables._id }, 'demo-resident', hoursAgo(20))),
  ];
  return { notices: [testing, water, vegetables], receipts, tasks: chaserTasks(testing) };
}
