/** A resident's binding requests: ask to be linked to a household (the 楼道长 confirms), or withdraw the request. */
import type { BindingSummary, Relation } from '../../typings/contract/community';
import { community } from './community';

export type { BindingSummary, Relation };

export interface BindingRequest {
  householdId: string;
  name: string;
  relation: Relation;
  phone: string;
  /** member: lives there; proxy: acts for family from elsewhere. */
  kind: 'member' | 'proxy';
}

/** `requestId` is the submit key's: the same on every retry of one submit, so a retry never asks twice. */
export function requestBinding(request: BindingRequest, requestId: string): Promise<BindingSummary> {
  return community('binding.request', request, { requestId });
}

export function cancelBinding(bindingId: string): Promise<BindingSummary> {
  return community('binding.cancel', { bindingId });
}
