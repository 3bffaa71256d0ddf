/**
 * Renders a page or component of the mini program with miniprogram-simulate and the official wcc compiler, on the
 * code built by build.ts, with real TDesign components (their ESM goes through Jest's babel-jest transform because
 * simulate loads component JS with Jest's `require`).
 *
 *   const wx = new FakeWx().ok('community', 'me.get', profile);
 *   const page = renderPage('pages/me/index', { wx });
 *   await waitFor(() => page.instance.data.status === 'error');
 *   await page.tap('.page-state >>> .state-view__retry >>> .t-button');
 *   await waitFor(() => page.textOf('.page-state').includes('楼道长'));
 *
 * Selectors are j-component's: each `>>>` steps into one custom component's own template, starting from a node of
 * the page's template. Tap TDesign's inner node (`.t-button`, `.t-cell`), where its tap handler is bound — not
 * the custom component's host.
 *
 * Every render starts from a fresh module registry (jest.resetModules): simulate registers components by running
 * their JS once per registry, so loading a second page in the same registry would find nothing to register.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { RootComponent } from 'j-component';
import { buildMiniprogram } from './build';
import { cachedText, hashOf } from './diskCache';
import { FakeWx } from './fakeWx';
import { recordSetData } from './setDataLog';

type Simulate = typeof import('miniprogram-simulate');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = RootComponent<any, any, any>;

// A test file's first render compiles TDesign's ESM through babel-jest (cached on disk afterwards).
jest.setTimeout(30000);

let builtRoot: string | undefined;

/** The runnable copy of the mini program, built once per test file. */
export function miniprogramRoot(): string {
  builtRoot ??= buildMiniprogram();
  return builtRoot;
}

export interface Rendered {
  readonly comp: AnyComponent;
  readonly wx: FakeWx;
  /** The component instance: data, methods (and for pages, the page lifecycles in methods). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly instance: any;
  /** The rendered text, whitespace collapsed. */
  text(): string;
  /** The rendered text of one node (e.g. '.page-state', the page's state-view). */
  textOf(selector: string): string;
  /** Finds a node (j-component selector; `a >>> b` reaches inside custom components) or throws. */
  find(selector: string): AnyComponent;
  exists(selector: string): boolean;
  /** Taps a node like a finger would, then lets the resulting work run. */
  tap(selector: string): Promise<void>;
  /** Removes the rendered tree from the document (afterEach). */
  detach(): void;
}

export interface RenderOptions {
  wx?: FakeWx;
  /** Page query, passed to onLoad. */
  query?: Record<string, string>;
  /** Component properties (renderComponent only). */
  properties?: Record<string, unknown>;
  /**
   * Runs after the fresh registry is booted and before the page is mounted: the preview (test/miniprogram/preview)
   * sets simulate's rpx conversion and marks tap targets here, on the modules this render will use.
   */
  beforeMount?: () => void;
}

/** Lets pending callbacks and promise chains run (the fake answers on a later macrotask, like the platform). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits until `check` holds (or throws its last failure after `timeoutMs`). */
export async function waitFor(check: () => boolean | void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (check() !== false) return;
      lastError = new Error(`waitFor: condition still false after ${timeoutMs} ms`);
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Compiling is pure and slow (wcc over the whole tree ~450 ms, simulate's postcss pass over TDesign's styles
 * ~400 ms) and a fresh registry would redo it on every render, so both go through a content-addressed cache.
 */
interface CompilerModule {
  wxmlToJs(rootPath: string, options?: unknown): string;
}
interface WxssModule {
  compile(wxss: string, options: { prefix?: string; less?: boolean }): string;
}

/** Every input wcc reads: the templates, the wxs modules and the json that names custom components. */
function wxmlInputs(root: string): string[] {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (/\.(wxml|wxs|json)$/.test(entry.name)) parts.push(path.relative(root, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return parts;
}

function cacheCompilers(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const compiler = require('miniprogram-compiler') as CompilerModule;
  const wxmlToJs = compiler.wxmlToJs.bind(compiler);
  compiler.wxmlToJs = (rootPath, options) =>
    cachedText('wcc', hashOf([JSON.stringify(options ?? {}), ...wxmlInputs(rootPath)]), () => wxmlToJs(rootPath, options));

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wxss = require('miniprogram-simulate/src/wxss') as WxssModule;
  const compile = wxss.compile.bind(wxss);
  wxss.compile = (content, options) =>
    cachedText('wxss', hashOf([options.prefix ?? '', options.less ? 'less' : '', content]), () => compile(content, options));
}

interface Exparser {
  Component: { getMethod(node: unknown, name: string): unknown };
  Element: { getMethodCaller(node: unknown): unknown };
}

/**
 * On a phone, `this.selectComponent('#x')` answers null when nothing matches (TDesign relies on it: the cascader
 * looks for a `#tabs` it renders only in its tab theme). j-component hands the missing node to exparser, which
 * throws; this makes the lookup of nothing answer null, as the platform does.
 */
function selectComponentAnswersNull(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser') as Exparser & { __nullSafe?: boolean };
  if (exparser.__nullSafe) return;
  const getMethod = exparser.Component.getMethod.bind(exparser.Component);
  const getMethodCaller = exparser.Element.getMethodCaller.bind(exparser.Element);
  exparser.Component.getMethod = (node, name) => (node ? getMethod(node, name) : undefined);
  exparser.Element.getMethodCaller = (node) => (node ? getMethodCaller(node) : null);
  exparser.__nullSafe = true;
}

interface AppOptions {
  onLaunch?: (options: unknown) => void;
  [key: string]: unknown;
}

/** Fresh modules, fake wx over simulate's, and the real app.js run as the platform would before any page. */
function boot(fake: FakeWx): Simulate {
  jest.resetModules();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate;
  cacheCompilers();
  selectComponentAnswersNull();
  fake.install();

  const g = globalThis as unknown as Record<string, unknown>;
  let app: AppOptions = {};
  g.App = (options: AppOptions) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(miniprogramRoot(), 'app.js'));
  app.onLaunch?.({ path: 'pages/home/index', query: {}, scene: 1001 });
  return simulate;
}

const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function mount(simulate: Simulate, modulePath: string, fake: FakeWx, properties?: Record<string, unknown>): Rendered {
  const root = miniprogramRoot();
  const id = simulate.load(path.join(root, modulePath), {
    rootPath: root,
    compiler: 'official',
    compilerOptions: { maxBuffer: 64 * 1024 * 1024 },
  });
  const comp = simulate.render(id, properties) as AnyComponent;
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  comp.attach(parent);

  const find = (selector: string): AnyComponent => {
    const node = comp.querySelector(selector);
    if (!node) throw new Error(`no node matches "${selector}" in ${modulePath}`);
    return node as AnyComponent;
  };
  return {
    comp,
    wx: fake,
    instance: comp.instance,
    text: () => collapse(comp.dom?.textContent),
    textOf: (selector) => collapse(find(selector).dom?.textContent),
    find,
    exists: (selector) => comp.querySelector(selector) !== undefined,
    async tap(selector) {
      find(selector).dispatchEvent('tap');
      await settle();
    },
    detach() {
      // Cleanup only needs the DOM gone; comp.detach() would also walk every component's lifetimes (slow).
      parent.remove();
    },
  };
}

/** Renders a page (e.g. 'pages/me/index') and runs onLoad(query) and onShow, as the platform does on navigation. */
export function renderPage(pagePath: string, options: RenderOptions = {}): Rendered {
  const fake = options.wx ?? new FakeWx();
  const simulate = boot(fake);
  options.beforeMount?.();
  const page = mount(simulate, pagePath, fake);
  recordSetData(pagePath, page.instance);
  page.instance.onLoad?.(options.query ?? {});
  page.instance.onShow?.();
  return page;
}

/** Renders a component (e.g. 'components/state-view/index') with properties. */
export function renderComponent(componentPath: string, options: RenderOptions = {}): Rendered {
  const fake = options.wx ?? new FakeWx();
  const simulate = boot(fake);
  return mount(simulate, componentPath, fake, options.properties);
}

export { FakeWx };
