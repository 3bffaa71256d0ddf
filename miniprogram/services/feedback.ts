import { AppError, toAppError } from '../transport/index';

/** The message to show for a failure: the function's own Chinese message, or a generic one. */
export function errorMessage(err: unknown): string {
  return toAppError(err).message;
}

/** A clear toast for any failure (DESIGN.md "a clear toast on every failure"). */
export function showError(err: unknown): void {
  // An AppError is expected (offline, forbidden, invalid input); anything else is a bug worth a log line.
  if (!(err instanceof AppError)) console.error(err);
  wx.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 });
}
