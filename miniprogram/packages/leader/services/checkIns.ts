/** 楼道长's 今日打卡 (health function): who in the building has checked in, who is missing, who is abnormal. */
import type { LeaderBoard } from '../../../../typings/contract/health';
import { health } from '../../../services/health';

export type { LeaderBoard };

export function fetchLeaderBoard(buildingId: string): Promise<LeaderBoard> {
  return health('checkIn.leaderBoard', { buildingId });
}
