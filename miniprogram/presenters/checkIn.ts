/** 健康打卡: the form's options and checks, and how an isolation and a check-in read on screen. Pure. */
import type { CareTeamMember, CheckInView, MyIsolation, SlotCell, Symptom } from '../../typings/contract/health';

export const MIN_TEMPERATURE = 35.0;
export const MAX_TEMPERATURE = 42.0;
export const DEFAULT_TEMPERATURE = 36.5;
/** ≥ 37.3 °C is a fever: the server alerts the care team, the page says so before sending. */
export const FEVER_FROM = 37.3;

export const SYMPTOM_OPTIONS: { value: Symptom; label: string }[] = [
  { value: 'fever', label: '发热' },
  { value: 'cough', label: '咳嗽' },
  { value: 'fatigue', label: '乏力' },
  { value: 'soreThroat', label: '咽痛' },
  { value: 'diarrhoea', label: '腹泻' },
  { value: 'smellTasteLoss', label: '嗅觉味觉减退' },
  { value: 'other', label: '其他' },
];

export const METHOD_OPTIONS: { value: 'door' | 'phone'; label: string }[] = [
  { value: 'door', label: '上门询问' },
  { value: 'phone', label: '电话询问' },
];

export const NOTE_MAX = 200;

/** 35.0 … 42.0 by 0.1, as t-picker options ("36.5 °C"). */
export function temperatureOptions(): { label: string; value: string }[] {
  const options: { label: string; value: string }[] = [];
  for (let tenth = MIN_TEMPERATURE * 10; tenth <= MAX_TEMPERATURE * 10; tenth += 1) {
    const value = (tenth / 10).toFixed(1);
    options.push({ label: `${value} °C`, value });
  }
  return options;
}

export interface CheckInForm {
  residentId: string;
  temperature: number;
  symptoms: Symptom[];
  note: string;
  /** On someone's behalf: how the staff member learned it. */
  method: '' | 'door' | 'phone';
}

export function emptyCheckInForm(residentId = ''): CheckInForm {
  return { residentId, temperature: DEFAULT_TEMPERATURE, symptoms: [], note: '', method: '' };
}

/** Field → message; empty when the form may be sent. */
export function validateCheckIn(form: CheckInForm, onBehalf: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.residentId) errors.residentId = '请选择为谁打卡';
  if (!(form.temperature >= MIN_TEMPERATURE && form.temperature <= MAX_TEMPERATURE))
    errors.temperature = `体温请在 ${MIN_TEMPERATURE.toFixed(1)}–${MAX_TEMPERATURE.toFixed(1)} °C 之间`;
  const note = form.note.trim();
  if (form.symptoms.includes('other') && !note) errors.note = '选了「其他」症状，请在备注里写明';
  if (note.length > NOTE_MAX) errors.note = `备注最多 ${NOTE_MAX} 个字，现在有 ${note.length} 个字`;
  if (onBehalf && !form.method) errors.method = '请选择是上门还是电话询问的';
  return errors;
}

export function toCheckInRequest(form: CheckInForm, onBehalf: boolean) {
  const note = form.note.trim();
  return {
    residentId: form.residentId,
    temperature: Math.round(form.temperature * 10) / 10,
    symptoms: [...form.symptoms],
    ...(note ? { note } : {}),
    ...(onBehalf && form.method ? { method: form.method } : {}),
  };
}

export function isFever(temperature: number): boolean {
  return temperature >= FEVER_FROM;
}

/** A slot's cell in words (never colour alone). */
export function cellText(cell: SlotCell | undefined): string {
  if (!cell) return '无需打卡';
  switch (cell.state) {
    case 'done':
      return `已打卡 ${cell.temperature?.toFixed(1) ?? ''} °C`.trim();
    case 'abnormal': {
      const symptoms = cell.symptomLabels?.length ? `，${cell.symptomLabels.join('、')}` : '';
      return `异常 ${cell.temperature?.toFixed(1) ?? ''} °C${symptoms}`;
    }
    case 'waiting':
      return '待打卡';
    case 'upcoming':
      return '未到时间';
    case 'missing':
      return '未打卡';
    case 'escalated':
      return '未打卡，已上报网格员';
    default:
      return '无需打卡';
  }
}

export interface CareTeamRow extends CareTeamMember {
  key: string;
}

export interface IsolationCard {
  residentId: string;
  name: string;
  label: string;
  kindLabel: string;
  progress: string;
  endText: string;
  am: string;
  pm: string;
  windowText: string;
  /** 现在可以打卡（下午 14:00–21:00） / 现在不在打卡时间，下一次打卡 明天 06:00 开始 */
  clockText: string;
  open: boolean;
  careTeam: CareTeamRow[];
}

function monthDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

export function toIsolationCard(isolation: MyIsolation): IsolationCard {
  const { clock } = isolation;
  const open = clock.openSlot !== null;
  const slotWindow = open ? clock.windows[clock.openSlot!] : null;
  return {
    residentId: isolation.residentId,
    name: isolation.name,
    label: isolation.label,
    kindLabel: isolation.kindLabel,
    progress: isolation.progress,
    endText: `${monthDay(isolation.endDay)}结束（含当天）`,
    am: cellText(isolation.today.am),
    pm: cellText(isolation.today.pm),
    windowText: `上午 ${clock.windows.am.start}–${clock.windows.am.end}，下午 ${clock.windows.pm.start}–${clock.windows.pm.end}`,
    clockText: open
      ? `现在可以打卡（${clock.openSlot === 'am' ? '上午' : '下午'} ${slotWindow!.start}–${slotWindow!.end}）`
      : `现在不在打卡时间，下一次打卡 ${clock.nextOpening} 开始`,
    open,
    careTeam: isolation.careTeam.map((m, i) => ({ ...m, key: `${m.role}-${i}` })),
  };
}

export interface CheckInResult {
  title: string;
  description: string;
  abnormal: boolean;
}

export function toCheckInResult(view: CheckInView): CheckInResult {
  const slot = view.slot === 'am' ? '上午' : '下午';
  const temperature = `${view.temperature.toFixed(1)} °C`;
  if (view.abnormal) {
    const symptoms = view.symptomLabels.length ? `，${view.symptomLabels.join('、')}` : '';
    return {
      title: `${view.name} ${slot}已打卡：异常`,
      description: `体温 ${temperature}${symptoms}。已通知楼道长和社区医生，他们会尽快联系您，请保持电话畅通。`,
      abnormal: true,
    };
  }
  return {
    title: `${view.name} ${slot}已打卡`,
    description: `体温 ${temperature}，无异常症状。谢谢配合！`,
    abnormal: false,
  };
}
