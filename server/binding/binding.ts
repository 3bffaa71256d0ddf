/**
 * Binding: a WeChat user asks to be linked to a household — as someone living there, or as a proxy acting for
 * it from elsewhere — and the building's 楼道长 (who knows every household) confirms or rejects it.
 *
 *   pending ──confirm──▶ confirmed
 *      │  └──reject───▶ rejected (with a reason)
 *      └─────cancel───▶ cancelled (by the person who asked)
 */
import { AppError } from '../platform/errors';
import type { Relation } from '../../typings/contract/community';

export type BindingStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled';
export type BindingKind = 'member' | 'proxy';

export interface Binding {
  _id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
  label: string;
  communityName: string;
  openid: string;
  kind: BindingKind;
  name: string;
  relation: Relation;
  phone: string;
  status: BindingStatus;
  reason?: string;
  reviewedBy?: string;
  reviewedAt?: Date;
  /** The resident record created on confirmation. */
  residentId?: string;
  createdAt: Date;
  updatedAt: Date;
}

export type BindingAction = { type: 'confirm'; by: string; at: Date } | { type: 'reject'; by: string; at: Date; reason: string } | { type: 'cancel'; at: Date };

const DONE: Record<Exclude<BindingStatus, 'pending'>, string> = {
  confirmed: '已确认',
  rejected: '已驳回',
  cancelled: '已撤回',
};

/** The next state, or BINDING.NOT_PENDING when the request was already answered. */
export function transitionBinding(b: Binding, action: BindingAction): Binding {
  if (b.status !== 'pending') throw new AppError('BINDING.NOT_PENDING', `这条绑定申请${DONE[b.status]}，无需再处理`);
  switch (action.type) {
    case 'confirm':
      return { ...b, status: 'confirmed', reviewedBy: action.by, reviewedAt: action.at, updatedAt: action.at };
    case 'reject':
      return { ...b, status: 'rejected', reason: action.reason, reviewedBy: action.by, reviewedAt: action.at, updatedAt: action.at };
    case 'cancel':
      return { ...b, status: 'cancelled', updatedAt: action.at };
  }
}

/** One person, one live request or link per household: a second one is refused, not duplicated. */
export function assertNoLiveBinding(existing: Pick<Binding, 'status'>[]): void {
  if (existing.some((b) => b.status === 'confirmed')) throw new AppError('BINDING.DUPLICATE', '你已经绑定了这户，无需重复申请');
  if (existing.some((b) => b.status === 'pending')) throw new AppError('BINDING.DUPLICATE', '你已提交过这户的绑定申请，请等待楼道长确认');
}
