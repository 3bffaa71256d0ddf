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

const STAMP = '.shouwang-npm-stamp.json';

/**
 * The mini program packages among the root package.json's dependencies: those that declare a `miniprogram` dist
 * (tdesign-miniprogram). The other dependencies are the cloud functions' and the emulator's: DevTools' own 构建 npm
 * would try to pack them too, which is why the project packs npm manually with this script.
 */
function miniprogramPackages(root) {
  const { dependencies = {} } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return Object.keys(dependencies)
    .filter((name) => {
      const manifest = path.join(root, 'node_modules', name, 'package.json');
      return fs.existsSync(manifest) && Boolean(JSON.parse(fs.readFileSync(manifest, 'utf8')).miniprogram);
    })
    .sort();
}

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
  const distDir = path.join(pkgDir, pkg.miniprogram);
  if (!fs.existsSync(distDir)) throw new Error(`${name}: no miniprogram dist at ${distDir}`);

  const outDir = path.join(outRoot, name);
  const stampFile = path.join(outDir, STAMP);
  const stamp = { name, version: pkg.version, dist: pkg.miniprogram };
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
  const packages = miniprogramPackages(root);
  const built = [];
  const upToDate = [];
  for (const name of packages) (buildPackage(root, name, outRoot) ? built : upToDate).push(name);
  // A package no longer depended on must not stay in the upload.
  if (fs.existsSync(outRoot)) {
    for (const entry of fs.readdirSync(outRoot, { withFileTypes: true })) {
      if (entry.isDirectory() && !packages.includes(entry.name)) fs.rmSync(path.join(outRoot, entry.name), { recursive: true, force: true });
    }
  }
  return { built, upToDate };
}

module.exports = { buildMiniprogramNpm, miniprogramPackages };

if (require.main === module) {
  const started = Date.now();
  const { built, upToDate } = buildMiniprogramNpm(path.resolve(__dirname, '..'));
  console.log(`miniprogram_npm: built [${built.join(', ')}], up to date [${upToDate.join(', ')}] in ${Date.now() - started} ms`);
}
