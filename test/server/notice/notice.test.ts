/** The notice's pure rules: who it reaches, expiry, excerpts, paging order and cursors, the chasers it makes. */
import { chaserTasks } from '../../../server/notice/chasers';
import {
  checkExpiry,
  compareNotices,
  coveredHouseholds,
  decodeCursor,
  encodeCursor,
  excerpt,
  keysOfHouseholds,
  NEVER,
  type Notice,
} from '../../../server/notice/notice';

const NOW = new Date('2026-11-22T10:00:00+08:00');
const link = (householdId: string, buildingId = 'b3', gridId = 'g1', communityId = 'c1') => ({
  householdId,
  buildingId,
  gridId,
  communityId,
});

function notice(p: Partial<Notice> = {}): Notice {
  return {
    _id: 'n1',
    communityId: 'c1',
    title: '核酸检测通知',
    body: '明天上午 8 点在楼下做核酸',
    category: '核酸',
    scope: { kind: 'buildings', label: '3–5号楼' },
    audience: ['building:b3', 'building:b4', 'building:b5'],
    buildingIds: ['b3', 'b4', 'b5'],
    gridIds: ['g1'],
    reach: [
      { buildingId: 'b3', gridId: 'g1', buildingName: '3号楼', households: 4 },
      { buildingId: 'b4', gridId: 'g1', buildingName: '4号楼', households: 2 },
      { buildingId: 'b5', gridId: 'g1', buildingName: '5号楼', households: 0 },
    ],
    householdCount: 6,
    pinRank: 0,
    requiresAck: true,
    liveUntil: NEVER,
    status: 'published',
    authorOpenid: 'o-grid',
    authorName: '网格员 刘芳',
    publishedAt: NOW,
    ...p,
  };
}

describe('who a notice reaches', () => {
  it('answers to the community, grid, building and household keys of the caller’s homes', () => {
    expect(keysOfHouseholds([link('h1'), link('h2', 'b4')]).sort()).toEqual(
      ['community:c1', 'grid:g1', 'building:b3', 'household:h1', 'building:b4', 'household:h2'].sort(),
    );
  });

  it('covers the caller’s households whose building, grid, community or own key it names', () => {
    const homes = [link('h1', 'b3'), link('h9', 'b9')];
    expect(coveredHouseholds(notice(), homes).map((h) => h.householdId)).toEqual(['h1']);
    expect(coveredHouseholds(notice({ audience: ['community:c1'] }), homes)).toHaveLength(2);
    expect(coveredHouseholds(notice({ audience: ['household:h9'] }), homes).map((h) => h.householdId)).toEqual(['h9']);
    expect(coveredHouseholds(notice({ audience: ['community:c2'] }), homes)).toEqual([]);
  });
});

describe('expiry', () => {
  it('may be left out, must be in the future, and at most 90 days away', () => {
    expect(checkExpiry(undefined, NOW)).toBeUndefined();
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    expect(checkExpiry(tomorrow, NOW)).toBe(tomorrow);
    expect(() => checkExpiry(new Date(NOW.getTime() - 1), NOW)).toThrow(expect.objectContaining({ code: 'NOTICE.EXPIRY_PAST' }));
    expect(() => checkExpiry(NOW, NOW)).toThrow(
      expect.objectContaining({ code: 'NOTICE.EXPIRY_PAST', message: expect.stringContaining('已经过去') }),
    );
    expect(() => checkExpiry(new Date(NOW.getTime() + 91 * 86_400_000), NOW)).toThrow(
      expect.objectContaining({ code: 'NOTICE.EXPIRY_TOO_FAR' }),
    );
  });
});

describe('lists', () => {
  it('shows the first non-empty line, cut with … when long', () => {
    expect(excerpt('\n\n  明天停水  \n第二行')).toBe('明天停水');
    expect(excerpt('长'.repeat(80))).toBe(`${'长'.repeat(59)}…`);
  });

  it('orders pinned first, then newest, and the cursor round-trips', () => {
    const a = notice({ _id: 'a', pinRank: 0, publishedAt: new Date(NOW.getTime() + 1000) });
    const b = notice({ _id: 'b', pinRank: 1, publishedAt: NOW });
    const c = notice({ _id: 'c', pinRank: 0, publishedAt: NOW });
    expect([a, c, b].sort(compareNotices).map((n) => n._id)).toEqual(['b', 'a', 'c']);
    expect(decodeCursor(encodeCursor(b))).toEqual({ pinRank: 1, publishedAt: NOW.getTime(), id: 'b' });
    expect(() => decodeCursor('x.y')).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }));
  });
});

describe('unread chasers', () => {
  it('makes one item per building with households, for its 楼道长, only when acknowledgement is asked', () => {
    const tasks = chaserTasks(notice());
    expect(tasks.map((t) => [t.buildingId, t.kind, t.seenBy, t.subject])).toEqual([
      ['b3', 'notice.unread', ['buildingLeader:b3'], { noticeId: 'n1' }],
      ['b4', 'notice.unread', ['buildingLeader:b4'], { noticeId: 'n1' }],
    ]);
    expect(tasks[1]).toMatchObject({
      title: '通知待确认：核酸检测通知',
      detail: expect.stringContaining('4号楼 2 户'),
      priority: 4,
      status: 'open',
    });
    // Deterministic ids: publishing code that runs twice creates them once.
    expect(chaserTasks(notice()).map((t) => t._id)).toEqual(tasks.map((t) => t._id));
    expect(chaserTasks(notice({ requiresAck: false }))).toEqual([]);
  });
});
