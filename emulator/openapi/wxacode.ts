/**
 * wxacode.getUnlimited: WeChat draws a 小程序码 that opens `page` with `scene`; the emulator draws a real QR
 * code (PNG) of a URL carrying the same two values, so a local preview or a test can read it back.
 * Arguments are checked as WeChat checks them (scene ≤ 32 visible characters from WeChat's set, page
 * without a leading slash or query, present in the app when `check_path` is on; width clamped to 280–1280).
 */
import { qrPng } from './qrpng';
import { WX, wxFail, type WxJson } from './wxerror';

export interface WxacodeOptions {
  /** The app's pages in app.json order (the first is the home page); enables page checks. */
  pages?: readonly string[];
}

export type WxacodeAnswer = { ok: true; png: Buffer } | { ok: false; error: WxJson };

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
const DEFAULT_HOME = 'pages/index/index';

/** What the emulator's code encodes; `parseWxacodeContent` reads it back. */
export function wxacodeContent(page: string, scene: string, envVersion = 'release'): string {
  const q = new URLSearchParams({ scene, env_version: envVersion });
  return `https://wxacode.local/${page}?${q.toString()}`;
}

export function parseWxacodeContent(text: string): { page: string; scene: string; envVersion: string } | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.host !== 'wxacode.local') return null;
  return {
    page: url.pathname.slice(1),
    scene: url.searchParams.get('scene') ?? '',
    envVersion: url.searchParams.get('env_version') ?? 'release',
  };
}

export function getUnlimited(p: Record<string, unknown>, opts: WxacodeOptions): WxacodeAnswer {
  const fail = (code: number, msg: string): WxacodeAnswer => ({ ok: false, error: wxFail(code, msg) });
  const scene = typeof p.scene === 'number' ? String(p.scene) : p.scene;
  if (typeof scene !== 'string' || !SCENE.test(scene))
    return fail(WX.INVALID_SCENE, 'invalid length for scene, or the data is not json string');

  const page = p.page === undefined || p.page === '' ? (opts.pages?.[0] ?? DEFAULT_HOME) : p.page;
  if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) return fail(WX.INVALID_PAGE, 'invalid page');
  const checkPath = p.check_path !== false;
  if (checkPath && opts.pages && !opts.pages.includes(page)) return fail(WX.INVALID_PAGE, 'invalid page');

  const envVersion = p.env_version ?? 'release';
  if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion)) return fail(40097, 'invalid args');

  const width = clamp(typeof p.width === 'number' ? p.width : 430, 280, 1280);
  const png = qrPng(wxacodeContent(page, scene, envVersion), { width, margin: 2, line: lineColour(p), transparent: p.is_hyaline === true });
  return { ok: true, png };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(n)));
}

/** `line_color: { r, g, b }` unless `auto_color`; black otherwise, as WeChat draws it. */
function lineColour(p: Record<string, unknown>): [number, number, number] {
  const c = p.line_color as { r?: unknown; g?: unknown; b?: unknown } | undefined;
  if (p.auto_color === true || !c || typeof c !== 'object') return [0, 0, 0];
  const channel = (v: unknown) => clamp(Number(v) || 0, 0, 255);
  return [channel(c.r), channel(c.g), channel(c.b)];
}
