#!/usr/bin/env node
// `npm run docs`: run scripts/api-docs.ts (bundled on the fly; wx-server-sdk stays external).
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const outfile = path.join(root, '.build', 'scripts', 'api-docs.js');
esbuild.buildSync({ entryPoints: [path.join(__dirname, 'api-docs.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning' });
console.log(`wrote ${path.relative(root, require(outfile).writeApiDocs(root))}`);
