/** Appointments as people read them: who, as what, where; the invitation code and until when it works. */
import type { AssignmentView, RoleSummary, StaffRole } from '../../typings/contract/community';
import { ROLE_LABELS, shanghaiDateTime } from './profile';

export const INVITE_PATTERN = /^[A-Za-z0-9\s-]+$/;

/** Pure: the problem with a typed invitation code, or '' (the server's rule and words). */
export function inviteCodeProblem(code: string): string {
  const trimmed = code.trim();
  if (!trimmed) return '请填写任命码';
  if (trimmed.length > 12) return `任命码最多 12 个字，现在有 ${trimmed.length} 个字`;
  return INVITE_PATTERN.test(trimmed) ? '' : '任命码由字母和数字组成';
}

/** Pure: where a role applies, in words: 吉星新苑 第一网格 / 吉星新苑 3号楼、4号楼. */
export function scopeText(grant: RoleSummary): string {
  const where = grant.gridName ?? grant.buildings?.map((b) => b.name).join('、') ?? '';
  return [grant.communityName, where].filter(Boolean).join(' ');
}

export function acceptedText(grant: RoleSummary): string {
  return `您已成为${scopeText(grant)}的${ROLE_LABELS[grant.role] ?? grant.role}`;
}

const STATUS: Record<AssignmentView['status'], { label: string; theme: 'warning' | 'success' | 'default' }> = {
  invited: { label: '待接受', theme: 'warning' },
  active: { label: '在任', theme: 'success' },
  revoked: { label: '已撤销', theme: 'default' },
};

export interface AssignmentRow {
  assignmentId: string;
  title: string;
  roleLabel: string;
  statusLabel: string;
  statusTheme: 'warning' | 'success' | 'default';
  scope: string;
  phone: string;
  inviteCode: string;
  inviteText: string;
  byText: string;
  revocable: boolean;
}

export function assignmentRow(a: AssignmentView): AssignmentRow {
  const status = STATUS[a.status] ?? { label: a.status, theme: 'default' as const };
  return {
    assignmentId: a.assignmentId,
    title: a.name,
    roleLabel: ROLE_LABELS[a.role] ?? a.role,
    statusLabel: status.label,
    statusTheme: status.theme,
    scope: `负责：${a.scope}`,
    phone: a.phone,
    inviteCode: a.status === 'invited' ? (a.inviteCode ?? '') : '',
    inviteText: a.status === 'invited' && a.inviteExpiresAt ? `任命码 ${shanghaiDateTime(a.inviteExpiresAt)} 前有效` : '',
    byText: `${a.appointedBy} · ${shanghaiDateTime(a.at)}`,
    revocable: a.status !== 'revoked',
  };
}

export interface InviteView {
  code: string;
  /** 周楼长 · 楼道长 · 3号楼 */
  who: string;
  expiresText: string;
}

export function inviteView(a: AssignmentView): InviteView {
  return {
    code: a.inviteCode ?? '',
    who: `${a.name} · ${ROLE_LABELS[a.role as StaffRole] ?? a.role} · ${a.scope}`,
    expiresText: a.inviteExpiresAt ? `${shanghaiDateTime(a.inviteExpiresAt)} 前有效，过期后请重新任命` : '',
  };
}
