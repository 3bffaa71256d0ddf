import { deriveRiskColour, RISK_LABELS } from '../../../server/riskColour/riskColour';

describe('five-colour risk, derived', () => {
  it.each([
    [{ unreachable: false }, 'green'],
    [{ unreachable: true }, 'blue'],
    [{ unreachable: true, isolation: 'homeMonitoring' as const }, 'yellow'],
    [{ unreachable: false, isolation: 'homeIsolation' as const }, 'orange'],
    [{ unreachable: true, isolation: 'homeIsolation' as const, abnormal: true }, 'red'],
  ])('%j → %s (the most severe wins)', (facts, colour) => {
    expect(deriveRiskColour(facts)).toBe(colour);
  });

  it('gives every colour a word, for people who cannot tell colours apart', () => {
    expect(Object.values(RISK_LABELS).every((l) => /[\u4e00-\u9fa5]/.test(l))).toBe(true);
  });
});
