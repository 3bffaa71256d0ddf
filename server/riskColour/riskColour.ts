/**
 * 五色: a household's risk colour, derived from what the ledgers say about it — never set by hand. The most
 * severe condition wins. Isolation and health facts join as their features land; the input grows, the rule
 * stays one pure function.
 */
import type { RiskColour } from '../../typings/contract/community';

export type { RiskColour };

export interface RiskFacts {
  /** Nobody answers at the door (蓝色「平安」贴). */
  unreachable: boolean;
  /** Someone in the household is under isolation of this kind. */
  isolation?: 'homeIsolation' | 'homeMonitoring';
  /** An abnormal check-in (fever, symptoms) not yet resolved. */
  abnormal?: boolean;
}

const SEVERITY: RiskColour[] = ['red', 'orange', 'yellow', 'blue', 'green'];

export function deriveRiskColour(f: RiskFacts): RiskColour {
  const colours: RiskColour[] = ['green'];
  if (f.unreachable) colours.push('blue');
  if (f.isolation === 'homeMonitoring') colours.push('yellow');
  if (f.isolation === 'homeIsolation') colours.push('orange');
  if (f.abnormal) colours.push('red');
  return colours.sort((a, b) => SEVERITY.indexOf(a) - SEVERITY.indexOf(b))[0];
}

/** For people who cannot tell the colours apart: every colour is shown with its word. */
export const RISK_LABELS: Record<RiskColour, string> = {
  red: '红·异常',
  orange: '橙·居家隔离',
  yellow: '黄·健康监测',
  blue: '蓝·未联系上',
  green: '绿·正常',
};
