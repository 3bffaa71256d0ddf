/** 待确认绑定: the requests of one building, confirmed or rejected by its 楼道长. */
import type { BindingSummary, PendingBinding } from '../../../../typings/contract/community';
import { community } from '../../../services/community';

export type { BindingSummary, PendingBinding };

export function listPendingBindings(buildingId: string): Promise<PendingBinding[]> {
  return community('binding.pending', { buildingId });
}

export function confirmBinding(bindingId: string): Promise<BindingSummary> {
  return community('binding.review', { bindingId, decision: 'confirm' });
}

export function rejectBinding(bindingId: string, reason: string): Promise<BindingSummary> {
  return community('binding.review', { bindingId, decision: 'reject', reason: reason.trim() });
}
