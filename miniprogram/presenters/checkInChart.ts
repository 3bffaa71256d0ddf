/** 打卡记录: the temperature over the isolation as a small chart of plain views (bars positioned by style). Pure. */
import type { CheckInHistory } from '../../typings/contract/health';
import { FEVER_FROM } from './checkIn';

/** The chart's vertical scale: 35.5 °C at the bottom, 40.0 °C at the top (values outside are clamped). */
export const CHART_MIN = 35.5;
export const CHART_MAX = 40.0;

function percentOf(temperature: number): number {
  const clamped = Math.min(CHART_MAX, Math.max(CHART_MIN, temperature));
  return Math.round(((clamped - CHART_MIN) / (CHART_MAX - CHART_MIN)) * 1000) / 10;
}

export interface ChartBar {
  key: string;
  /** 11/18 上 */
  label: string;
  temperature: string;
  /** Height of the bar, % of the chart. */
  height: number;
  abnormal: boolean;
  /** 异常 37.6 °C 咳嗽 — only for abnormal points, written on the chart (never colour alone). */
  tag: string;
}

export interface HistoryRow {
  key: string;
  when: string;
  text: string;
  abnormal: boolean;
}

export interface HistoryView {
  title: string;
  subtitle: string;
  bars: ChartBar[];
  /** Bottom offset of the 37.3 °C line, % of the chart. */
  feverLine: number;
  rows: HistoryRow[];
  abnormalCount: number;
}

function shortDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${Number(m)}/${Number(d)}`;
}

export function toHistoryView(history: CheckInHistory): HistoryView {
  const bars = history.points.map((p) => ({
    key: `${p.day}-${p.slot}`,
    label: `${shortDay(p.day)} ${p.slot === 'am' ? '上' : '下'}`,
    temperature: p.temperature.toFixed(1),
    height: percentOf(p.temperature),
    abnormal: p.abnormal,
    tag: p.abnormal ? '异常' : '',
  }));
  const rows = [...history.points].reverse().map((p) => {
    const symptoms = p.symptomLabels.length ? p.symptomLabels.join('、') : '无症状';
    const by = p.by === 'leader' ? '，楼道长代打卡' : '';
    return {
      key: `${p.day}-${p.slot}`,
      when: `${shortDay(p.day)} ${p.slot === 'am' ? '上午' : '下午'}`,
      text: `${p.abnormal ? '异常 · ' : ''}${p.temperature.toFixed(1)} °C，${symptoms}${by}`,
      abnormal: p.abnormal,
    };
  });
  const iso = history.isolation;
  return {
    title: `${history.name} 的打卡记录`,
    subtitle: iso ? `${iso.progress}（${shortDay(iso.startDay)}–${shortDay(iso.endDay)}）` : '目前没有在隔离或健康监测',
    bars,
    feverLine: percentOf(FEVER_FROM),
    rows,
    abnormalCount: history.points.filter((p) => p.abnormal).length,
  };
}
