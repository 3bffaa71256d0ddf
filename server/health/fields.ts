/** Input fields the health context's actions share, with their Chinese labels. */
import { isDay } from '../time/shanghai';
import { field, type Schema } from '../platform/validation';

export const residentId = field.id({ label: '居民' });
export const isolationId = field.id({ label: '隔离记录' });

/** A calendar day written 2026-11-22. */
export function dayField(label: string): Schema<string> {
  return {
    doc: 'day YYYY-MM-DD (Asia/Shanghai)',
    parse(value, path, problems) {
      return typeof value === 'string' && isDay(value) ? value : void (problems[path] = `${label}请写成 2026-11-22 这样的日期`);
    },
  };
}
