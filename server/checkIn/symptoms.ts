/** 症状: coded identifiers in data, Chinese words on screen and in messages. */
import type { Symptom } from '../../typings/contract/health';
import type { Schema } from '../platform/validation';

export const SYMPTOM_LABELS: Record<Symptom, string> = {
  fever: '发热',
  cough: '咳嗽',
  fatigue: '乏力',
  soreThroat: '咽痛',
  diarrhoea: '腹泻',
  smellTasteLoss: '嗅觉味觉减退',
  other: '其他',
};

export const SYMPTOMS = Object.keys(SYMPTOM_LABELS) as Symptom[];

export const symptomLabels = (symptoms: readonly Symptom[]): string[] => symptoms.map((s) => SYMPTOM_LABELS[s]);

/** 咳嗽、乏力 / 无症状 */
export const describeSymptoms = (symptoms: readonly Symptom[]): string => (symptoms.length ? symptomLabels(symptoms).join('、') : '无症状');

const CHOICES = SYMPTOMS.map((s) => SYMPTOM_LABELS[s]).join('、');

/** The symptoms ticked, each at most once, in the order of the list; an unknown one names itself and the choices. */
export const symptomsField: Schema<Symptom[]> = {
  doc: `Array<${SYMPTOMS.map((s) => `'${s}'`).join(' | ')}> (0–${SYMPTOMS.length}, unique)`,
  parse(value, path, problems) {
    if (!Array.isArray(value)) return void (problems[path] = '症状格式不正确，没有症状请传空列表');
    const unknown = value.filter((v) => typeof v !== 'string' || !(SYMPTOMS as string[]).includes(v));
    if (unknown.length) return void (problems[path] = `症状「${unknown.map(String).join('、')}」不在可选范围内，可选：${CHOICES}`);
    if (new Set(value).size !== value.length) return void (problems[path] = '症状有重复项');
    return SYMPTOMS.filter((s) => value.includes(s));
  },
};
