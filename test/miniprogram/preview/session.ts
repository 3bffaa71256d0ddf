/**
 * A preview session: the demo cloud, one headless Chromium with one 375 px tab, and a folder for the pages' HTML
 * (and PNGs). `shoot` renders a page in a state, opens it in the tab, measures it (checks.ts) and, when asked,
 * takes its screenshot. Used by pages.test.ts (checks only) and gallery.preview.ts (`npm run preview`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { MINIPROGRAM_SRC } from '../harness/build';
import { Chromium, type Tab } from './chromium';
import { adviceOf, CHECK_SCRIPT, problemsOf, type PageChecks } from './checks';
import { startDemoCloud, useRunningCloud, type DemoCloud } from './demoCloud';
import { lookUpDemoIds, PAGES, pagesOfApp, shotName, type DemoIds } from './definitions';
import { renderShot } from './render';
import { SCREEN_WIDTH } from './styles';

/** What a scroll-view's scroll-into-view does on the phone: the named child scrolled into sight inside it. */
const SCROLL_INTO_VIEW = `(() => {
  for (const view of document.querySelectorAll('[data-preview-scroll-into]')) {
    const target = view.querySelector('#' + CSS.escape(view.getAttribute('data-preview-scroll-into')));
    if (!target) continue;
    const v = view.getBoundingClientRect();
    const t = target.getBoundingClientRect();
    view.scrollLeft += t.right > v.right ? t.right - v.right : Math.min(0, t.left - v.left);
    view.scrollTop += t.bottom > v.bottom ? t.bottom - v.bottom : Math.min(0, t.top - v.top);
  }
  return true;
})()`;

export interface Shot {
  page: string;
  state: string;
  name: string;
  role: string;
  title: string;
  note?: string;
  checks?: PageChecks;
  /** Everything that does not hold up, in words (rendering, layout, text, tap targets). */
  problems: string[];
  /** What the gallery suggests looking at, without failing (several primary buttons on one screen). */
  advice?: string[];
  /** The PNG's file name in the output folder, when a screenshot was taken. */
  png?: string;
}

export interface SessionOptions {
  chromium: string;
  outDir: string;
  /** A running local cloud (npm start) instead of a fresh one. */
  cloudUrl?: string;
}

export function appPages(): string[] {
  return pagesOfApp(JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_SRC, 'app.json'), 'utf8')));
}

export class PreviewSession {
  private constructor(
    readonly cloud: DemoCloud,
    readonly ids: DemoIds,
    private readonly browser: Chromium,
    private readonly tab: Tab,
    readonly outDir: string,
  ) {}

  static async open(options: SessionOptions): Promise<PreviewSession> {
    fs.mkdirSync(path.join(options.outDir, 'html'), { recursive: true });
    const cloud = options.cloudUrl ? useRunningCloud(options.cloudUrl) : await startDemoCloud();
    let browser: Chromium | undefined;
    try {
      const ids = await lookUpDemoIds(cloud);
      browser = await Chromium.launch(options.chromium);
      // 2 device px per CSS px: a phone's sharpness; the PNGs are 750 px wide.
      const tab = await browser.newTab(SCREEN_WIDTH, 812, 2);
      return new PreviewSession(cloud, ids, browser, tab, options.outDir);
    } catch (err) {
      browser?.close();
      await cloud.stop();
      throw err;
    }
  }

  async shoot(page: string, state: string, options: { screenshot: boolean }): Promise<Shot> {
    const def = PAGES[page];
    if (!def) throw new Error(`no preview definition for ${page}`);
    const name = shotName(page, state);
    const shot: Shot = { page, state, name, role: def.states[state].role ?? def.role, title: '', note: def.states[state].note, problems: [] };
    try {
      const rendered = await renderShot(page, state, def, { cloud: this.cloud, ids: this.ids });
      shot.title = rendered.title;
      shot.problems.push(...rendered.problems);
      const file = path.join(this.outDir, 'html', `${name}.html`);
      fs.writeFileSync(file, rendered.html);
      await this.tab.open(`file://${file}`);
      await this.tab.evaluate(SCROLL_INTO_VIEW);
      shot.checks = await this.tab.evaluate<PageChecks>(CHECK_SCRIPT);
      shot.problems.push(...problemsOf(shot.checks, SCREEN_WIDTH));
      shot.advice = adviceOf(shot.checks);
      if (options.screenshot) {
        shot.png = `${name}.png`;
        fs.writeFileSync(path.join(this.outDir, shot.png), await this.tab.screenshot(SCREEN_WIDTH));
      }
    } catch (err) {
      shot.problems.push(`did not render: ${(err as Error).stack ?? String(err)}`);
    }
    return shot;
  }

  async close(): Promise<void> {
    this.browser.close();
    await this.cloud.stop();
  }
}
