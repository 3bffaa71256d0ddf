/** Input fields the supply context's actions share, with their Chinese labels. */
import type { OrderLineInput } from '../../typings/contract/supply';
import { MAX_LINES, MAX_QUANTITY } from '../order/order';
import { field, type Schema } from '../platform/validation';

export const orderId = field.id({ label: '订单' });
export const batchIdField = field.id({ label: '批次' });
export const cursorField = field.string({ label: '列表位置', max: 100 });

/** Whole or half units (the domain decides which an item allows); never 0, negative or absurd. */
const quantity = field.number({ label: '数量', min: 0.5, max: MAX_QUANTITY, decimals: 1 });

const catalogLine = field.object({ itemId: field.id({ label: '物资' }), quantity }, { label: '物资' });
const freeTextLine = field.object(
  {
    name: field.string({ label: '自填物资名称', max: 30 }),
    quantity,
    unit: field.string({ label: '单位', max: 4 }),
  },
  { label: '自填物资' },
);
const freeTextLineOptionalUnit: Schema<OrderLineInput> = {
  doc: freeTextLine.doc.replace('unit:', 'unit?:'),
  parse(value, path, problems) {
    const v = value as Record<string, unknown> | null;
    const withUnit = v && typeof v === 'object' && (v.unit === undefined || v.unit === null) ? { ...v, unit: '份' } : value;
    return freeTextLine.parse(withUnit, path, problems);
  },
};

/** A catalog line `{ itemId, quantity }` or a free-text line `{ name, quantity, unit? }`. */
export const orderLine: Schema<OrderLineInput> = {
  doc: `${catalogLine.doc} | ${freeTextLineOptionalUnit.doc}`,
  parse(value, path, problems) {
    const hasItemId = typeof value === 'object' && value !== null && 'itemId' in value;
    return hasItemId ? catalogLine.parse(value, path, problems) : freeTextLineOptionalUnit.parse(value, path, problems);
  },
};

export const orderLines = field.array(orderLine, { label: '物资', min: 1, max: MAX_LINES });
