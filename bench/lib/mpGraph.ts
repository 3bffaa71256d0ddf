/**
 * The files a mini program uploads, found the way DevTools does with `ignoreUploadUnusedFiles`: everything
 * reachable from app.json — the app files, each page and the components its .json uses (recursively, npm
 * components under miniprogram_npm included), the JS modules their scripts require/import, wxss @imports, wxml
 * <import>/<include>/<wxs>, wxs require()s, and images named by app.json (tabBar icons) or by a static src/url().
 *
 * Each file belongs to the subpackage whose root holds it, otherwise to the main package (WeChat's rule: a file
 * outside every subpackage root is in the main package, whoever uses it). TypeScript counts as the JavaScript
 * DevTools uploads for it, estimated with an esbuild transform to CommonJS (not minified).
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

export interface PackageFile {
  /** Path relative to the mini program root, as uploaded (.ts shown as .js). */
  path: string;
  bytes: number;
  /** The source on disk, when it is not the uploaded file itself (a .ts compiled to .js). */
  source?: string;
}

export interface MiniProgramPackage {
  /** `main`, or the subpackage's name (its root when unnamed). */
  name: string;
  root: string;
  files: PackageFile[];
  bytes: number;
}

export interface PackageReport {
  packages: MiniProgramPackage[];
  /** References that point at nothing (a typo, or a file this walker does not know how to find). */
  missing: string[];
  /** Cross-package references WeChat rejects (main → subpackage, subpackage → another subpackage). */
  violations: string[];
}

interface AppJson {
  pages?: string[];
  subPackages?: { root: string; name?: string; pages?: string[] }[];
  subpackages?: { root: string; name?: string; pages?: string[] }[];
  usingComponents?: Record<string, string>;
  tabBar?: { list?: { iconPath?: string; selectedIconPath?: string }[] };
  sitemapLocation?: string;
  themeLocation?: string;
}

const IMAGE = /\.(png|jpe?g|gif|svg|webp)$/i;

export function analyseMiniProgram(mpRoot: string): PackageReport {
  const app = JSON.parse(fs.readFileSync(path.join(mpRoot, 'app.json'), 'utf8')) as AppJson;
  const subpackages = (app.subPackages ?? app.subpackages ?? []).map((s) => ({ ...s, root: s.root.replace(/^\/+|\/+$/g, '') }));
  const files = new Map<string, PackageFile>(); // absolute source path → file
  const missing = new Set<string>();
  const violations = new Set<string>();
  const edges: [from: string, to: string][] = [];

  const rel = (abs: string) => path.relative(mpRoot, abs).split(path.sep).join('/');
  const packageOf = (abs: string) => subpackages.find((s) => rel(abs).startsWith(`${s.root}/`))?.root ?? '';
  const isFile = (p: string) => fs.existsSync(p) && fs.statSync(p).isFile();

  const queue: string[] = [];
  const add = (abs: string, from?: string): boolean => {
    if (!isFile(abs)) return false;
    if (from) edges.push([from, abs]);
    if (files.has(abs)) return true;
    let bytes = fs.statSync(abs).size;
    let uploaded = rel(abs);
    let source: string | undefined;
    if (abs.endsWith('.ts') && !abs.endsWith('.d.ts')) {
      bytes = Buffer.byteLength(compiledJs(abs));
      uploaded = uploaded.replace(/\.ts$/, '.js');
      source = rel(abs);
    }
    files.set(abs, { path: uploaded, bytes, source });
    queue.push(abs);
    return true;
  };
  const want = (abs: string, from: string | undefined, what: string) => {
    if (!add(abs, from)) missing.add(`${what} → ${rel(abs)}${from ? ` (from ${rel(from)})` : ''}`);
  };

  /** A page or component: base path without extension. Its .json, script, .wxml and .wxss. */
  const addComponent = (base: string, from?: string) => {
    const json = `${base}.json`;
    if (!isFile(json) && !isFile(`${base}.wxml`)) {
      missing.add(`component ${rel(base)}${from ? ` (from ${rel(from)})` : ''}`);
      return;
    }
    add(json, from);
    if (!add(`${base}.ts`, from)) add(`${base}.js`, from);
    add(`${base}.wxml`, from);
    add(`${base}.wxss`, from);
  };

  /** usingComponents value → component base path, searching miniprogram_npm like DevTools for package paths. */
  const componentBase = (spec: string, fromFile: string): string | undefined => {
    if (spec.startsWith('plugin://') || spec.startsWith('plugin-private://')) return undefined;
    const candidates: string[] = [];
    if (spec.startsWith('/')) candidates.push(path.join(mpRoot, spec));
    else if (spec.startsWith('.')) candidates.push(path.resolve(path.dirname(fromFile), spec));
    else {
      candidates.push(...npmCandidates(spec, path.dirname(fromFile), mpRoot));
      candidates.push(path.resolve(path.dirname(fromFile), spec), path.join(mpRoot, spec));
    }
    for (const c of candidates) {
      if (isFile(`${c}.json`) || isFile(`${c}.wxml`)) return c;
      if (isFile(path.join(c, 'index.json'))) return path.join(c, 'index');
    }
    return candidates[0];
  };

  /** require()/import specifier → module file. */
  const moduleFile = (spec: string, fromFile: string): string | undefined => {
    const dir = path.dirname(fromFile);
    const bases = spec.startsWith('/')
      ? [path.join(mpRoot, spec)]
      : spec.startsWith('.')
        ? [path.resolve(dir, spec)]
        : [...npmCandidates(spec, dir, mpRoot), path.resolve(dir, spec)];
    for (const base of bases) {
      for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')]) {
        if (isFile(candidate) && !candidate.endsWith('.d.ts')) return candidate;
      }
    }
    return undefined;
  };

  // The app itself.
  want(path.join(mpRoot, 'app.json'), undefined, 'app');
  if (!add(path.join(mpRoot, 'app.ts'))) want(path.join(mpRoot, 'app.js'), undefined, 'app script');
  add(path.join(mpRoot, 'app.wxss'));
  want(path.join(mpRoot, app.sitemapLocation ?? 'sitemap.json'), undefined, 'sitemap');
  if (app.themeLocation) want(path.join(mpRoot, app.themeLocation), undefined, 'theme');
  for (const item of app.tabBar?.list ?? []) {
    for (const icon of [item.iconPath, item.selectedIconPath])
      if (icon) want(path.join(mpRoot, icon), path.join(mpRoot, 'app.json'), 'tabBar icon');
  }
  for (const spec of Object.values(app.usingComponents ?? {})) {
    const base = componentBase(spec, path.join(mpRoot, 'app.json'));
    if (base) addComponent(base, path.join(mpRoot, 'app.json'));
  }
  for (const page of app.pages ?? []) addComponent(path.join(mpRoot, page), path.join(mpRoot, 'app.json'));
  for (const sub of subpackages)
    for (const page of sub.pages ?? []) addComponent(path.join(mpRoot, sub.root, page), path.join(mpRoot, 'app.json'));

  while (queue.length) {
    const file = queue.shift()!;
    const ext = path.extname(file);
    const text = fs.readFileSync(file, 'utf8');
    if (ext === '.json') {
      let parsed: { usingComponents?: Record<string, string>; componentGenerics?: Record<string, { default?: string } | boolean> } = {};
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        continue;
      }
      const specs = [
        ...Object.values(parsed.usingComponents ?? {}),
        ...Object.values(parsed.componentGenerics ?? {}).flatMap((g) => (typeof g === 'object' && g.default ? [g.default] : [])),
      ];
      for (const spec of specs) {
        const base = componentBase(spec, file);
        if (base) addComponent(base, file);
      }
    } else if (ext === '.js' || ext === '.ts' || ext === '.wxs') {
      const code = ext === '.ts' ? compiledJs(file) : text;
      for (const spec of moduleSpecifiers(code, ext === '.wxs')) {
        const target = moduleFile(spec, file);
        if (target) add(target, file);
        else missing.add(`module ${spec} (from ${rel(file)})`);
      }
    } else if (ext === '.wxss') {
      for (const match of text.matchAll(/@import\s+(?:url\()?\s*["']([^"']+)["']/g)) {
        const spec = match[1];
        const target = spec.startsWith('/') ? path.join(mpRoot, spec) : path.resolve(path.dirname(file), spec);
        want(/\.wxss$/.test(target) ? target : `${target}.wxss`, file, '@import');
      }
      for (const match of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) staticAsset(match[1], file);
    } else if (ext === '.wxml') {
      for (const match of text.matchAll(/<(import|include|wxs)\b[^>]*\bsrc\s*=\s*["']([^"'{}]+)["']/g)) {
        const [, tag, spec] = match;
        let target = spec.startsWith('/') ? path.join(mpRoot, spec) : path.resolve(path.dirname(file), spec);
        if (tag !== 'wxs' && !target.endsWith('.wxml')) target += '.wxml';
        want(target, file, `<${tag}>`);
      }
      for (const match of text.matchAll(/\bsrc\s*=\s*["']([^"'{}]+)["']/g)) staticAsset(match[1], file);
    }
  }

  function staticAsset(spec: string, from: string) {
    if (!IMAGE.test(spec) || /^(https?:|data:|\/\/)/.test(spec)) return;
    const target = spec.startsWith('/') ? path.join(mpRoot, spec) : path.resolve(path.dirname(from), spec);
    want(target, from, 'image');
  }

  const appJson = path.join(mpRoot, 'app.json');
  for (const [from, to] of edges) {
    if (from === appJson) continue; // app.json names every package's pages
    const a = packageOf(from);
    const b = packageOf(to);
    if (a !== b && b !== '') violations.add(`${rel(from)} (${a || 'main'}) → ${rel(to)} (${b})`);
  }

  const packages: MiniProgramPackage[] = [
    { name: 'main', root: '', files: [], bytes: 0 },
    ...subpackages.map((s) => ({ name: s.name ?? s.root, root: s.root, files: [] as PackageFile[], bytes: 0 })),
  ];
  for (const [abs, file] of files) {
    const pkg = packages.find((p) => p.root === packageOf(abs))!;
    pkg.files.push(file);
    pkg.bytes += file.bytes;
  }
  for (const pkg of packages) pkg.files.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
  return { packages, missing: [...missing].sort(), violations: [...violations].sort() };
}

/** npm lookups as the mini program runtime does them: miniprogram_npm folders from `dir` up to the mini program root. */
function npmCandidates(spec: string, dir: string, mpRoot: string): string[] {
  const out: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    out.push(path.join(d, 'miniprogram_npm', spec));
    if (path.relative(mpRoot, d) === '' || !d.startsWith(mpRoot) || path.dirname(d) === d) break;
  }
  return out;
}

const compiled = new Map<string, string>();

function compiledJs(file: string): string {
  let code = compiled.get(file);
  if (code === undefined) {
    code = transformSync(fs.readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', target: 'es2020', sourcefile: file }).code;
    compiled.set(file, code);
  }
  return code;
}

/** Module specifiers in JS (require, import/export … from, import "x", import("x")) or WXS (require only). */
function moduleSpecifiers(code: string, wxs: boolean): string[] {
  const specs = new Set<string>();
  // A specifier is a module path: no spaces, commas or brackets (so `from ', '` inside a string is not one).
  const spec = `["']([\\w@$~./-]+)["']`;
  const requireCall = new RegExp(`\\brequire\\s*\\(\\s*${spec}\\s*\\)`, 'g');
  const patterns = wxs
    ? [requireCall]
    : [requireCall, new RegExp(`\\bfrom\\s*${spec}`, 'g'), new RegExp(`\\bimport\\s*\\(?\\s*${spec}`, 'g')];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) specs.add(match[1]);
  return [...specs];
}
