import type { BindingSummary, PendingBinding } from '../../typings/contract/community';
import type { Binding } from './binding';

export const bindingSummary = (b: Binding): BindingSummary => ({
  bindingId: b._id,
  householdId: b.householdId,
  label: b.label,
  communityName: b.communityName,
  kind: b.kind,
  status: b.status,
  ...(b.reason ? { reason: b.reason } : {}),
  createdAt: b.createdAt.toISOString(),
});

export const pendingBinding = (b: Binding): PendingBinding => ({
  bindingId: b._id,
  householdId: b.householdId,
  label: b.label,
  name: b.name,
  relation: b.relation,
  phone: b.phone,
  kind: b.kind,
  createdAt: b.createdAt.toISOString(),
});
