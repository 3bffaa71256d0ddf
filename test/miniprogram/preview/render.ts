/**
 * One page in one state → a standalone HTML document Chromium can lay out: the page rendered by the test harness
 * (miniprogram-simulate, official wcc, real TDesign) with its backend answered by the demo cloud, serialized with
 * its styles (simulate's scoped WXSS with rpx at 0.5 px, plus styles.ts) under a navigation bar with the page title.
 *
 * Tap targets: every node the templates bind a tap (or longpress) to gets `data-preview-tap`, so the browser can
 * measure what a finger has to hit; form controls are found by their tag there.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Envelope } from '../../../typings/contract/envelope';
import { MINIPROGRAM_SRC } from '../harness/build';
import { FakeWx, renderPage, settle, type Rendered } from '../harness/render';
import type { DemoCloud } from './demoCloud';
import type { DemoIds, PageDefinition, StateDefinition } from './definitions';
import { baseStylesheet, rpxToPx } from './styles';

export interface ShotContext {
  cloud: DemoCloud;
  ids: DemoIds;
}

export interface RenderedShot {
  page: string;
  state: string;
  role: string;
  title: string;
  html: string;
  /** Problems seen while rendering (errors logged by the app or the framework, a page still loading). */
  problems: string[];
}

const DEV_OPENID_KEY = 'shouwang.devOpenid';
const SETTLE_TIMEOUT_MS = 8000;

/** Every array in an answer emptied: the page as it looks when there is nothing yet. */
function emptied(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, emptied(v)]));
  }
  return value;
}

interface ExparserElement {
  $$?: Element;
  __domElement?: Element;
}
interface Exparser {
  addListenerToElement: (elem: ExparserElement, name: string, ...rest: unknown[]) => unknown;
  __previewMarks?: boolean;
}

/** On the modules of the render about to mount: rpx at the preview's scale, tap bindings marked in the DOM. */
function patchSimulate(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require('miniprogram-simulate/src/utils') as { transformRpx: (css: string) => string };
  utils.transformRpx = rpxToPx;
  // j-component converts the templates' inline styles (style="min-width: {{w}}rpx") with its own copy.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('j-component/src/tool/utils') as { transformRpx: (css: string) => string }).transformRpx = rpxToPx;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser') as Exparser;
  if (exparser.__previewMarks) return;
  const add = exparser.addListenerToElement.bind(exparser);
  exparser.addListenerToElement = (elem, name, ...rest) => {
    if (name === 'tap' || name === 'longpress') {
      const dom = elem?.$$ ?? elem?.__domElement;
      if (dom && typeof dom.setAttribute === 'function') dom.setAttribute('data-preview-tap', '');
    }
    return add(elem, name, ...rest);
  };
  exparser.__previewMarks = true;
}

/** The title in the navigation bar: what the page set, else its json, else the app's window title. */
function titleOf(pagePath: string, wx: FakeWx): string {
  if (wx.titles.length) return wx.titles[wx.titles.length - 1];
  const read = (file: string): { navigationBarTitleText?: string; window?: { navigationBarTitleText?: string } } => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return {};
    }
  };
  return (
    read(path.join(MINIPROGRAM_SRC, `${pagePath}.json`)).navigationBarTitleText ??
    read(path.join(MINIPROGRAM_SRC, 'app.json')).window?.navigationBarTitleText ??
    ''
  );
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const NAVBAR_CSS = `
.preview-navbar { display: flex; align-items: center; justify-content: center; height: 44px; background: #ffffff;
  font: 600 17px/44px 'Noto Sans CJK SC', sans-serif; color: #000000; border-bottom: 0.5px solid rgba(0, 0, 0, 0.1); }
`;

interface VirtualNode {
  attrs?: { name: string; value: unknown }[];
}
/** A node's attributes as the template gave them (j-component keeps built-ins' `value`, `placeholder` off the DOM). */
function templateAttr(node: Element, name: string): unknown {
  const vt = (node as unknown as { __wxElement?: { _vt?: VirtualNode } }).__wxElement?._vt;
  return vt?.attrs?.find((a) => a.name === name)?.value;
}

const ENTITIES: Record<string, string> = { nbsp: '\u00a0', lt: '<', gt: '>', amp: '&', apos: "'", quot: '"', ensp: '\u2002', emsp: '\u2003' };

/**
 * What the DOM lacks to look like the phone: fields show their value or placeholder, <text decode> decodes
 * entities, a scroll-view remembers its scroll-into-view (session.ts scrolls it in the browser), and TDesign's nodes take the page's and app.wxss's classes (its components use addGlobalClass, so on a
 * phone `.t-input__control` in app.wxss reaches inside them; simulate scopes it to `main--`).
 */
function completeDom(root: Element): void {
  for (const node of Array.from(root.querySelectorAll('[style]'))) {
    node.setAttribute('style', rpxToPx(node.getAttribute('style') ?? ''));
  }
  for (const field of Array.from(root.querySelectorAll('wx-input, wx-textarea'))) {
    const value = templateAttr(field, 'value');
    const placeholder = templateAttr(field, 'placeholder');
    if (value !== undefined && value !== null && String(value) !== '') field.textContent = String(value);
    else if (typeof placeholder === 'string' && placeholder) field.setAttribute('data-placeholder', placeholder);
  }
  for (const node of Array.from(root.querySelectorAll('*'))) {
    const id = (node as unknown as { __wxElement?: { id?: string } }).__wxElement?.id;
    if (id && !node.id) node.id = id;
  }
  for (const scroller of Array.from(root.querySelectorAll('wx-scroll-view'))) {
    const into = templateAttr(scroller, 'scroll-into-view') ?? templateAttr(scroller, 'scrollIntoView');
    if (typeof into === 'string' && into) scroller.setAttribute('data-preview-scroll-into', into);
  }
  for (const text of Array.from(root.querySelectorAll('wx-text'))) {
    const decode = templateAttr(text, 'decode');
    if (decode === undefined || decode === false || decode === 'false') continue;
    for (const child of Array.from(text.childNodes)) {
      if (child.nodeType === 3) child.textContent = (child.textContent ?? '').replace(/&(\w+);/g, (all, name: string) => ENTITIES[name] ?? all);
    }
  }
  for (const node of Array.from(root.querySelectorAll('[class*="t-"]'))) {
    const global = Array.from(node.classList)
      .map((c) => /^t-[a-z-]+?--(.+)$/.exec(c)?.[1])
      .filter((c): c is string => !!c && !c.startsWith('t-class'))
      .map((c) => `main--${c}`);
    if (global.length) node.classList.add(...global);
  }
}

interface ExNode {
  $$?: Element;
  __virtual?: boolean;
  __externalClassAlias?: Record<string, unknown> | null;
  classList?: { _rawNames?: string[] };
  childNodes?: ExNode[];
  shadowRoot?: ExNode;
  parentNode?: ExNode;
}

const rawClasses = (node: ExNode): string[] => {
  try {
    return node.classList?._rawNames ?? [];
  } catch {
    return [];
  }
};

/** The DOM prefix of the template a node sits in: from the nearest element above it with a class of its own. */
function templatePrefix(node: ExNode): string {
  for (let n = node.parentNode; n; n = n.parentNode) {
    const raw = rawClasses(n).filter((c) => c !== 'class' && !c.startsWith('t-class'));
    if (!n.$$ || !raw.length) continue;
    const token = Array.from(n.$$.classList).find((c) => c.endsWith(`--${raw[0]}`));
    if (token) return token.slice(0, -(raw[0].length + 2));
  }
  return 'main';
}

/** The elements a component's template starts with (through virtual nodes). */
function rootElements(node: ExNode | undefined, out: ExNode[] = []): ExNode[] {
  for (const child of node?.childNodes ?? []) {
    if (child.$$ && !child.__virtual) out.push(child);
    else rootElements(child, out);
  }
  return out;
}

/**
 * `<t-button class="call">`: on a phone the classes given to a component that declares `class` as an external class
 * land on its root (TDesign's are virtual hosts: no node of their own). j-component keeps them on the host; this
 * puts them on the root elements, scoped like the template that wrote them.
 */
function applyHostClasses(node: ExNode | undefined): void {
  if (!node) return;
  const hostClasses = rawClasses(node);
  if (node.__virtual && node.__externalClassAlias && 'class' in node.__externalClassAlias && hostClasses.length) {
    const prefix = templatePrefix(node);
    for (const el of rootElements(node.shadowRoot)) {
      if (rawClasses(el).includes('class')) el.$$?.classList.add(...hostClasses.map((c) => `${prefix}--${c}`));
    }
  }
  for (const child of node.childNodes ?? []) applyHostClasses(child);
  applyHostClasses(node.shadowRoot);
}

function documentOf(page: Rendered, title: string): string {
  const root = page.comp.dom as Element;
  applyHostClasses((page.comp as unknown as { _exparserNode?: ExNode })._exparserNode);
  completeDom(root);
  const styles = Array.from(document.head.querySelectorAll('style'))
    .map((s) => s.textContent ?? '')
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=375, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${baseStylesheet()}\n${NAVBAR_CSS}</style>`,
    `<style>${styles}</style>`,
    '</head><body>',
    `<header class="preview-navbar">${escapeHtml(title)}</header>`,
    `<page>${root.outerHTML}</page>`,
    '</body></html>',
  ].join('\n');
}

/** Renders one state of one page with the demo cloud behind it. */
export async function renderShot(pagePath: string, stateName: string, def: PageDefinition, ctx: ShotContext): Promise<RenderedShot> {
  const state: StateDefinition = def.states[stateName];
  const role = state.role ?? def.role;
  const problems: string[] = [];
  let inFlight = 0;

  const wx = new FakeWx();
  wx.storage.set(DEV_OPENID_KEY, role);
  if (state.activeRole) wx.storage.set('shouwang.activeRole', state.activeRole);
  wx.otherwise(async (call) => {
    inFlight += 1;
    try {
      const answer = await ctx.cloud.call(call.openid ?? role, call.name, call.action, call.data, call.requestId);
      return (state.backend === 'empty' && answer.ok ? { ok: true, data: emptied(answer.data) } : answer) as Envelope<unknown>;
    } finally {
      inFlight -= 1;
    }
  });
  if (state.backend === 'offline') wx.online = false;
  else if (typeof state.backend === 'function') state.backend(wx, ctx);

  await state.prepare?.(ctx);
  const query = { ...(def.query ? await def.query(ctx) : {}), ...(state.query ? await state.query(ctx) : {}) };

  const originalError = console.error;
  console.error = (...args: unknown[]) => {
    problems.push(`logged an error: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`.slice(0, 500));
  };
  let page: Rendered | undefined;
  try {
    page = renderPage(pagePath, { wx, query, beforeMount: patchSimulate });
    await quiet(page, () => inFlight, problems);
    if (state.act) {
      await state.act(page, ctx);
      await quiet(page, () => inFlight, problems);
    }
    // A state meant to show data must not be showing the error view (a wrong role or query in the definition, or a
    // real failure); only the 'offline' states are meant to.
    const errorView = (page.comp.dom as Element).querySelector('[class*="state-view--error"]');
    if (errorView && state.backend !== 'offline' && !state.showsError) {
      problems.push(`shows its error view: 「${(errorView.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80)}」`);
    }
    const title = titleOf(pagePath, wx);
    return { page: pagePath, state: stateName, role, title, html: documentOf(page, title), problems };
  } finally {
    console.error = originalError;
    page?.detach();
    // simulate adds one <style> per load; the next page brings its own.
    document.head.querySelectorAll('style').forEach((s) => s.remove());
  }
}

/** Waits until no request is in flight and no state-view shows its loading state (twice in a row). */
async function quiet(page: Rendered, inFlight: () => number, problems: string[]): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let calm = 0;
  while (calm < 2) {
    await settle(3);
    const loading = (page.comp.dom as Element).querySelector('[class*="state-view--loading"]');
    calm = inFlight() === 0 && !loading ? calm + 1 : 0;
    if (Date.now() > deadline) {
      problems.push(`still loading after ${SETTLE_TIMEOUT_MS} ms (requests in flight: ${inFlight()})`);
      return;
    }
    if (calm === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
