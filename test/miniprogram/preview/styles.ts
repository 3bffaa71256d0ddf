/**
 * The CSS a rendered page needs to look in Chromium as it does on a phone, besides the pages' and components' own
 * WXSS that miniprogram-simulate already inserts (scoped by its class prefixes):
 * - rpx → px at 0.5 px per rpx: a 375 px wide screen is 750 rpx;
 * - the WeChat base styles of the built-in components (`wx-view` is a block, `wx-image` 320 × 240 by default…);
 * - TDesign's theme variables and base styles, then app.wxss (the app's theme on `page` and its global classes,
 *   which apply to every page's template: simulate prefixes page classes with `main--`);
 * - TDesign's icon font lives on a CDN the preview cannot reach, so the icons the app uses are drawn from Unicode.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../harness/build';

/** The phone the preview draws: 375 CSS px wide (an iPhone's width), 750 rpx. */
export const SCREEN_WIDTH = 375;
export const PX_PER_RPX = SCREEN_WIDTH / 750;

/** Every `12rpx` / `0.5rpx` / `-8rpx` in CSS text, in px for the preview's screen. */
export function rpxToPx(css: string): string {
  return css.replace(/(-?\d*\.?\d+)rpx/gi, (_all, n: string) => `${Number((Number(n) * PX_PER_RPX).toFixed(3))}px`);
}

/** The built-in components as the WeChat client lays them out (its base stylesheet), by their rendered tag names. */
const WECHAT_BASE = `
html, body { margin: 0; padding: 0; width: ${SCREEN_WIDTH}px; -webkit-text-size-adjust: 100%; }
body { background: #f3f5f7; }
page { display: block; min-height: 100vh; }
main, parent-wrapper { display: block; }
wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-movable-area, wx-cover-view, wx-form, wx-block { display: block; }
wx-scroll-view { overflow: auto; }
wx-scroll-view[scroll-x="true"] { overflow-x: auto; }
wx-text, wx-label, wx-block { display: inline; }
wx-text { white-space: pre-wrap; }
wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; }
wx-image > img, wx-image > div { width: 100%; height: 100%; }
wx-icon { display: inline-block; }
wx-input { display: block; height: 1.4rem; min-height: 1.4rem; overflow: hidden; text-overflow: clip; white-space: nowrap; cursor: auto; }
wx-textarea { display: block; width: 300px; height: 150px; white-space: pre-wrap; word-break: break-all; }
wx-input[data-placeholder]:empty::before, wx-textarea[data-placeholder]:empty::before { content: attr(data-placeholder); color: rgba(0, 0, 0, 0.4); }
wx-input { align-content: center; }
wx-button { position: relative; display: block; margin-left: auto; margin-right: auto; padding-left: 14px; padding-right: 14px;
  box-sizing: border-box; font-size: 18px; text-align: center; text-decoration: none; line-height: 2.55555556; border-radius: 5px;
  -webkit-tap-highlight-color: transparent; overflow: hidden; color: #000000; background-color: #f8f8f8; }
/* The border of a button is this half-scale pseudo-element (a crisp hairline); TDesign's variants colour it. */
wx-button::after { content: ' '; width: 200%; height: 200%; position: absolute; top: 0; left: 0; border: 1px solid rgba(0, 0, 0, 0.2);
  transform: scale(0.5); transform-origin: 0 0; box-sizing: border-box; border-radius: 10px; pointer-events: none; }
wx-picker, wx-navigator { display: block; }
wx-switch, wx-checkbox, wx-radio { display: inline-block; }
wx-canvas { display: block; width: 300px; height: 150px; }
[hidden] { display: none !important; }
`;

/** The glyphs of the TDesign icons the app shows (their font is on a CDN): a look-alike character each. */
const ICON_GLYPHS: Record<string, string> = {
  'chevron-right': '›',
  'chevron-left': '‹',
  'chevron-down': '⌄',
  'chevron-up': '⌃',
  check: '✓',
  'check-circle': '✓',
  'check-circle-filled': '✓',
  'error-circle': '!',
  'error-circle-filled': '!',
  'info-circle': 'i',
  'info-circle-filled': 'i',
  'close-circle-filled': '×',
  close: '×',
  call: '☎',
  'file-copy': '⧉',
  user: '☺',
  'user-add': '+',
  home: '⌂',
  add: '+',
  remove: '−',
  search: '⌕',
  'notification-filled': '!',
  time: '◷',
  location: '⌖',
  help: '?',
  'help-circle': '?',
};

function iconCss(): string {
  const base = `wx-label.t-icon--t-icon-base::before { font-family: 'Noto Sans CJK SC', sans-serif !important; font-weight: 600; content: '•'; }\n`;
  return (
    base +
    Object.entries(ICON_GLYPHS)
      .map(([name, glyph]) => `wx-label.t-icon--t-icon-${name}.t-icon--t-icon-base::before { content: '${glyph}'; }`)
      .join('\n')
  );
}

let cachedBase: string | undefined;

interface WxssCompiler {
  compile(wxss: string, options: { prefix?: string }): string;
}

/**
 * The stylesheet every page gets before its own: WeChat base, TDesign theme and base, app.wxss (classes prefixed as
 * simulate prefixes a page's template), icon glyphs. Call inside a render (it uses simulate's WXSS compiler).
 */
export function baseStylesheet(): string {
  if (cachedBase) return cachedBase;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wxss = require('miniprogram-simulate/src/wxss') as WxssCompiler;
  const tdesign = path.join(REPO_ROOT, 'node_modules', 'tdesign-miniprogram', 'miniprogram_dist', 'common', 'style');
  const theme = fs.readFileSync(path.join(tdesign, 'theme', '_index.wxss'), 'utf8');
  const appWxss = fs.readFileSync(path.join(REPO_ROOT, 'miniprogram', 'app.wxss'), 'utf8');
  cachedBase = [
    WECHAT_BASE,
    rpxToPx(theme),
    // app.wxss on a page's template: its classes carry the page's prefix; `page` stays the page element.
    rpxToPx(wxss.compile(appWxss, { prefix: 'main' })),
    iconCss(),
  ].join('\n');
  return cachedBase;
}
