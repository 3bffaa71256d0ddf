/**
 * The one envelope every cloud-function action answers with (DESIGN.md "One envelope").
 * Shared by the mini program (pages → services → transport) and the cloud functions.
 */
export interface Ok<T> {
  ok: true;
  data: T;
}

export interface Fail {
  ok: false;
  /** Stable, dotted, upper case: `ORDER.NOT_FOUND`, `AUTH.FORBIDDEN`, `INPUT.INVALID`. */
  code: string;
  /** Chinese, for a person to act on. */
  message: string;
  /** Field-level problems for forms: field name → Chinese message. */
  fields?: Record<string, string>;
}

export type Envelope<T> = Ok<T> | Fail;

/** What a mini program sends to a cloud function: `{ action: "<noun>.<verb>", data, requestId? }`. */
export interface ActionEvent<D = unknown> {
  action: string;
  data?: D;
  /** Client request id: a retry or double tap with the same id has exactly one effect. */
  requestId?: string;
}
