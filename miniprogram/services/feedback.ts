import { AppError, toAppError } from '../transport/index';

/** The message to show for a failure: the function's own Chinese message, or a generic one. */
export function errorMessage(err: unknown): string {
  return toAppError(err).message;
}

/** Field problems the function named (INPUT.INVALID `fields`), keyed by field, for a form to show under each field. */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  return err instanceof AppError && err.fields ? { ...err.fields } : {};
}

/** A clear toast for any failure (DESIGN.md "a clear toast on every failure"). */
export function showError(err: unknown): void {
  // An AppError is expected (offline, forbidden, invalid input); anything else is a bug worth a log line.
  if (!(err instanceof AppError)) console.error(err);
  wx.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 });
}

/** A short confirmation that something worked. */
export function showDone(title: string): void {
  wx.showToast({ title, icon: 'success', duration: 1500 });
}
