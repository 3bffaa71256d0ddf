import { canSee, compareTasks, completeTask, decodeCursor, encodeCursor, keysOf, makeTask, taskView } from '../../../server/tasks/task';
import type { Actor } from '../../../server/policy/roles';

const at = new Date('2026-11-22T21:00:00+08:00');
const task = (id: string, kind: 'checkIn.missed' | 'checkIn.abnormal' = 'checkIn.missed', createdAt = at) =>
  makeTask({
    _id: id,
    communityId: 'c',
    gridId: 'g',
    buildingId: 'b3',
    kind,
    audience: [{ role: 'buildingLeader', scopeId: 'b3' }],
    recipients: ['o-vol'],
    title: 't',
    detail: 'd',
    subject: {},
    createdAt,
  });

describe('to-do items, seen by scope', () => {
  it('flattens audience and named recipients into keys', () => {
    expect(task('t1').seenBy).toEqual(['buildingLeader:b3', 'openid:o-vol']);
  });

  it('an actor’s keys come from every grant and their own openid', () => {
    const actor: Actor = {
      openid: 'o-x',
      grants: [
        { role: 'communityAdmin', communityId: 'c' },
        { role: 'gridWorker', communityId: 'c', gridId: 'g' },
        { role: 'buildingLeader', communityId: 'c', buildingIds: ['b3', 'b4'] },
      ],
      households: [],
    };
    expect(keysOf(actor)).toEqual(['communityAdmin:c', 'gridWorker:g', 'buildingLeader:b3', 'buildingLeader:b4', 'openid:o-x']);
    expect(keysOf({ openid: 'o-r', grants: [], households: [] })).toEqual(['openid:o-r']);
  });

  it('a newly appointed 楼道长 of the building sees what is open there; the 楼道长 of another building does not', () => {
    const newLeader: Actor = {
      openid: 'o-new',
      grants: [{ role: 'buildingLeader', communityId: 'c', buildingIds: ['b3'] }],
      households: [],
    };
    const otherLeader: Actor = {
      openid: 'o-other',
      grants: [{ role: 'buildingLeader', communityId: 'c', buildingIds: ['b9'] }],
      households: [],
    };
    expect(canSee(task('t1'), keysOf(newLeader))).toBe(true);
    expect(canSee(task('t1'), keysOf(otherLeader))).toBe(false);
    expect(canSee(task('t1'), keysOf({ openid: 'o-vol', grants: [], households: [] }))).toBe(true);
  });

  it('is done once; doing it again changes nothing', () => {
    const done = completeTask(task('t1'), { openid: 'o-l', name: '楼道长 张' }, at, '已电话确认');
    expect(taskView(done)).toMatchObject({ status: 'done', doneBy: '楼道长 张', doneNote: '已电话确认', doneAt: at.toISOString() });
    expect(completeTask(done, { openid: 'o-g', name: '网格员 刘' }, new Date())).toBe(done);
  });

  it('orders most urgent first, then oldest, and pages by a cursor that survives items being done', () => {
    const a = task('a', 'checkIn.missed', new Date(at.getTime() - 1000));
    const b = task('b', 'checkIn.abnormal', at);
    const c = task('c', 'checkIn.missed', at);
    expect([c, a, b].sort(compareTasks).map((t) => t._id)).toEqual(['b', 'a', 'c']);
    const cursor = encodeCursor(a);
    expect(decodeCursor(cursor)).toEqual({ priority: 3, createdAt: a.createdAt.getTime(), id: 'a' });
    expect(() => decodeCursor('3.x.a')).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }));
    expect(() => decodeCursor('3.1.$where')).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }));
  });
});
