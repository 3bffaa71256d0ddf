/**
 * 体温: 35.0–42.0 °C to one decimal, as a thermometer shows it. A value outside that range is a misreading or a typo
 * (99, 3.65), not a measurement, and is refused with a message that says what to do. Kept in tenths internally so
 * 37.3 compares exactly.
 */
import type { Symptom } from '../../typings/contract/health';
import type { Schema } from '../platform/validation';

export const MIN_TENTHS = 350;
export const MAX_TENTHS = 420;
/** 37.3 °C and above is a fever (发热) by the health commission's screening rule. */
export const FEVER_TENTHS = 373;

export type TemperatureReading = { ok: true; celsius: number } | { ok: false; message: string };

/** Reads a temperature as the page sends it: a number, or the text of a picker ("36.5"). */
export function readTemperature(value: unknown): TemperatureReading {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (typeof value === 'number' ? !Number.isFinite(value) : !/^\d+(\.\d+)?$/.test(text)) {
    return { ok: false, message: '体温请填写数字，如 36.5' };
  }
  const n = Number(text);
  const tenths = Math.round(n * 10);
  if (Math.abs(n * 10 - tenths) > 1e-6) return { ok: false, message: `体温只保留一位小数（如 36.5），「${text}」多了一位` };
  if (tenths < MIN_TENTHS || tenths > MAX_TENTHS) {
    return { ok: false, message: `体温 ${text}°C 不在 35.0–42.0°C 之间，请重新测量后填写` };
  }
  return { ok: true, celsius: tenths / 10 };
}

export const temperatureField: Schema<number> = {
  doc: 'number 35.0–42.0 (1 decimal; a numeric string is read too)',
  parse(value, path, problems) {
    const r = readTemperature(value);
    return r.ok ? r.celsius : void (problems[path] = r.message);
  },
};

/** Abnormal: a fever (≥ 37.3 °C) or any symptom at all. */
export function isAbnormal(celsius: number, symptoms: readonly Symptom[]): boolean {
  return Math.round(celsius * 10) >= FEVER_TENTHS || symptoms.length > 0;
}

/** 37.8℃ */
export const formatTemperature = (celsius: number): string => `${celsius.toFixed(1)}℃`;
