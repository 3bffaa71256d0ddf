import type { Envelope } from '../../typings/contract/envelope';
import { AppError, serverUnavailable } from './errors';

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; code?: unknown; message?: unknown };
  return v.ok === true || (v.ok === false && typeof v.code === 'string' && typeof v.message === 'string');
}

/** Pure: an envelope → its data, or the AppError it describes. Anything that is not an envelope is a server fault. */
export function unwrap<T>(body: unknown): T {
  if (!isEnvelope(body)) throw serverUnavailable();
  if (body.ok) return body.data as T;
  throw new AppError(body.code, body.message, body.fields);
}
