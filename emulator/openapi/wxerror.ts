/**
 * WeChat openapi answers: `{ errcode, errmsg }`, where a failure's errmsg ends with a request id
 * (`... rid: 69a509f1-0d6eaf0b-6d509ece`), as api.weixin.qq.com writes it. wx-server-sdk turns a non-zero
 * errcode into a CloudSDKError whose errCode is that number.
 */
import { randomBytes } from 'node:crypto';

export interface WxJson {
  errcode: number;
  errmsg: string;
  [key: string]: unknown;
}

export function rid(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}

export function wxFail(errcode: number, message: string): WxJson {
  return { errcode, errmsg: `${message} rid: ${rid()}` };
}

export function wxOk(extra: Record<string, unknown> = {}): WxJson {
  return { errcode: 0, errmsg: 'ok', ...extra };
}

/** The errcodes the emulator answers with, named as WeChat's documentation describes them. */
export const WX = {
  INVALID_OPENID: 40003,
  INVALID_TEMPLATE_ID: 40037,
  INVALID_PAGE: 41030,
  USER_REFUSED: 43101,
  ARGUMENT_INVALID: 47003,
  INVALID_SCENE: 40169,
  RISKY_CONTENT: 87014,
} as const;
