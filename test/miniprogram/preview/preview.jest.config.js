/**
 * `npm run preview` (scripts/preview.js): the miniprogram project of jest.config.js (jsdom, ts-jest, TDesign through
 * babel-jest) running only gallery.preview.ts, which `npm test` never picks up (it matches *.test.ts).
 */
const path = require('path');
const base = require('../../../jest.config.js').projects.find((p) => p.displayName === 'miniprogram');

module.exports = {
  ...base,
  displayName: 'preview',
  rootDir: path.resolve(__dirname, '../../..'),
  roots: ['<rootDir>/test/miniprogram/preview'],
  testMatch: ['**/gallery.preview.ts'],
};
