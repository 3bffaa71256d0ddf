import { assertNoLiveBinding, transitionBinding, type Binding, type BindingStatus } from '../../../server/binding/binding';

const at = new Date('2026-11-22T02:00:00Z');
const binding = (status: BindingStatus): Binding => ({
  _id: 'b1',
  communityId: 'c',
  gridId: 'g',
  buildingId: 'b',
  householdId: 'h',
  label: '3-1-301',
  communityName: '吉星新苑',
  openid: 'o',
  kind: 'member',
  name: '陈大文',
  relation: '本人',
  phone: '13911112222',
  status,
  createdAt: at,
  updatedAt: at,
});

describe('binding state machine', () => {
  const actions = [
    { type: 'confirm', by: 'leader', at },
    { type: 'reject', by: 'leader', at, reason: '不是本楼住户' },
    { type: 'cancel', at },
  ] as const;
  const expected: Record<BindingStatus, (BindingStatus | 'refused')[]> = {
    pending: ['confirmed', 'rejected', 'cancelled'],
    confirmed: ['refused', 'refused', 'refused'],
    rejected: ['refused', 'refused', 'refused'],
    cancelled: ['refused', 'refused', 'refused'],
  };
  for (const [from, outcomes] of Object.entries(expected) as [BindingStatus, (BindingStatus | 'refused')[]][]) {
    actions.forEach((action, i) => {
      it(`${from} --${action.type}--> ${outcomes[i]}`, () => {
        if (outcomes[i] === 'refused')
          expect(() => transitionBinding(binding(from), action)).toThrow(expect.objectContaining({ code: 'BINDING.NOT_PENDING' }));
        else expect(transitionBinding(binding(from), action).status).toBe(outcomes[i]);
      });
    });
  }

  it('keeps who decided, when, and why a request was rejected', () => {
    expect(transitionBinding(binding('pending'), actions[1])).toMatchObject({
      reviewedBy: 'leader',
      reviewedAt: at,
      reason: '不是本楼住户',
    });
  });

  it('refuses a second live request or link to the same household', () => {
    expect(() => assertNoLiveBinding([{ status: 'pending' }])).toThrow(/等待楼道长确认/);
    expect(() => assertNoLiveBinding([{ status: 'confirmed' }])).toThrow(/已经绑定/);
    expect(() => assertNoLiveBinding([{ status: 'rejected' }, { status: 'cancelled' }])).not.toThrow();
  });
});
