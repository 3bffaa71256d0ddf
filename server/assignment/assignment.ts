/**
 * Appointments (任命): an admin appoints grid workers; a grid worker appoints 楼道长 and volunteers for
 * buildings in their grid. The appointer does not know the appointee's WeChat identity, so an appointment
 * starts as an invitation with a short code; the appointee enters it in 我的 and the role becomes theirs.
 *
 *   invited ──accept──▶ active ──revoke──▶ revoked
 *      └──────────revoke──────────────────▶ revoked
 */
import type { StaffRole } from '../../typings/contract/community';
import { AppError } from '../platform/errors';
import type { RoleGrant } from '../policy/roles';

export interface Assignment {
  _id: string;
  communityId: string;
  role: StaffRole;
  /** The grid covered (a grid worker), or the grid the buildings are in (楼道长, volunteer). */
  gridId?: string;
  buildingIds?: string[];
  /** Display names kept with the appointment: 第一网格 / 3号楼、4号楼. */
  scopeLabel: string;
  communityName: string;
  gridName?: string;
  buildingNames?: string[];
  name: string;
  phone: string;
  status: 'invited' | 'active' | 'revoked';
  inviteCode?: string;
  inviteExpiresAt?: Date;
  openid?: string;
  appointedBy: string;
  appointedByName: string;
  createdAt: Date;
  acceptedAt?: Date;
  revokedAt?: Date;
  revokedBy?: string;
  updatedAt: Date;
}

export const INVITE_TTL_MS = 72 * 3600_000;

// No 0/O, 1/I/L: a code read out over the phone must not be misheard.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** An 8-character invitation code from random bytes (passed in, so this stays pure). */
export function inviteCodeFrom(random: Uint8Array): string {
  if (random.length < 8) throw new Error('inviteCodeFrom needs 8 random bytes');
  return Array.from(random.slice(0, 8), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export function normaliseInviteCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function acceptAssignment(a: Assignment, openid: string, at: Date): Assignment {
  if (a.status === 'revoked') throw new AppError('ROLE.INVITE_REVOKED', '这个任命已被撤销，请联系任命你的工作人员');
  if (a.status === 'active') {
    if (a.openid === openid) return a; // accepting twice (a double tap) changes nothing
    throw new AppError('ROLE.INVITE_USED', '这个任命码已被使用，请联系任命你的工作人员重新任命');
  }
  if (!a.inviteExpiresAt || a.inviteExpiresAt.getTime() < at.getTime()) {
    throw new AppError('ROLE.INVITE_EXPIRED', '任命码已过期（72 小时内有效），请联系任命你的工作人员重新任命');
  }
  return { ...a, status: 'active', openid, acceptedAt: at, inviteCode: undefined, inviteExpiresAt: undefined, updatedAt: at };
}

export function revokeAssignment(a: Assignment, by: string, at: Date): Assignment {
  if (a.status === 'revoked') return a; // revoking twice changes nothing
  return { ...a, status: 'revoked', revokedBy: by, revokedAt: at, inviteCode: undefined, inviteExpiresAt: undefined, updatedAt: at };
}

/** The grants a user holds: one per active assignment. */
export function grantsFrom(assignments: Assignment[]): RoleGrant[] {
  return assignments
    .filter((a) => a.status === 'active')
    .map((a): RoleGrant => {
      if (a.role === 'communityAdmin') return { role: a.role, communityId: a.communityId };
      if (a.role === 'gridWorker') return { role: a.role, communityId: a.communityId, gridId: a.gridId ?? '' };
      return { role: a.role, communityId: a.communityId, buildingIds: a.buildingIds ?? [] };
    });
}
