/**
 * 构建 npm, offline: what WeChat DevTools does for project.config.json's packNpmRelationList, for the packages the
 * mini program uses. A mini program package (one with a `miniprogram` field in its package.json, like
 * tdesign-miniprogram) is copied as it is from that folder to miniprogram/miniprogram_npm/<name>/ — including the
 * package's own nested miniprogram_npm (tslib, dayjs, …). Its JS stays ESM: DevTools' ES6→ES5 setting compiles it.
 *
 * Idempotent and fast: a stamp file records the installed version; when it matches, nothing is copied.
 */
const fs = require('fs');
const path = require('path');

/** The npm packages the mini program uses (dependencies of the root package.json that ship a miniprogram dist). */
const PACKAGES = ['tdesign-miniprogram'];
const STAMP = '.shouwang-npm-stamp.json';

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(src, dest);
    else if (entry.isFile()) fs.copyFileSync(src, dest);
  }
}

/** Builds one package; returns true when it copied, false when the stamp says it is up to date. */
function buildPackage(root, name, outRoot) {
  const pkgDir = path.join(root, 'node_modules', name);
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const distDir = path.join(pkgDir, pkg.miniprogram || 'miniprogram_dist');
  if (!fs.existsSync(distDir)) throw new Error(`${name}: no miniprogram dist at ${distDir}`);

  const outDir = path.join(outRoot, name);
  const stampFile = path.join(outDir, STAMP);
  const stamp = { name, version: pkg.version, dist: pkg.miniprogram || 'miniprogram_dist' };
  if (fs.existsSync(stampFile)) {
    try {
      const previous = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
      if (previous.name === stamp.name && previous.version === stamp.version && previous.dist === stamp.dist) return false;
    } catch {
      // unreadable stamp: rebuild
    }
  }
  // A different version was there: start clean so no stale file survives.
  fs.rmSync(outDir, { recursive: true, force: true });
  copyDir(distDir, outDir);
  fs.writeFileSync(stampFile, `${JSON.stringify(stamp)}\n`);
  return true;
}

/**
 * @param {string} root the repository root (holds package.json and node_modules)
 * @param {{ miniprogramRoot?: string }} [options] where miniprogram_npm goes (default: <root>/miniprogram)
 * @returns {{ built: string[], upToDate: string[] }}
 */
function buildMiniprogramNpm(root, options = {}) {
  const outRoot = path.join(options.miniprogramRoot || path.join(root, 'miniprogram'), 'miniprogram_npm');
  const built = [];
  const upToDate = [];
  for (const name of PACKAGES) (buildPackage(root, name, outRoot) ? built : upToDate).push(name);
  return { built, upToDate };
}

module.exports = { buildMiniprogramNpm, PACKAGES };

if (require.main === module) {
  const started = Date.now();
  const { built, upToDate } = buildMiniprogramNpm(path.resolve(__dirname, '..'));
  console.log(`miniprogram_npm: built [${built.join(', ')}], up to date [${upToDate.join(', ')}] in ${Date.now() - started} ms`);
}
