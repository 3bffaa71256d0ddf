/**
 * 五色 as people see it: never colour alone (DESIGN.md, and for people who cannot tell the colours apart) — every
 * colour comes with its word, and on the building grid with a short text marker inside the cell.
 */
import type { RiskColour } from '../../typings/contract/community';

export type { RiskColour };

/** The same words the server uses (server/riskColour/riskColour.ts RISK_LABELS). */
export const RISK_LABELS: Record<RiskColour, string> = {
  red: '红·异常',
  orange: '橙·居家隔离',
  yellow: '黄·健康监测',
  blue: '蓝·未联系上',
  green: '绿·正常',
};

/** Two characters that fit inside a room cell of the building grid. */
export const RISK_MARKERS: Record<RiskColour, string> = {
  red: '异常',
  orange: '隔离',
  yellow: '监测',
  blue: '未联',
  green: '正常',
};

/** Most severe first: the order of legends and counts. */
export const RISK_ORDER: RiskColour[] = ['red', 'orange', 'yellow', 'blue', 'green'];

export interface RiskBadge {
  colour: RiskColour;
  /** 绿·正常 */
  label: string;
}

export function riskBadge(colour: RiskColour): RiskBadge {
  return { colour, label: RISK_LABELS[colour] ?? colour };
}
