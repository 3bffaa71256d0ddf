/**
 * Every page of app.json in every state of its preview definition, rendered with the demo community and laid out
 * by a real headless Chromium at 375 px: it renders without error, nothing overflows the screen, no `{{`,
 * `undefined`, `NaN`, `null` or `[object Object]` on screen, and every tap target is at least 44 × 44 px.
 * See README.md here for adding a page's definition. Needs Chromium (Debian's `chromium` + `fonts-noto-cjk`).
 */
import * as path from 'path';
import { REPO_ROOT } from '../harness/build';
import { findChromium } from './chromium';
import { PAGES } from './definitions';
import { appPages, PreviewSession } from './session';

const chromium = findChromium();
const pages = appPages();

test('every page in app.json has a preview definition', () => {
  const missing = pages.filter((p) => !PAGES[p]);
  expect(
    missing.map(
      (p) =>
        `${p} has no preview definition: add it to PAGES in test/miniprogram/preview/definitions.ts ` +
        `(e.g. '${p}': standard('demo-resident') — see test/miniprogram/preview/README.md)`,
    ),
  ).toEqual([]);
});

test('every preview definition is a page in app.json', () => {
  expect(Object.keys(PAGES).filter((p) => !pages.includes(p))).toEqual([]);
});

if (!chromium) {
  console.warn('preview checks skipped: no Chromium found (/usr/bin/chromium or SHOUWANG_CHROMIUM); install Debian\'s chromium and fonts-noto-cjk');
}

(chromium ? describe : describe.skip)(`every page and state in Chromium at 375 px${chromium ? '' : ' (skipped: Chromium not installed)'}`, () => {
  let session: PreviewSession;

  beforeAll(async () => {
    const slot = (process.env.SHOUWANG_TEST_SLOT ?? '').replace(/[^A-Za-z0-9_-]/g, '');
    session = await PreviewSession.open({
      chromium: chromium!,
      outDir: path.join(REPO_ROOT, '.build', 'preview-test', `${slot ? `${slot}-` : ''}w${process.env.JEST_WORKER_ID ?? '0'}`),
      cloudUrl: process.env.SHOUWANG_PREVIEW_URL,
    });
  }, 120000);

  afterAll(async () => {
    await session?.close();
  });

  test.each(pages.filter((p) => PAGES[p]))('%s', async (page) => {
    const problems: string[] = [];
    for (const state of Object.keys(PAGES[page].states)) {
      const shot = await session.shoot(page, state, { screenshot: false });
      problems.push(...shot.problems.map((p) => `${state}: ${p}`));
    }
    expect(problems).toEqual([]);
  }, 120000);
});
