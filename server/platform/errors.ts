/**
 * Errors that cross the function boundary carry a stable code and a Chinese message a person can act on.
 * Handlers and the domain throw `AppError`; the router turns it into `{ ok: false, code, message }`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

/** Codes shared by every function; each context adds its own (`ORDER.NOT_FOUND`, ...). */
export const CommonErrors = {
  actionUnknown: (action: string) => new AppError('ACTION.UNKNOWN', `不支持的操作「${action}」，请更新小程序后重试`),
  inputInvalid: (message: string, fields?: Record<string, string>) => new AppError('INPUT.INVALID', message, fields),
  forbidden: (message = '你没有权限进行此操作') => new AppError('AUTH.FORBIDDEN', message),
  unauthenticated: () => new AppError('AUTH.UNAUTHENTICATED', '无法识别你的微信身份，请重新打开小程序'),
  notFound: (code: string, message: string) => new AppError(code, message),
  conflict: (code: string, message: string) => new AppError(code, message),
  internal: () => new AppError('INTERNAL', '系统繁忙，请稍后重试；如果一直失败，请联系社区工作人员'),
} as const;
