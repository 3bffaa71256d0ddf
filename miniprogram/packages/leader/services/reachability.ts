/** 标记未联系上 / 已联系上: nobody answers at the door (a blue 「平安」 sticker goes up), or they were reached again. */
import type { HouseholdView } from '../../../../typings/contract/community';
import { community } from '../../../services/community';

export function setReachability(householdId: string, reachable: boolean, note: string): Promise<HouseholdView> {
  const trimmed = note.trim();
  return community('household.setReachability', { householdId, reachable, ...(trimmed ? { note: trimmed } : {}) });
}
