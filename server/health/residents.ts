/** The person an isolation or a check-in is about, and where they live (the policy's target). */
import { COLLECTIONS } from '../community/records';
import type { Resident } from '../household/household';
import { AppError } from '../platform/errors';
import type { Target } from '../policy/roles';
import type { HealthDeps } from './deps';

export async function residentOrFail(deps: Pick<HealthDeps, 'db'>, id: string): Promise<Resident> {
  const r = (await deps.db.collection<Resident>(COLLECTIONS.residents).where({ _id: id }).limit(1).get()).data[0];
  if (!r) throw new AppError('RESIDENT.NOT_FOUND', '找不到这位居民，可能已从本户移除，请刷新后重新选择');
  return r;
}

export const residentTarget = (r: Pick<Resident, 'communityId' | 'gridId' | 'buildingId' | 'householdId'>): Target => ({
  communityId: r.communityId,
  gridId: r.gridId,
  buildingId: r.buildingId,
  householdId: r.householdId,
});
