/**
 * Two worlds, one `npm test`:
 * - node: the domain, the cloud functions, the emulator and scripts;
 * - miniprogram: pages and components rendered by miniprogram-simulate in jsdom, with the real TDesign
 *   components (their dist is ESM, so babel-jest transforms it).
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.node.json', diagnostics: false }];

module.exports = {
  // Scenario tests go through the function host and pages render real components: on a shared 2-core machine one
  // step can take seconds. Jest reads this only at the top level, not per project.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/miniprogram/'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/miniprogram'],
      testMatch: ['**/*.test.ts'],
      transform: {
        '^.+\\.ts$': tsJest,
        'tdesign-miniprogram/.+\\.js$': ['babel-jest', { presets: [['@babel/preset-env', { targets: { node: 'current' } }]] }],
      },
      transformIgnorePatterns: ['/node_modules/(?!tdesign-miniprogram/)'],
    },
  ],
};
