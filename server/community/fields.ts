/** Input fields the community context's actions share, with their Chinese labels. */
import { RELATIONS } from '../household/household';
import { normaliseMobile } from '../privacy/phone';
import { field, type Schema } from '../platform/validation';

export const personName = field.string({ label: '姓名', max: 20 });
export const relation = field.oneOf(RELATIONS, { label: '与户主关系' });
export const householdId = field.id({ label: '房屋' });
export const buildingId = field.id({ label: '楼栋' });
export const communityId = field.id({ label: '社区' });
export const gridId = field.id({ label: '网格' });

/** A mainland mobile as people type it (spaces, dashes, +86), answered as 11 digits. */
export const mobile: Schema<string> = {
  doc: 'mainland mobile (11 digits)',
  parse(value, path, problems) {
    if (typeof value !== 'string' || !value.trim()) return void (problems[path] = '请填写手机号');
    const phone = normaliseMobile(value);
    return phone ?? void (problems[path] = '请填写 11 位大陆手机号，如 13812345678');
  },
};
