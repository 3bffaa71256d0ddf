import type { PendingBinding } from '../services/bindings';
import { shanghaiDateTime } from '../../../presenters/profile';

export interface PendingRow {
  bindingId: string;
  label: string;
  who: string;
  kind: string;
  phone: string;
  time: string;
}

export function toPendingRow(p: PendingBinding): PendingRow {
  return {
    bindingId: p.bindingId,
    label: p.label,
    who: `${p.name}（${p.relation}）`,
    kind: p.kind === 'proxy' ? '代家人办理（本人不住这里）' : '本人住这里',
    phone: p.phone,
    time: `${shanghaiDateTime(p.createdAt)} 申请`,
  };
}
