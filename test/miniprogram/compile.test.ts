/**
 * Every template and style of the mini program compiles with the official compilers — including pages and
 * components no other test renders — and the checker itself catches what it claims to.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MINIPROGRAM_SRC } from './harness/build';
import { checkMiniprogram, formatProblems } from './harness/compileCheck';
import { miniprogramRoot } from './harness/render';

function copyOfSource(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-mp-'));
  fs.cpSync(MINIPROGRAM_SRC, dir, {
    recursive: true,
    filter: (src) => !/[\\/](miniprogram_npm|node_modules)([\\/]|$)/.test(src) && !src.endsWith('.js'),
  });
  return dir;
}

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function brokenCopy(file: string, edit: (text: string) => string): string {
  const dir = copyOfSource();
  temps.push(dir);
  const target = path.join(dir, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, 'utf8')));
  return dir;
}

describe('compile check', () => {
  it('finds no problem in the mini program, TDesign included', () => {
    const problems = checkMiniprogram(miniprogramRoot());
    expect(formatProblems(problems)).toBe('');
  });

  it('finds no problem in the source tree either (without miniprogram_npm)', () => {
    const dir = copyOfSource();
    temps.push(dir);
    expect(formatProblems(checkMiniprogram(dir))).toBe('');
  });

  it('reports an unclosed tag in a component no test renders', () => {
    const file = 'components/list-footer/index.wxml';
    const dir = brokenCopy(file, (wxml) => wxml.replace(/<\/view>\s*$/, ''));
    const problems = checkMiniprogram(dir);
    expect(problems).toEqual([expect.objectContaining({ file, kind: 'wxml' })]);
    expect(problems[0].message).toMatch(/end tag missing|expect end-tag/);
  });

  it('reports every broken template, not only the first', () => {
    const dir = brokenCopy('packages/admin/pages/overview/index.wxml', (wxml) => wxml.replace('</state-view>', '</state-veiw>'));
    fs.writeFileSync(path.join(dir, 'pages/notices/index.wxml'), '<view wx:else>孤立的 else</view>\n');
    const files = checkMiniprogram(dir).map((p) => p.file).sort();
    expect(files).toEqual(['packages/admin/pages/overview/index.wxml', 'pages/notices/index.wxml']);
  });

  it('reports a WXSS syntax error', () => {
    const file = 'packages/grid/pages/board/index.wxss';
    const dir = brokenCopy(file, (wxss) => `${wxss}\n.risk-dot--unfinished {\n  color: red;\n`);
    const problems = checkMiniprogram(dir);
    expect(problems).toEqual([expect.objectContaining({ file, kind: 'wxss' })]);
  });

  it('reports a usingComponents path that does not exist and a page missing from the tree', () => {
    const dir = brokenCopy('pages/home/index.json', (json) => json.replace('/components/state-view/index', '/components/state-veiw/index'));
    fs.rmSync(path.join(dir, 'packages/grid/pages/board/index.wxml'));
    const problems = checkMiniprogram(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'pages/home/index.json', kind: 'json', message: expect.stringContaining('state-veiw') }),
        expect.objectContaining({ file: 'app.json', kind: 'json', message: expect.stringContaining('packages/grid/pages/board/index.wxml') }),
      ]),
    );
  });
});
