/**
 * What the preview checks on every page and state, measured by Chromium's layout (not jsdom's, which has none):
 * - nothing overflows the 375 px screen (the document does not scroll sideways, no visible box sticks out, unless
 *   it sits in something that scrolls or clips sideways on purpose);
 * - no template leftovers or broken values on screen: `{{`, `undefined`, `NaN`, `null`, `[object Object]`;
 * - every tap target at least 44 × 44 px (88 rpx, WeChat's guidance): nodes with a tap binding, buttons, form
 *   controls, links;
 * - text at least 28 rpx (14 px), and in contrast with what is behind it (WCAG AA: 4.5:1, 3:1 for large text).
 */
export interface PageChecks {
  /** The document's width: 375 unless something pushes it wider. */
  scrollWidth: number;
  overflow: string[];
  badText: string[];
  smallTargets: string[];
  smallText: string[];
  lowContrast: string[];
  /** The labels of the filled primary buttons on screen (advice, not a failure: a list may repeat one per row). */
  primaries: string[];
}

export const MIN_TARGET_PX = 44;
/** Body text at least 28 rpx: 14 px on the preview's screen. */
export const MIN_FONT_PX = 14;

/**
 * TDesign binds a tap on the root of every icon, tag, avatar, image and badge, only to re-emit it as a click event: they
 * are no tap targets unless a page listens (the app does not: an icon that acts sits in a button or a cell).
 */
const DECORATIVE = /(^|\s)(t-icon--t-icon|t-tag--t-tag|t-avatar--t-avatar|t-image--t-image|t-badge--t-badge)(\s|$)/;

/**
 * Runs in the page (Runtime.evaluate): plain browser JavaScript, no imports. Nodes are described by their tag, the
 * page's classes (simulate's prefixes stripped) and their text, so a failure says where to look.
 */
export const CHECK_SCRIPT = `(() => {
  const WIDTH = document.documentElement.clientWidth;
  const MIN = ${MIN_TARGET_PX};
  const MIN_FONT = ${MIN_FONT_PX};
  const DECORATIVE = ${DECORATIVE.toString()};
  const describe = (el) => {
    const cls = (el.getAttribute('class') || '').split(/\\s+/).filter(Boolean).map((c) => c.replace(/^[\\w-]+?--/, '')).slice(0, 3).join('.');
    const text = (el.innerText || el.getAttribute('placeholder') || '').replace(/\\s+/g, ' ').trim().slice(0, 24);
    return el.tagName.toLowerCase() + (cls ? '.' + cls : '') + (text ? ' 「' + text + '」' : '');
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    return true;
  };
  const clippedSideways = (el) => {
    for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
      const ox = getComputedStyle(n).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
    }
    return false;
  };
  const all = Array.from(document.querySelectorAll('page *'));

  const overflow = [];
  for (const el of all) {
    if (!visible(el) || clippedSideways(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > WIDTH + 0.5 || r.left < -0.5) overflow.push(describe(el) + ' spans ' + Math.round(r.left) + '…' + Math.round(r.right) + ' px');
  }

  const text = document.body.innerText;
  const badText = [];
  for (const [label, re] of [['{{', /\\{\\{/], ['undefined', /undefined/], ['NaN', /\\bNaN\\b/], ['null', /\\bnull\\b/], ['[object Object]', /\\[object Object\\]/]]) {
    const m = re.exec(text);
    if (m) badText.push(label + ' in 「' + text.slice(Math.max(0, m.index - 20), m.index + 30).replace(/\\s+/g, ' ') + '」');
  }

  const isTarget = (el) => (el.hasAttribute('data-preview-tap') && !DECORATIVE.test(el.getAttribute('class') || '')) ||
    /^(wx-button|wx-input|wx-textarea|wx-picker|wx-switch|wx-checkbox|wx-radio|wx-slider|wx-navigator|a|button|input|textarea)$/i.test(el.tagName);
  const bigEnough = (el) => { const r = el.getBoundingClientRect(); return r.width + 0.5 >= MIN && r.height + 0.5 >= MIN; };
  const smallTargets = [];
  for (const el of all.filter(isTarget)) {
    if (!visible(el) || bigEnough(el)) continue;
    // Inside a target that is big enough (an arrow icon in a tappable row), the finger lands on the bigger one.
    let covered = false;
    for (let n = el.parentElement; n && !covered; n = n.parentElement) covered = isTarget(n) && bigEnough(n);
    if (covered) continue;
    const r = el.getBoundingClientRect();
    smallTargets.push(describe(el) + ' is ' + Math.round(r.width) + ' × ' + Math.round(r.height) + ' px');
  }
  // Text: every visible run of words at least MIN_FONT px, and readable on what is behind it (WCAG AA).
  const parse = (c) => { const m = /rgba?\\(([^)]+)\\)/.exec(c); if (!m) return null; const [r, g, b, a] = m[1].split(',').map(Number); return [r, g, b, a === undefined || Number.isNaN(a) ? 1 : a]; };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const background = (el) => {
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.backgroundImage !== 'none') return null; // a gradient or picture: not measured
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]);
  };
  const luminance = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const smallText = [];
  const lowContrast = [];
  for (const el of all) {
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    if (!own || !visible(el) || el.closest('[class*="disabled"]')) continue;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    if (size + 0.01 < MIN_FONT) smallText.push(describe(el) + ' is ' + size + ' px (' + size * 2 + ' rpx)');
    const bg = background(el);
    const fg = parse(s.color);
    if (!bg || !fg) continue;
    const text = over(fg, bg);
    const [hi, lo] = [luminance(text), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 600);
    if (ratio + 0.005 < (large ? 3 : 4.5)) lowContrast.push(describe(el) + ' contrast ' + ratio.toFixed(2) + ':1 (' + s.color + ' on ' + 'rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + '))');
  }
  // Filled primary buttons on screen (TDesign's theme primary, variant base): one screen, one main action.
  const primaries = all.filter((el) => /t-button--t-button--primary/.test(el.getAttribute('class') || '') && /t-button--t-button--base/.test(el.getAttribute('class') || '') && visible(el)).map((el) => (el.innerText || '').trim());
  return { scrollWidth: document.documentElement.scrollWidth, overflow: overflow.slice(0, 10), badText, smallTargets: smallTargets.slice(0, 10),
    smallText: smallText.slice(0, 10), lowContrast: lowContrast.slice(0, 10), primaries };
})()`;

/** The problems of one shot in words (empty when it holds up). */
export function problemsOf(checks: PageChecks, width: number): string[] {
  return [
    ...(checks.scrollWidth > width ? [`the page is ${checks.scrollWidth} px wide (screen: ${width} px)`] : []),
    ...checks.overflow.map((o) => `overflows the screen: ${o}`),
    ...checks.badText.map((t) => `shows ${t}`),
    ...checks.smallTargets.map((t) => `tap target under ${MIN_TARGET_PX} × ${MIN_TARGET_PX} px: ${t}`),
    ...checks.smallText.map((t) => `text under ${MIN_FONT_PX} px (28 rpx): ${t}`),
    ...checks.lowContrast.map((t) => `text hard to read (WCAG AA wants 4.5:1, 3:1 when large): ${t}`),
  ];
}

/** Advice the gallery shows beside a shot without failing it. */
export function adviceOf(checks: PageChecks): string[] {
  return checks.primaries.length > 1 ? [`${checks.primaries.length} primary buttons on one screen (${checks.primaries.slice(0, 4).join('、')}…): is one of them the main action?`] : [];
}
