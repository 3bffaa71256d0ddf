/** 网格员: the state of the worker's grid today. */
import { callFunction } from '../../../transport/index';

export type RiskColour = 'red' | 'orange' | 'yellow' | 'blue' | 'green';

export interface GridBoard {
  gridName: string;
  households: number;
  isolatedHouseholds: number;
  /** People under isolation who have not checked in for the current slot. */
  missedCheckIns: number;
  /** Households per derived risk colour (五色). */
  riskCounts: Record<RiskColour, number>;
}

export function fetchGridBoard(): Promise<GridBoard> {
  return callFunction<GridBoard>('community', 'grid.board');
}
