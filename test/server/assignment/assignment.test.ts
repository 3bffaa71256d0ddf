import {
  acceptAssignment,
  grantsFrom,
  INVITE_TTL_MS,
  inviteCodeFrom,
  normaliseInviteCode,
  revokeAssignment,
  type Assignment,
} from '../../../server/assignment/assignment';

const at = new Date('2026-11-22T02:00:00Z');
const invited: Assignment = {
  _id: 'a1',
  communityId: 'c',
  communityName: '吉星新苑',
  role: 'buildingLeader',
  gridId: 'g',
  buildingIds: ['b3'],
  scopeLabel: '3号楼',
  name: '张建国',
  phone: '13900000003',
  status: 'invited',
  inviteCode: 'ABCD2345',
  inviteExpiresAt: new Date(at.getTime() + INVITE_TTL_MS),
  appointedBy: 'o-grid',
  appointedByName: '网格员 刘芳',
  createdAt: at,
  updatedAt: at,
};

describe('appointments', () => {
  it('makes codes a person can read out: 8 characters, no 0/O or 1/I/L', () => {
    const code = inviteCodeFrom(Uint8Array.from([0, 1, 2, 3, 250, 251, 252, 255]));
    expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);
    expect(normaliseInviteCode(' abcd-2345 ')).toBe('ABCD2345');
  });

  it('becomes the appointee’s on acceptance, and the code is spent', () => {
    const a = acceptAssignment(invited, 'o-leader', at);
    expect(a).toMatchObject({ status: 'active', openid: 'o-leader', acceptedAt: at, inviteCode: undefined });
    expect(acceptAssignment(a, 'o-leader', at)).toBe(a); // a double tap
    expect(() => acceptAssignment(a, 'o-someone-else', at)).toThrow(expect.objectContaining({ code: 'ROLE.INVITE_USED' }));
  });

  it('expires after 72 hours', () => {
    const late = new Date(at.getTime() + INVITE_TTL_MS + 1);
    expect(() => acceptAssignment(invited, 'o-leader', late)).toThrow(expect.objectContaining({ code: 'ROLE.INVITE_EXPIRED' }));
  });

  it('cannot be accepted once revoked; revoking twice changes nothing', () => {
    const r = revokeAssignment(invited, 'o-grid', at);
    expect(() => acceptAssignment(r, 'o-leader', at)).toThrow(expect.objectContaining({ code: 'ROLE.INVITE_REVOKED' }));
    expect(revokeAssignment(r, 'o-admin', at)).toBe(r);
  });

  it('grants only what is active', () => {
    const active = acceptAssignment(invited, 'o-leader', at);
    expect(grantsFrom([active, revokeAssignment(active, 'x', at), invited])).toEqual([
      { role: 'buildingLeader', communityId: 'c', buildingIds: ['b3'] },
    ]);
  });
});
