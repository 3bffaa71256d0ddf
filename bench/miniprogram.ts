/**
 * Mini program package sizes: the main package and each subpackage, as the bytes of the files reachable from
 * miniprogram/app.json (bench/lib/mpGraph.ts says exactly what is followed). WeChat's limits are 2 MB per package
 * (main included) and 20 MB in all; the project keeps the main package at half its limit (DESIGN.md: staff pages
 * live in subpackages, the main package stays far below 2 MB).
 */
import path from 'node:path';
import { analyseMiniProgram } from './lib/mpGraph';
import { atMost, type AreaResult, type BenchContext, type Benchmark, type DetailTable, type Figure } from './types';

const KB = 1024;
const MAIN_BUDGET_KB = 1024; // 1 MB
const SUBPACKAGE_BUDGET_KB = 2048; // 2 MB, WeChat's limit per package

const kb = (bytes: number) => Math.round((bytes / KB) * 10) / 10;

/** Groups a file for the "where the bytes are" table: npm component folders, else the first folder. */
function groupOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'miniprogram_npm') {
    // miniprogram_npm/<pkg>/<component or module>/…, and a package's own nested miniprogram_npm/<dep>
    return parts[2] === 'miniprogram_npm' ? parts.slice(0, 4).join('/') : parts.slice(0, Math.min(3, parts.length - 1)).join('/');
  }
  return parts.length > 1 ? parts[0] : '(app files)';
}

async function run(ctx: BenchContext): Promise<AreaResult> {
  const mpRoot = path.join(ctx.root, 'miniprogram');
  const report = analyseMiniProgram(mpRoot);
  const figures: Figure[] = [];
  const tables: DetailTable[] = [];
  const notes: string[] = [];

  for (const pkg of report.packages) {
    const isMain = pkg.name === 'main';
    ctx.log(`${isMain ? 'main package' : `subpackage ${pkg.name}`}: ${pkg.files.length} files, ${kb(pkg.bytes)} KB`);
    figures.push({
      name: isMain ? 'main package' : `subpackage ${pkg.name} (${pkg.root}/)`,
      value: kb(pkg.bytes),
      unit: 'KB',
      budget: atMost(isMain ? MAIN_BUDGET_KB : SUBPACKAGE_BUDGET_KB),
      note: `${pkg.files.length} files`,
    });
  }
  const total = report.packages.reduce((sum, p) => sum + p.bytes, 0);
  figures.push({
    name: 'whole mini program (all packages)',
    value: kb(total),
    unit: 'KB',
    note: "WeChat's limit for all packages together is 20 MB",
  });

  const main = report.packages.find((p) => p.name === 'main')!;
  tables.push({
    title: 'Main package: the 10 largest files',
    columns: ['file', 'bytes', 'KB'],
    rows: main.files.slice(0, 10).map((f) => [f.source ? `${f.path} (compiled from ${f.source})` : f.path, f.bytes, kb(f.bytes)]),
  });
  const groups = new Map<string, { bytes: number; files: number }>();
  for (const f of main.files) {
    const g = groups.get(groupOf(f.path)) ?? { bytes: 0, files: 0 };
    g.bytes += f.bytes;
    g.files += 1;
    groups.set(groupOf(f.path), g);
  }
  tables.push({
    title: 'Main package: where the bytes are (largest 15 groups)',
    columns: ['group', 'files', 'KB', 'share'],
    rows: [...groups.entries()]
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, 15)
      .map(([group, g]) => [group, g.files, kb(g.bytes), `${Math.round((g.bytes / main.bytes) * 100)}%`]),
  });
  notes.push(
    'Files outside every subpackage root (shared components, miniprogram_npm) count toward the main package even when ' +
      'only subpackages use them, as WeChat packs them. TypeScript counts as its compiled JavaScript (esbuild, CommonJS, ' +
      'not minified); DevTools uploads with `minified: true`, so the real upload is somewhat smaller.',
  );
  if (report.missing.length) notes.push(`References that resolve to no file (not counted): ${report.missing.join('; ')}.`);
  if (report.violations.length) notes.push(`Cross-package references WeChat rejects: ${report.violations.join('; ')}.`);
  return { figures, tables, notes };
}

export const miniprogramBenchmark: Benchmark = {
  id: 'miniprogram',
  title: 'Mini program packages',
  description:
    'The bytes of the files reachable from miniprogram/app.json, per package: pages, their components (recursively, ' +
    'TDesign from miniprogram_npm included), the JS modules their scripts require, imported wxss, wxs and wxml templates, ' +
    'and images (tabBar icons). TypeScript counts as the JavaScript it compiles to.',
  run,
};
