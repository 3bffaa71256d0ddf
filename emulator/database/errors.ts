/**
 * CloudBase-style errors.
 *
 * On the wire CloudBase answers HTTP 200 with `{ code, message, requestId }`. `@cloudbase/node-sdk` turns any
 * response with a `code` into a thrown TcbError, and `wx-server-sdk` maps the code to its numeric errCode
 * (TCB_ERR_CODE: DATABASE_REQUEST_FAILED → -502001, DATABASE_COLLECTION_NOT_EXIST → -502005, unknown codes →
 * -501001) and prefixes the message with `<api>:fail`. The codes and messages below are the ones CloudBase returns,
 * so application code that inspects them behaves the same locally and in production.
 */
export class CloudBaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CloudBaseError';
  }
}

const CONTACT = 'Please check your request, but if the problem persists, contact us.';

export function collectionNotExist(): CloudBaseError {
  return new CloudBaseError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist. ${CONTACT}`);
}

export function collectionAlreadyExists(name: string): CloudBaseError {
  return new CloudBaseError(
    'DATABASE_COLLECTION_ALREADY_EXIST',
    `[ResourceExist] Table exist. collection ${name} already exists. ${CONTACT}`,
  );
}

/**
 * A write that would break a unique index (including `_id`). CloudBase passes MongoDB's E11000 message through as a
 * generic database failure, which wx-server-sdk reports as errCode -502001.
 */
export function duplicateKey(namespace: string, indexName: string, keyText: string): CloudBaseError {
  return new CloudBaseError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${namespace} index: ${indexName} dup key: ${keyText}`,
  );
}

/** The code `db.runTransaction` retries on (see @cloudbase/database transaction/index.ts). */
export function transactionConflict(): CloudBaseError {
  return new CloudBaseError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${CONTACT}`,
  );
}

export function transactionNotFound(id: string): CloudBaseError {
  return new CloudBaseError(
    'DATABASE_TRANSACTION_FAIL',
    `[FailedOperation.Transaction] transaction ${id} does not exist, has been committed, aborted or has expired. ${CONTACT}`,
  );
}

export function invalidParam(detail: string): CloudBaseError {
  return new CloudBaseError('INVALID_PARAM', `[InvalidParameter] ${detail}`);
}

/** A request MongoDB/CloudBase would reject while executing it (bad operator, bad update, oversized document…). */
export function requestFailed(detail: string): CloudBaseError {
  return new CloudBaseError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${detail}`);
}

/** Something the real service supports but this emulator does not: fail loudly instead of pretending. */
export function notImplemented(what: string): CloudBaseError {
  return new CloudBaseError('EMULATOR_NOT_IMPLEMENTED', `[local emulator] ${what} is not implemented by the local CloudBase emulator`);
}
