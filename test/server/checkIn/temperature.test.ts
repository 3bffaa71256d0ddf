import { symptomsField } from '../../../server/checkIn/symptoms';
import { isAbnormal, readTemperature } from '../../../server/checkIn/temperature';
import { parseInput } from '../../../server/platform/validation';

describe('体温: 35.0–42.0 °C to one decimal', () => {
  it.each([
    [36.5, 36.5],
    ['36.5', 36.5],
    [' 37.3 ', 37.3],
    [35, 35],
    [42, 42],
    [35.0, 35],
    ['42.0', 42],
  ])('reads %j as %s', (input, celsius) => {
    expect(readTemperature(input)).toEqual({ ok: true, celsius });
  });

  it.each([
    ['abc', '体温请填写数字，如 36.5'],
    ['', '体温请填写数字，如 36.5'],
    [undefined, '体温请填写数字，如 36.5'],
    [Number.NaN, '体温请填写数字，如 36.5'],
    [Number.POSITIVE_INFINITY, '体温请填写数字，如 36.5'],
    ['36,5', '体温请填写数字，如 36.5'],
    ['-36.5', '体温请填写数字，如 36.5'],
    [99, '体温 99°C 不在 35.0–42.0°C 之间，请重新测量后填写'],
    [34.9, '体温 34.9°C 不在 35.0–42.0°C 之间，请重新测量后填写'],
    [42.1, '体温 42.1°C 不在 35.0–42.0°C 之间，请重新测量后填写'],
    [3.65, '体温只保留一位小数（如 36.5），「3.65」多了一位'],
    [36.55, '体温只保留一位小数（如 36.5），「36.55」多了一位'],
    ['36.55', '体温只保留一位小数（如 36.5），「36.55」多了一位'],
  ])('refuses %j: 「%s」', (input, message) => {
    expect(readTemperature(input)).toEqual({ ok: false, message });
  });
});

describe('abnormal: 37.3 °C and above, or any symptom', () => {
  it.each([
    [37.2, [], false],
    [37.3, [], true],
    [39, [], true],
    [36.5, ['cough'], true],
    [35, ['other'], true],
  ] as const)('%s °C with %j → %s', (t, symptoms, abnormal) => {
    expect(isAbnormal(t, [...symptoms])).toBe(abnormal);
  });
});

describe('症状', () => {
  const parse = (symptoms: unknown) => parseInput(symptomsField, symptoms);
  it('takes the listed codes once each, in the list’s order', () => {
    expect(parse(['diarrhoea', 'fever'])).toEqual(['fever', 'diarrhoea']);
    expect(parse([])).toEqual([]);
  });
  it('names what it does not know and lists the choices', () => {
    expect(() => parse(['headache', 'cough'])).toThrow(
      '症状「headache」不在可选范围内，可选：发热、咳嗽、乏力、咽痛、腹泻、嗅觉味觉减退、其他',
    );
    expect(() => parse(['发热'])).toThrow(/症状「发热」不在可选范围内/);
    expect(() => parse(['cough', 'cough'])).toThrow('症状有重复项');
    expect(() => parse('cough')).toThrow('症状格式不正确，没有症状请传空列表');
  });
});
