/** 网格员's 打卡看板 (health function): completion per building, and the people who need someone now. */
import type { GridBoard } from '../../../../typings/contract/health';
import { health } from '../../../services/health';

export type { GridBoard };

export function fetchGridBoard(gridId: string): Promise<GridBoard> {
  return health('checkIn.gridBoard', { gridId });
}
