/**
 * The one error type pages and services see. `code` is stable (`ORDER.NOT_FOUND`, `NETWORK.UNAVAILABLE`),
 * `message` is Chinese and says what the person can do, `fields` carries form-field problems.
 */
export class AppError extends Error {
  readonly code: string;
  readonly fields?: Record<string, string>;

  constructor(code: string, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (fields) this.fields = fields;
    // Keep `instanceof` working when DevTools compiles classes down to ES5.
    Object.setPrototypeOf(this, AppError.prototype);
  }
}

export const NETWORK_UNAVAILABLE = 'NETWORK.UNAVAILABLE';
export const SERVER_UNAVAILABLE = 'SERVER.UNAVAILABLE';
export const CLIENT_UNEXPECTED = 'CLIENT.UNEXPECTED';

export function networkUnavailable(): AppError {
  return new AppError(NETWORK_UNAVAILABLE, '网络不给力，请检查网络后重试');
}

export function serverUnavailable(): AppError {
  return new AppError(SERVER_UNAVAILABLE, '服务暂时不可用，请稍后重试');
}

/** Anything thrown → an AppError a page can show (a programming error still gets a readable message). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError(CLIENT_UNEXPECTED, '出了点问题，请稍后重试');
}
