import type { GridBoard, RiskColour } from '../services/board';

export interface Stat {
  label: string;
  value: number;
  /** Highlighted when it needs someone to act. */
  alert: boolean;
}

export interface BoardView {
  gridName: string;
  stats: Stat[];
  risks: { colour: RiskColour; label: string; count: number }[];
}

const RISK_LABELS: [RiskColour, string][] = [
  ['red', '红色'],
  ['orange', '橙色'],
  ['yellow', '黄色'],
  ['blue', '蓝色'],
  ['green', '绿色'],
];

/** Pure: what 网格看板 shows; `empty` when the grid has no households yet. */
export function toBoardView(board: GridBoard): { empty: boolean; view: BoardView } {
  return {
    empty: board.households === 0,
    view: {
      gridName: board.gridName,
      stats: [
        { label: '住户', value: board.households, alert: false },
        { label: '隔离中', value: board.isolatedHouseholds, alert: false },
        { label: '本时段未打卡', value: board.missedCheckIns, alert: board.missedCheckIns > 0 },
      ],
      risks: RISK_LABELS.map(([colour, label]) => ({ colour, label, count: board.riskCounts[colour] ?? 0 })),
    },
  };
}
