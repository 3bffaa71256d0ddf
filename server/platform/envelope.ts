import type { Envelope, Fail, Ok } from '../../typings/contract/envelope';
import { AppError } from './errors';

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data });

export const fail = (err: AppError): Fail =>
  err.fields ? { ok: false, code: err.code, message: err.message, fields: err.fields } : { ok: false, code: err.code, message: err.message };

export type { Envelope, Fail, Ok };
