/** Recognising the database's answers that a handler acts on, across the SDK's error wrappings. */
const text = (err: unknown) => {
  const e = err as { errMsg?: string; message?: string; code?: string } | null;
  return `${e?.code ?? ''} ${e?.errMsg ?? ''} ${e?.message ?? ''}`;
};

/** A unique key (or `_id`) already taken: E11000, as MongoDB and CloudBase say it. */
export const isDuplicateKey = (err: unknown): boolean => /E11000|duplicate key/i.test(text(err));

/** Another transaction or write changed the document first. */
export const isWriteConflict = (err: unknown): boolean => /TRANSACTION_CONFLICT|TransactionConflict/i.test(text(err));

/** `doc(id).get()` of a document that is not there. */
export const isMissingDocument = (err: unknown): boolean => /does not exist/i.test(text(err)) && !/collection/i.test(text(err));
