/**
 * 收款: payment is recorded, never processed — the 楼道长 notes that a household paid (how, how much) or has not.
 * Pure: the rule for what may be recorded and when an order counts as one to chase.
 */
import type { OrderStatus, PaymentMethod } from '../../typings/contract/supply';
import { AppError } from '../platform/errors';
import type { Order } from '../order/order';

/** Orders whose goods were bought: from here the money is owed. */
export const CHARGEABLE: readonly OrderStatus[] = ['purchased', 'delivered', 'received'];

export interface PaymentRecord {
  paid: boolean;
  amountFen?: number;
  method?: PaymentMethod;
}

/** The fields to store; refuses a payment for an order nothing was bought for, or a paid record without amount and way. */
export function paymentChange(
  order: Pick<Order, 'status'>,
  r: PaymentRecord,
  by: string,
  at: Date,
): Pick<Order, 'paymentStatus' | 'payment'> {
  if (!CHARGEABLE.includes(order.status)) {
    throw new AppError(
      'PAYMENT.NOT_DUE',
      order.status === 'cancelled' || order.status === 'rejected' ? '订单已取消或退回，不需要收款' : '采购之后才能记录收款',
    );
  }
  if (!r.paid) return { paymentStatus: 'unpaid', payment: { recordedBy: by, at } };
  if (r.amountFen === undefined || !r.method) {
    throw new AppError('INPUT.INVALID', '记为已付款时请填写金额和付款方式', {
      ...(r.amountFen === undefined ? { amountFen: '请填写金额' } : {}),
      ...(!r.method ? { method: '请选择付款方式' } : {}),
    });
  }
  return { paymentStatus: 'paid', payment: { amountFen: r.amountFen, method: r.method, recordedBy: by, at } };
}
