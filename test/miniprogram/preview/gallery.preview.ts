/**
 * `npm run preview` runs this file with Jest (preview.jest.config.js: the miniprogram project's jsdom and transforms)
 * so it can reuse the test harness: every page of app.json in every state of its definition → a PNG at 375 px
 * (750 device px) in .build/preview/, named <page>.<state>.png, and an index.html gallery with what each shot shows
 * and any problem the checks found. It fails (after writing everything) when a shot has a problem.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../harness/build';
import { findChromium } from './chromium';
import { PAGES } from './definitions';
import { appPages, PreviewSession, type Shot } from './session';

const OUT_DIR = process.env.SHOUWANG_PREVIEW_OUT ?? path.join(REPO_ROOT, '.build', 'preview');
/** `npm run preview -- --docs` copies these into docs/screenshots/ for the README. */
const DOCS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const README_SHOTS = ['check-in.form', 'check-in.abnormal', 'leader-board.loaded', 'leader-check-ins.loaded', 'grid-check-ins.loaded'];

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function gallery(shots: Shot[], missing: string[], seconds: number): string {
  const byPage = new Map<string, Shot[]>();
  for (const shot of shots) byPage.set(shot.page, [...(byPage.get(shot.page) ?? []), shot]);
  const sections = [...byPage.entries()].map(([page, list]) => {
    const figures = list
      .map(
        (s) => `<figure${s.problems.length ? ' class="bad"' : ''}>
  ${s.png ? `<a href="${s.png}"><img src="${s.png}" width="375" loading="lazy" alt="${escapeHtml(`${s.title} · ${s.state}`)}"></a>` : '<div class="none">没有截图</div>'}
  <figcaption><b>${escapeHtml(s.state)}</b> · ${escapeHtml(s.role)}${s.note ? `<br>${escapeHtml(s.note)}` : ''}
  ${s.problems.length ? `<ul>${s.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : ''}
  ${s.advice?.length ? `<ul class="advice">${s.advice.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` : ''}</figcaption>
</figure>`,
      )
      .join('\n');
    return `<section><h2>${escapeHtml(list[0].title)} <code>${escapeHtml(page)}</code></h2>\n<div class="row">${figures}</div></section>`;
  });
  const bad = shots.filter((s) => s.problems.length).length;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>守望 · 页面预览</title>
<style>
body { margin: 24px; font: 14px/1.5 'Noto Sans CJK SC', sans-serif; background: #eceff1; color: #1f2328; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin: 32px 0 8px; } code { font-size: 12px; color: #57606a; }
.row { display: flex; gap: 20px; align-items: flex-start; overflow-x: auto; padding-bottom: 8px; }
figure { margin: 0; flex: none; width: 375px; } figure img { display: block; border: 1px solid #c9d1d9; background: #fff; }
figure.bad img { border: 3px solid #d54941; } figcaption { padding: 6px 2px; } li { color: #b42318; } .advice li { color: #7a5a00; }
</style></head><body>
<h1>守望 · 每个页面，每种状态（375 px 宽，演示社区「吉星新苑」）</h1>
<p>${shots.length} 张截图，${byPage.size} 个页面，用时 ${seconds.toFixed(1)} 秒；${bad ? `<b style="color:#b42318">${bad} 张有问题</b>` : '全部通过检查（不溢出、没有 undefined / NaN / null / {{、点击区域 ≥ 44 × 44 px）'}。
${missing.length ? `<br><b style="color:#b42318">没有预览定义的页面：${missing.map(escapeHtml).join('、')}</b>` : ''}</p>
${sections.join('\n')}
</body></html>
`;
}

jest.setTimeout(30 * 60 * 1000);

test('npm run preview: every page and state, screenshots and gallery', async () => {
  const chromium = findChromium();
  if (!chromium) throw new Error("no Chromium found (/usr/bin/chromium or SHOUWANG_CHROMIUM): install Debian's chromium and fonts-noto-cjk");
  const started = Date.now();
  const only = process.env.SHOUWANG_PREVIEW_ONLY;
  // A partial run (--only) keeps the other pages' shots from the last full run.
  if (!only) fs.rmSync(OUT_DIR, { recursive: true, force: true });
  const session = await PreviewSession.open({ chromium, outDir: OUT_DIR, cloudUrl: process.env.SHOUWANG_PREVIEW_URL });
  const shots: Shot[] = [];
  const pages = appPages();
  const missing = pages.filter((p) => !PAGES[p]);
  try {
    for (const page of pages.filter((p) => PAGES[p] && (!only || p.includes(only)))) {
      for (const state of Object.keys(PAGES[page].states)) {
        const shot = await session.shoot(page, state, { screenshot: true });
        shots.push(shot);
        const notes = [...shot.problems, ...(shot.advice ?? []).map((a) => `(advice) ${a}`)];
        console.log(`${shot.problems.length ? '✗' : '✓'} ${shot.name}${notes.length ? `\n    ${notes.join('\n    ')}` : ''}`);
      }
    }
  } finally {
    await session.close();
  }
  const seconds = (Date.now() - started) / 1000;
  fs.writeFileSync(path.join(OUT_DIR, 'index.html'), gallery(shots, missing, seconds));
  fs.writeFileSync(path.join(OUT_DIR, 'shots.json'), `${JSON.stringify({ seconds, shots, missing }, null, 2)}\n`);
  if (process.env.SHOUWANG_PREVIEW_DOCS) {
    fs.mkdirSync(DOCS_DIR, { recursive: true });
    for (const name of README_SHOTS) {
      const shot = shots.find((s) => s.name === name && s.png);
      if (shot?.png) fs.copyFileSync(path.join(OUT_DIR, shot.png), path.join(DOCS_DIR, shot.png));
      else console.warn(`README screenshot ${name} was not taken`);
    }
  }
  console.log(`${shots.length} shots of ${new Set(shots.map((s) => s.page)).size} pages in ${seconds.toFixed(1)} s → ${path.join(OUT_DIR, 'index.html')}`);
  expect(missing).toEqual([]);
  expect(shots.filter((s) => s.problems.length).map((s) => `${s.name}: ${s.problems.join('; ')}`)).toEqual([]);
});
