import type { MyProfile, Role, RoleSummary } from '../../typings/contract/community';
import { community } from './community';

export type { MyProfile, Role, RoleSummary };

/** 我的: the caller's roles, grants, linked households and binding requests (`community` → `me.get`). */
export function fetchMyProfile(): Promise<MyProfile> {
  return community('me.get', {});
}

/** 输入任命码: the appointee accepts an appointment; the role is theirs from the next call. */
export function acceptAppointment(inviteCode: string): Promise<RoleSummary> {
  return community('role.accept', { inviteCode: inviteCode.trim() });
}
